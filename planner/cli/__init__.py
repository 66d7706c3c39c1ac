"""The `planner` command line: the composition root that wires db and screens together.

One module per command group; `planner.cli.main` holds the entry point.
"""
