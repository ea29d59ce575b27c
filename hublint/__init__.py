"""hublint: a linter for JupyterHub single-user Docker images.

Public API (imports stay cheap: heavy modules load on first use)::

    hublint.parse(source) -> Dockerfile          # raises hublint.ParseError as BuildKit would
    hublint.lint_text(text, path="Dockerfile", **options) -> list[Finding]
    hublint.lint_paths(paths, **options) -> list[Finding]
"""

from __future__ import annotations

from ._version import __version__

TYPE_CHECKING = False  # typing is not imported at run time: start-up time matters
if TYPE_CHECKING:
    from typing import Any

    from .dockerfile.model import Dockerfile
    from .lint.finding import Finding

__all__ = ["__version__", "parse", "lint_text", "lint_paths", "ParseError", "Finding", "Dockerfile"]


def parse(source: str | bytes, build_args: dict[str, str] | None = None) -> Dockerfile:
    """Parse a Dockerfile as BuildKit reads it; raise :class:`ParseError` where BuildKit rejects it."""
    from .dockerfile.model import analyze
    from .dockerfile.syntax import decode, scan
    from .image.knowledge import base_env

    text = decode(source) if isinstance(source, (bytes, bytearray)) else source
    return analyze(scan(text), build_args, base_env)


def _request(values: dict[str, Any], **fields: Any) -> Any:
    """API keyword options (config keys in snake_case, and ``role``) -> a workspace request."""
    from .settings.config import API_ONLY, KEYS, ConfigError, validate
    from .workspace.run import Request

    by_field = {f: key for key, (f, _) in KEYS.items()}
    unknown = sorted(set(values) - set(by_field) - set(API_ONLY))
    if unknown:
        raise TypeError(f"unknown hublint option {unknown[0]!r}")
    try:
        settings = validate({by_field[k]: v for k, v in values.items() if k in by_field}, "options")
        role = API_ONLY["role"][1]("role", values["role"], "options") if "role" in values else None
    except ConfigError as exc:
        raise ValueError(str(exc)) from None
    return Request(settings=settings, role=role, **fields)


def lint_text(text: str | bytes, path: str = "Dockerfile", **options: Any) -> list[Finding]:
    """Lint Dockerfile text with options named as the config keys in snake_case (no config file is read, and no
    deployment around ``path``: the text alone).

    The image's role comes from the text itself (``role="singleuser"|"hub"|"other"`` decides it instead):
    a Dockerfile with no Jupyter evidence is ``other`` and gets no findings but HUB001/HUB002.

    A ``path`` ending in ``.py``, ``.yaml`` or ``.yml`` is read as a Hub configuration (jupyterhub_config.py or
    zero-to-jupyterhub values) instead."""
    from .workspace.run import run

    raw = bytes(text) if isinstance(text, (bytes, bytearray)) else None
    request = _request(
        options,
        paths=["-"],
        stdin=raw,
        text=None if raw is not None else text,
        stdin_filename=path,
        use_config=False,
        deployment=False,
    )
    return run(request).findings


def lint_paths(paths, *, config: str | None = None, use_config: bool = True, **options: Any) -> list[Finding]:
    """Lint files and folders as the CLI does (config files discovered unless ``use_config=False``).

    Raises ``ValueError`` naming the cause for a missing path or a bad config file.
    """
    from .workspace.run import run

    if isinstance(paths, str):
        paths = [paths]
    request = _request(options, paths=[str(p) for p in paths], config_file=config, use_config=use_config)
    report = run(request)
    if report.errors:
        raise ValueError("; ".join(report.errors))
    return sorted(report.findings)


def __getattr__(name: str) -> Any:
    if name == "ParseError":
        from .dockerfile.syntax import ParseError

        return ParseError
    if name == "Finding":
        from .lint.finding import Finding

        return Finding
    if name == "Dockerfile":
        from .dockerfile.model import Dockerfile

        return Dockerfile
    raise AttributeError(f"module 'hublint' has no attribute {name!r}")
