"""Settings: the configuration (``.hublint.toml`` or ``[tool.hublint]``, the command line's options and the
API's keywords) validated into a frozen :class:`~.options.Settings` — configuration only.

- :mod:`.config`: finding, loading and validating configuration files; merging the command line over them;
- :mod:`.options`: :class:`~.options.Settings`.

Imports: :mod:`hublint.checks` (rule selectors are validated against the registry), :mod:`hublint.lint`,
:mod:`hublint.image` (image declarations) and this package.
"""
