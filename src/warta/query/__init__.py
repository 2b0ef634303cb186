"""query stage(s)."""
