"""Follow-up of the year: performed against the phased plan, settlement, the indicator."""
