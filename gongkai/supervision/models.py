"""督查考核: supervision and assessment (督查考核): the office's dashboard, timeliness checks and their findings, the work plan, unit scorecards, bulletins."""
