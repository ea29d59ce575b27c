"""Rule modules: one per code (``hubNNN_<name>.py``), listed in :mod:`hublint.registry`.

Each exposes ``check(ctx) -> Iterator[Hit]`` (and ``check_config(cfg, options)`` for the Hub's files);
rules yield hits: they never print, read configuration or choose a severity.

Imports: the lint core (:mod:`hublint.context`, :mod:`hublint.fixes`, …), :mod:`hublint.dockerfile`,
:mod:`hublint.image`, :mod:`hublint.deployment` and this package; never formatters or the command line.
"""
