"""``hublint --server``: the language server (the ``server`` extra: pygls and lsprotocol).

Imports: :mod:`hublint.workspace` (it lints through :func:`hublint.workspace.run.run`, keeping a
:class:`~hublint.workspace.workspace.Workspace` for its life), the packages below it and this package; never
the command line.  Nothing on the command line's path imports it but ``--server``; only :mod:`.lsp` imports
pygls.

- :mod:`.session`: documents, findings, quick fixes, ignore pragmas, fix-all and hover, in plain values;
- :mod:`.lsp`: the protocol (pygls), started by :func:`serve`.
"""

from __future__ import annotations

__all__ = ["serve"]


def serve(tcp: str | None = None) -> int:
    """Run the language server (stdio, or ``HOST:PORT``); a clear one-line error when the extra is missing."""
    import sys

    try:
        from .lsp import serve as run
    except ImportError as exc:
        sys.stderr.write(
            "hublint: error: --server needs the `server` extra (pygls, lsprotocol): "
            "pip install 'hublint[server] @ git+https://github.com/hublint/hublint', "
            f"or pip install -e '.[server]' in a clone ({exc})\n"
        )
        return 2
    return run(tcp)
