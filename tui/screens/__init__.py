"""The Broadsheet screens, one per module."""
