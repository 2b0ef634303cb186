"""stories stage(s)."""
