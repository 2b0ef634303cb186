"""extract stage(s)."""
