"""The rule catalogue: one Markdown page per rule, shipped as ``hublint.catalog``."""
