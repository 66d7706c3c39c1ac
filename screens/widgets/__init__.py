"""Widgets the screens compose: grids, the cell editor, panels, the status line."""
