"""quotes stage(s)."""
