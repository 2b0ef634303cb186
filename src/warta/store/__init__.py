"""store stage(s)."""
