"""nlp stage(s)."""
