"""Broadsheet's terminal side: the Textual app and the `broadsheet` command."""
