"""Files and folders -> findings: discovery, reading, per-file configuration."""

from __future__ import annotations

import fnmatch
import os
from collections import namedtuple
from collections.abc import Iterable, Iterator, Mapping

from ..config import ConfigError, build_options, find_config, load_config
from ..dockerfile.syntax import ParseError, decode_detail, encode
from ..engine import lint_source
from ..options import Options

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..finding import Finding

__all__ = ["Report", "discover", "lint_files", "is_dockerfile_name"]

_PATTERNS = ("Dockerfile", "Containerfile", "Dockerfile.*", "Containerfile.*", "*.Dockerfile", "*.dockerfile")


def is_dockerfile_name(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in _PATTERNS)


def is_hub_config(path: str) -> bool:
    """A Hub configuration rather than a Dockerfile: ``*.py`` (jupyterhub_config.py) or a YAML values file."""
    name = os.path.basename(path)
    return not is_dockerfile_name(name) and name.endswith((".py", ".yaml", ".yml"))


class Report:
    def __init__(
            self, findings: list[Finding] | None = None, errors: list[str] | None = None, files: int = 0,
            options_by_path: dict[str, Options] | None = None, fixed: dict[str, str] | None = None,
            sources: dict[str, str] | None = None,
    ) -> None:
        self.findings = list() if findings is None else findings
        self.errors = list() if errors is None else errors
        self.files = files
        self.options_by_path = dict() if options_by_path is None else options_by_path
        self.fixed = dict() if fixed is None else fixed
        self.sources = dict() if sources is None else sources
        self.hub_configs: dict[str, object] = {}  # --hub-config files, parsed once


def discover(path: str, errors: list[str]) -> Iterator[str]:
    """Dockerfiles under a folder, sorted, skipping hidden folders and symlinked folders."""
    found = []
    for root, dirs, files in os.walk(path, onerror=lambda e: errors.append(
            f"{e.filename}: cannot read folder ({e.strerror})")):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if is_dockerfile_name(name) or name == "jupyterhub_config.py":
                found.append(os.path.join(root, name))
    found.sort()
    return iter(found)


class _Configs:
    """Per-folder configuration, loaded once."""

    def __init__(self, cli: Mapping[str, object], config_file: str | None, use_config: bool) -> None:
        self.cli = dict(cli)
        self.use_config = use_config
        self.fixed: dict[str, object] | None = None
        self.cache: dict[str | None, Options] = {}
        if config_file is not None:
            self.fixed = load_config(config_file)

    def for_folder(self, folder: str) -> Options:
        if self.fixed is not None:
            key = None
            values = self.fixed
        elif not self.use_config:
            key, values = None, {}
        else:
            key = find_config(folder)
            values = load_config(key) if key is not None and key not in self.cache else {}
        if key not in self.cache:
            self.cache[key] = build_options(values, self.cli)
        return self.cache[key]


def lint_files(paths: Iterable[str], cli: Mapping[str, object] | None = None, *, config_file: str | None = None,
               use_config: bool = True, stdin_text: bytes | None = None, stdin_filename: str | None = None,
               fix: str | None = None) -> Report:
    """Lint paths (``-`` for ``stdin_text``).  Bad paths and bad configs become ``Report.errors``.

    ``fix``: None, "safe" or "unsafe" — compute fixed texts (``Report.fixed``); nothing is written here.
    """
    report = Report()
    cli = dict(cli or {})
    hub_configs = list(cli.pop("hub_config", None) or [])
    if hub_configs and cli.get("spawner_cmd") is None and _declares_spawner_cmd(hub_configs, report):
        cli["spawner_cmd"] = True
    paths = list(paths) + [p for p in hub_configs if p not in paths and os.path.exists(p)]
    try:
        configs = _Configs(cli, config_file, use_config)
    except ConfigError as exc:
        report.errors.append(str(exc))
        return report
    for path in paths:
        if path == "-":
            name = stdin_filename or "-"
            folder = (os.path.dirname(stdin_filename) or os.curdir) if stdin_filename else os.getcwd()
            _lint_one(report, configs, name, stdin_text or b"", folder, fix)
            continue
        if os.path.isdir(path):
            files = list(discover(path, report.errors))
            if not files:
                report.errors.append(f"{path}: no Dockerfile found in this folder "
                                     f"(looked for {', '.join(_PATTERNS)})")
            for file in files:
                _read_and_lint(report, configs, file, fix)
        elif os.path.exists(path):
            _read_and_lint(report, configs, path, fix)
        elif os.path.lexists(path):
            report.errors.append(f"{path}: broken symbolic link")
        else:
            report.errors.append(f"{path}: no such file or folder")
    return report


def _declares_spawner_cmd(paths: list[str], report: Report) -> bool:
    """Does one of the ``--hub-config`` files set the single-user command (c.Spawner.cmd, z2jh singleuser.cmd)?"""
    from ..deployment.hubconfig import ConfigReadError
    from ..engine import read_hub_config

    declared = False
    for path in paths:
        try:
            with open(path, "rb") as fh:
                text = decode_detail(fh.read())[0]
            cfg = read_hub_config(text, path)
        except OSError as exc:
            report.errors.append(f"{path}: cannot read --hub-config file ({exc.strerror or exc})")
            continue
        except (ParseError, ConfigReadError):
            continue  # reported as HUB001 when the file is linted
        if cfg is None:
            report.errors.append(f"{path}: --hub-config is neither a jupyterhub_config.py nor a "
                                 "zero-to-jupyterhub values file")
            continue
        report.hub_configs[path] = cfg
        declared = declared or cfg.spawner_cmd_declared()
    return declared


def _read_and_lint(report: Report, configs: _Configs, path: str, fix) -> None:
    import stat

    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            report.errors.append(f"{path}: is a folder")
            return
        if not stat.S_ISREG(mode):
            report.errors.append(f"{path}: not a regular file (a pipe, socket or device); hublint reads files only")
            return
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        report.errors.append(f"{path}: cannot read file ({exc.strerror or exc})")
        return
    _lint_one(report, configs, path, raw, os.path.dirname(path) or os.curdir, fix)


def _lint_one(report: Report, configs: _Configs, path: str, raw: bytes, folder: str, fix) -> None:
    try:
        options = configs.for_folder(folder)
    except ConfigError as exc:
        report.errors.append(str(exc))
        return
    report.files += 1
    report.options_by_path[path] = options
    context_dir = options.context or str(folder)
    try:
        text, codec, bom = decode_detail(raw)
    except ParseError as exc:
        from ..engine import parse_error_finding

        report.findings.extend(parse_error_finding(exc, path, options))
        return
    if is_hub_config(path):
        from ..engine import lint_config_source

        report.sources[path] = text
        report.findings.extend(lint_config_source(text, path, options, report.hub_configs.get(path)))
        return
    findings = lint_source(text, path, options, context_dir)
    if fix:
        fixed, findings, count = _fix_loop(text, findings, path, options, context_dir, fix == "unsafe")
        if fixed != text:
            report.fixed[path] = Fixed(text, fixed, codec, bom, count)
            text = fixed
    report.sources[path] = text
    report.findings.extend(findings)


class Fixed(namedtuple("Fixed", "before after codec bom count")):
    """A file's text before and after fixing, how to encode it back, and how many fixes were applied."""

    __slots__ = ()

    def encoded(self) -> bytes:
        return encode(self.after, self.codec, self.bom)


def _fix_loop(text, findings, path, options, context_dir, unsafe: bool):
    """Apply fixes until none applies (at most 5 rounds, so one ``--fix`` is idempotent).

    A round whose result no longer parses is dropped."""
    from ..fixes import apply_fixes

    count = 0
    for _ in range(5):
        fixes = [f.fix for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]
        if not fixes:
            break
        candidate, applied = apply_fixes(text, fixes)
        if not applied or candidate == text:
            break
        relinted = lint_source(candidate, path, options, context_dir)
        if any(f.code == "HUB001" for f in relinted) and not any(f.code == "HUB001" for f in findings):
            break  # never make a file unparsable
        text, findings, count = candidate, relinted, count + applied
    return text, findings, count


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, renamed over it; mode kept."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".hublint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
