"""The application (transitional docstring)."""
