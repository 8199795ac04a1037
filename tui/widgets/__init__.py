"""The Broadsheet widgets, one major widget per module."""
