"""planner: production planning of commissioned care volumes (bas and tillägg)."""

__version__ = "0.1.0"
