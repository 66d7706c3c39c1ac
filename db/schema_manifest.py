"""The tables and triggers of a file with every schema step, listed once instead of being
rebuilt in memory on every start (that cost ~25 ms before the first frame).

tests/test_schema_manifest.py fails when a step changes them without this list following;
a file with other steps (older, or code with a new step) is checked against an in-memory build.
"""

STEPS = (
    "m001_plans",
    "m002_snapshots",
    "m003_reviews",
    "m004_tamper_evidence",
    "m005_review_price_class",
    "m006_outcomes",
    "m007_price_changes",
    "m008_chain",
    "m010_daily",
    "m013_chain_reviews",
    "m014_decision_money",
    "m015_register",
    "m016_scenarios",
    "m017_line_notes",
)
OBJECTS = frozenset(
    {
        ("table", "_sqlite_migrations"),
        ("table", "audit_log"),
        ("table", "decision_prices"),
        ("table", "frame_adjustments"),
        ("table", "frame_item_actuals"),
        ("table", "frame_items"),
        ("table", "frames"),
        ("table", "hospitals"),
        ("table", "indicator_outcomes"),
        ("table", "indicators"),
        ("table", "line_notes"),
        ("table", "lines"),
        ("table", "outcomes"),
        ("table", "phasing"),
        ("table", "phasing_log"),
        ("table", "plan_settings"),
        ("table", "plan_settings_log"),
        ("table", "plans"),
        ("table", "price_changes"),
        ("table", "prices"),
        ("table", "review_items"),
        ("table", "reviews"),
        ("table", "settings"),
        ("table", "snapshots"),
        ("table", "training_place_totals"),
        ("table", "training_places"),
        ("table", "volumes"),
        ("trigger", "audit_log_no_delete"),
        ("trigger", "audit_log_no_update"),
        ("trigger", "phasing_log_no_delete"),
        ("trigger", "phasing_log_no_update"),
        ("trigger", "plan_settings_log_no_delete"),
        ("trigger", "plan_settings_log_no_update"),
        ("trigger", "price_changes_no_delete"),
        ("trigger", "price_changes_no_update"),
        ("trigger", "snapshots_no_delete"),
        ("trigger", "snapshots_no_update"),
    }
)
