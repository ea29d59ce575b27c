"""``hublint --server``: the language server (the ``server`` extra: pygls and lsprotocol).

May import anything of hublint (like :mod:`hublint.cli`, it is an outer layer); nothing on the command
line's path imports it, and only :mod:`.lsp` imports pygls.

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
