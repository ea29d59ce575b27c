"""Data files of the lint core: ``findings.schema.json``, the JSON Schema of ``--format json``.

(The image knowledge lives with :mod:`hublint.image.knowledge`.)
"""
