"""The application: paths or editor buffers in, a report out — one straight line (:func:`.run.run`) that the
command line, the Python API and the language server share.

discover (:mod:`.discover`, :mod:`.root`) → read once (:mod:`.sources`) → model (:mod:`.units`, the
deployment readers) → graph (:mod:`.graph`, its files read by :mod:`.deployfiles`), the Hub's version
(:mod:`.hubs`), roles (:mod:`.signs`, :mod:`.evidence`, :mod:`.roles`), facts (:mod:`.facts`) → lint each unit
with the engine and the registry → :mod:`.report`.
:mod:`.workspace` keeps what stays valid between runs (the language server's); :mod:`.describe` gives the
deployment as JSON.

Imports: everything below it — :mod:`hublint.settings`, :mod:`hublint.checks`, :mod:`hublint.lint`,
:mod:`hublint.deployment`, :mod:`hublint.image`, :mod:`hublint.dockerfile` — and this package; never the
formatters, the server or the command line.  This ``__init__`` imports nothing: :mod:`.root` is on the run
cache's path.
"""
