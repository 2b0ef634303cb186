"""serve stage(s)."""
