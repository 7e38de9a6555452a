"""行业领域数据: sector figures (行业领域数据) that departments report yearly on a form with units and checks."""
