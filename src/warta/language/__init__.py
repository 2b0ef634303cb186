"""language stage(s)."""
