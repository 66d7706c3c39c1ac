"""Readers of what users bring in: decision tables, pasted tables and outcome files."""
