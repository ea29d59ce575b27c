"""The rule vocabulary and the engine (transitional docstring)."""
