"""The Hub's own files, read statically (never imported, executed or fetched).

- :mod:`.hubconfig`: ``jupyterhub_config.py`` (Python ``ast``; a long file a run at a time, :mod:`.pyruns`; names
  changed in place and calls, :mod:`.pychanges`) and
  zero-to-jupyterhub values (YAML nodes).

Imports: :mod:`hublint.dockerfile`, :mod:`hublint.image`, this package, and the leaf record modules
:mod:`hublint.edits` and :mod:`hublint.lazy`.
"""
