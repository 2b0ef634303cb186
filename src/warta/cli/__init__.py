"""cli stage(s)."""
