"""The rules: one module per code (``hubNNN_<name>.py``), each declaring its identity once
(``RULE = Rule(code, name, severity, summary, …)``) and its checks — ``check(inp: ImageInput)`` for images,
``check_config(inp: ConfigInput)`` for deployment files.  Rules yield hits: they never print, read
configuration or choose a severity.  :mod:`.registry` lists them explicitly; :mod:`.pages` reads their pages
(``rules/*.md``, shipped as :mod:`hublint.catalog`).

Imports: :mod:`hublint.lint` (the vocabulary: Hit, Rule, the inputs, fixes), :mod:`hublint.dockerfile`,
:mod:`hublint.image`, :mod:`hublint.deployment` and this package; never the workspace, formatters or the command
line.  ``_``-modules are helpers shared by rules; a rule does not import another rule.
"""
