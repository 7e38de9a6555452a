"""行政许可和行政处罚“双公示”: licensing and penalty / enforcement decisions published within their limit (双公示)."""
