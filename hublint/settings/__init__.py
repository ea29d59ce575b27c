"""Configuration (transitional docstring)."""
