"""The library: the SQLite store, its migrations, de-duplication and the filter language."""
