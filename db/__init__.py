"""SQLite storage for planner: connection rules, schema, seeds and repositories."""
