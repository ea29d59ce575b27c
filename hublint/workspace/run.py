"""Files and folders -> findings: discovery, reading, per-folder configuration, the deployment around each
file (:mod:`hublint.project`), roles, and fixes (computed here, written by the command)."""

from __future__ import annotations

import os
from collections import namedtuple
from collections.abc import Iterable, Mapping

from ..dockerfile.syntax import ParseError, decode_detail, encode
from ..lint.engine import lint_context, lint_source, parse_error_finding, resolve_role
from ..settings.config import ConfigError, build_options, find_config, load_config
from ..settings.options import Options
from .discover import dockerfile_name, kind_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..lint.finding import Finding

__all__ = ["Report", "FileEntry", "lint_files", "is_dockerfile_name", "is_hub_config", "write_atomic"]

_WHAT = (
    "Dockerfile, Containerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, *.dockerfile, *.Containerfile, "
    "jupyterhub_config.py, compose and z2jh values files"
)


def is_dockerfile_name(name: str) -> bool:
    return dockerfile_name(name)


def is_hub_config(path: str) -> bool:
    """A Hub configuration rather than a Dockerfile: ``*.py`` (jupyterhub_config.py) or a YAML values file."""
    name = os.path.basename(path)
    return not dockerfile_name(name) and name.endswith((".py", ".yaml", ".yml"))


def _kind(path: str) -> str:
    """The kind of a file named explicitly: by its name; ``.py`` and YAML files are Hub configurations; anything
    else is read as a Dockerfile (``hublint my-image-recipe`` works)."""
    kind = kind_of(path)
    if kind is not None:
        return kind
    name = os.path.basename(path)
    if name.endswith(".py"):
        return "hub-config"
    if name.endswith((".yaml", ".yml")):
        return "values"
    if name.startswith(".env"):
        return "env"
    return "dockerfile"


class FileEntry(namedtuple("FileEntry", "path kind role reason linted")):
    """One file (or build target, ``path#target``) and what was decided about it (JSON ``files``)."""

    __slots__ = ()

    def to_json(self) -> dict:
        return {"path": self.path, "kind": self.kind, "role": self.role, "reason": self.reason, "linted": self.linted}


class Report:
    def __init__(
        self,
        findings: list[Finding] | None = None,
        errors: list[str] | None = None,
        files: int = 0,
        options_by_path: dict[str, Options] | None = None,
        fixed: dict[str, Fixed] | None = None,
        sources: dict[str, str] | None = None,
    ) -> None:
        self.findings = list() if findings is None else findings
        self.errors = list() if errors is None else errors
        self.files = files
        self.options_by_path = dict() if options_by_path is None else options_by_path
        self.fixed = dict() if fixed is None else fixed
        self.sources = dict() if sources is None else sources
        self.hub_configs: dict[str, object] = {}  # --hub-config files, parsed once
        self.entries: list[FileEntry] = []
        self.projects: list = []  # the repositories the linted files belong to (hublint.project.Project)


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


def _discover(folder: str, options: Options, errors: list[str]) -> list[tuple[str, str]]:
    """(path as shown, kind) of every file hublint reads under ``folder``."""
    from .discover import DEFAULT_EXCLUDE, Ignore, walk

    patterns = options.exclude if options.exclude is not None else tuple(("", p) for p in DEFAULT_EXCLUDE)
    exclude = [Ignore(base or os.path.abspath(folder), [p]) for base, p in (*patterns, *options.extend_exclude)]
    found = walk(folder, gitignore=options.respect_gitignore, exclude=exclude, errors=errors)
    top = os.path.abspath(folder)
    return [(os.path.normpath(os.path.join(folder, os.path.relpath(os.path.abspath(p), top))), k) for p, k in found]


def lint_files(
    paths: Iterable[str],
    cli: Mapping[str, object] | None = None,
    *,
    config_file: str | None = None,
    use_config: bool = True,
    stdin_text: bytes | None = None,
    stdin_filename: str | None = None,
    fix: str | None = None,
    overrides: Mapping[str, str] | None = None,
    stdin_in_project: bool = True,
) -> Report:
    """Lint paths (``-`` for ``stdin_text``).  Bad paths and bad configs become ``Report.errors``.

    ``overrides``: absolute path -> text of files whose unsaved text the deployment must use (an editor's
    open buffers); ``stdin_in_project``: whether standard input's text also replaces its file in the
    deployment (a language server passes False for a Dockerfile being typed: its role and the deployment
    around it come from the saved files, so the deployment is not rebuilt at every keystroke).

    ``fix``: None, "safe" or "unsafe" — compute fixed texts (``Report.fixed``); nothing is written here.
    ``cli["role"]``: the role of files named explicitly and of standard input (None: decide from evidence).
    """
    report = Report()
    values: dict[str, Any] = dict(cli or {})
    hub_configs = list(values.pop("hub_config", None) or [])
    cli_role = values.pop("role", None)
    if hub_configs and values.get("spawner_cmd") is None and _declares_spawner_cmd(hub_configs, report):
        values["spawner_cmd"] = True
    paths = list(paths)
    known = {os.path.realpath(p) for p in paths if p != "-"}
    paths += [p for p in hub_configs if os.path.exists(p) and os.path.realpath(p) not in known]
    try:
        configs = _Configs(values, config_file, use_config)
    except ConfigError as exc:
        report.errors.append(str(exc))
        return report
    runner = _Runner(report, configs, fix, cli_role)
    runner.overrides.update(overrides or {})
    stdin_decoded = None
    if "-" in paths and stdin_filename and stdin_in_project:
        try:
            stdin_decoded = decode_detail(stdin_text or b"")
        except ParseError:
            stdin_decoded = None
        if stdin_decoded is not None:
            runner.overrides[os.path.abspath(stdin_filename)] = stdin_decoded[0]
    jobs: list[tuple[str, bool, str | None]] = []  # (path, named explicitly, the folder argument it came from)
    for path in paths:
        if path == "-":
            jobs.append(("-", True, None))
        elif os.path.isdir(path):
            try:
                options = configs.for_folder(path)
            except ConfigError as exc:
                report.errors.append(str(exc))
                continue
            files = _discover(path, options, report.errors)
            files += runner.built_dockerfiles(path, {os.path.abspath(f) for f, _ in files})
            if not files:
                report.errors.append(
                    f"{path}: no Dockerfile found in this folder, nor a Hub configuration, compose or "
                    f"values file (looked for {_WHAT})"
                )
            jobs.extend((f, False, path) for f, _ in files)
        elif os.path.exists(path):
            jobs.append((path, True, None))
        elif os.path.lexists(path):
            report.errors.append(f"{path}: broken symbolic link")
        else:
            report.errors.append(f"{path}: no such file or folder")
    seen: set[str] = set()
    for path, explicit, folder_arg in jobs:
        if path != "-":
            real = os.path.realpath(path)
            if real in seen:
                continue  # the same file named twice (`./app/x` and `app/x`): linted once
            seen.add(real)
        if path == "-":
            name = stdin_filename or "-"
            folder = (os.path.dirname(stdin_filename) or os.curdir) if stdin_filename else os.getcwd()
            runner.lint_one(name, stdin_text or b"", folder, True, stdin=True)
        else:
            runner.read_and_lint(path, explicit, folder_arg)
    return report


def _declares_spawner_cmd(paths: list[str], report: Report) -> bool:
    """Does one of the ``--hub-config`` files set the single-user command (c.Spawner.cmd, z2jh singleuser.cmd)?"""
    from ..deployment.hubconfig import ConfigReadError
    from ..lint.engine import read_hub_config

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
            report.errors.append(
                f"{path}: --hub-config is neither a jupyterhub_config.py nor a "
                "zero-to-jupyterhub values file (at any wrapper depth)"
            )
            continue
        report.hub_configs[os.path.realpath(path)] = cfg
        declared = declared or cfg.spawner_cmd_declared()
    return declared


class _Runner:
    def __init__(self, report: Report, configs: _Configs, fix, cli_role) -> None:
        self.report = report
        self.configs = configs
        self.fix = fix
        self.cli_role = cli_role
        self.overrides: dict[str, str] = {}

    def project(self, path: str, folder_arg: str | None = None):
        """The repository around ``path``: the folder holding ``.git`` above it; else the folder argument it
        was found in; else its own folder."""
        from .discover import find_root
        from .graph import project_for

        root = find_root(folder_arg or path)
        try:
            options = self.configs.for_folder(root)
        except ConfigError:
            options = Options()
        project = project_for(root, options._replace(target=None), self.overrides)
        if project not in self.report.projects:
            self.report.projects.append(project)
        return project

    def built_dockerfiles(self, folder: str, known: set[str]) -> list[tuple[str, str]]:
        """Dockerfiles under ``folder`` that discovery's names miss but the deployment builds (compose
        ``build.dockerfile``, chartpress ``dockerfilePath``, ``docker build -f``)."""
        project = self.project(folder, folder)
        top = os.path.abspath(folder)
        out = []
        for path, kind in project.files:
            if kind == "dockerfile" and path not in known and (path == top or path.startswith(top + os.sep)):
                out.append((os.path.normpath(os.path.join(folder, os.path.relpath(path, top))), kind))
        return sorted(out)

    def read_and_lint(self, path: str, explicit: bool, folder_arg: str | None = None) -> None:
        import stat

        try:
            mode = os.stat(path).st_mode
            if stat.S_ISDIR(mode):
                self.report.errors.append(f"{path}: is a folder")
                return
            if not stat.S_ISREG(mode):
                self.report.errors.append(
                    f"{path}: not a regular file (a pipe, socket or device); hublint reads files only"
                )
                return
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            self.report.errors.append(f"{path}: cannot read file ({exc.strerror or exc})")
            return
        self.lint_one(path, raw, os.path.dirname(path) or os.curdir, explicit, folder_arg=folder_arg)

    def lint_one(
        self, path: str, raw: bytes, folder: str, explicit: bool, stdin: bool = False, folder_arg: str | None = None
    ) -> None:
        report = self.report
        try:
            options = self.configs.for_folder(folder)
        except ConfigError as exc:
            report.errors.append(str(exc))
            return
        report.files += 1
        report.options_by_path[path] = options
        kind = _kind(path) if path != "-" else "dockerfile"
        try:
            text, codec, bom = decode_detail(raw)
        except ParseError as exc:
            report.findings.extend(parse_error_finding(exc, path, options))
            report.entries.append(FileEntry(path, kind, None, f"cannot be read: {exc.message}", True))
            return
        report.sources[path] = text
        project = self.project(path, folder_arg) if path != "-" else None
        if kind != "dockerfile":
            self.lint_deployment_file(project, path, text, kind, options, explicit)
            return
        self.lint_dockerfile(project, path, text, options, explicit, codec, bom, folder)

    # ------------------------------------------------------------------ Dockerfiles
    def lint_dockerfile(self, project, path, text, options: Options, explicit: bool, codec, bom, folder) -> None:
        report = self.report
        abspath = os.path.abspath(path) if path != "-" else None
        context_dir = options.context or str(folder)
        units: list = []
        if project is not None:
            same = (options.build_args, options.images, options.context) == (
                project.options.build_args,
                project.options.images,
                project.options.context,
            )
            units = project.analyse(abspath) if same and not options.target else []
            if same and options.target:
                units = [u for u in project.analyse(abspath) if u.target == options.target]
            if units and project.text(abspath) != text:
                units = []  # the text differs from what the deployment read (an editor's unsaved buffer)
        contexts = []
        if units:
            for unit in units:
                contexts.append((unit.ctx, unit.target, unit.role, len(units) > 1))
        else:
            from ..lint.engine import analyse_source

            ctx, problems = analyse_source(text, path, options, context_dir)
            if ctx is None:
                report.findings.extend(problems)
                report.entries.append(FileEntry(path, "dockerfile", None, "BuildKit cannot read it", True))
                return
            decided = None
            if project is not None:
                # a file the project could not analyse the same way: the deployment still decides its role
                found = [u for u in project.analyse(abspath) if u.target in (None, options.target)] if abspath else []
                decided = found[0].role if found else None
            contexts.append((ctx, options.target, decided, False))
        hub_source = None
        if options.hub_version is None and project is not None and abspath is not None:
            hub_source, _ = project.hub_for(abspath)
        facts = project.facts_for(abspath) if project is not None and abspath is not None else None
        if facts is not None:
            facts = facts._replace(hub_conflicts=project.conflicts_in(abspath))
        config_role = _config_role(options, abspath)
        findings: list = []
        for ctx, target, decided, multi in contexts:
            role, problem = resolve_role(ctx, self.cli_role if explicit else None, config_role, decided)
            updates = {"target": target, "facts": facts}
            if hub_source is not None:
                updates["hub_version"] = hub_source.version
                updates["hub_source"] = _describe(hub_source, path, project)
            if facts is not None and facts.spawner_cmd is not None and not options.spawner_cmd:
                updates["spawner_cmd"] = True
            ctx.options = options._replace(**updates)
            ctx.path = path
            ctx.text = text
            found = lint_context(ctx, role, problem)
            if self.fix:
                found = self.fix_loop(ctx, role, found, path, codec, bom)
            findings.extend(found)
            shown = f"{path}#{target}" if multi and target else path
            report.entries.append(
                FileEntry(
                    shown,
                    "dockerfile",
                    role.role,
                    role.reason + (" (a single-user base)" if role.base and "base" not in role.reason else ""),
                    role.role != "other",
                )
            )
        report.findings.extend(sorted(set(findings)))
        for unit in units:
            unit.release()  # linted: the deployment keeps its role, not its analysis

    def fix_loop(self, ctx, role, findings, path, codec, bom):
        """Apply fixes until none applies (at most 5 rounds, so one ``--fix`` is idempotent); a round whose
        result no longer parses is dropped.  Re-linting keeps the role and the deployment's facts."""
        from ..lint.engine import analyse_source
        from ..lint.fixes import apply_fixes

        text = ctx.text
        original = text
        count = 0
        unsafe = self.fix == "unsafe"
        for _ in range(5):
            fixes = [f.fix for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]
            if not fixes:
                break
            candidate, applied = apply_fixes(text, fixes)
            if not applied or candidate == text:
                break
            new_ctx, _problems = analyse_source(candidate, path, ctx.options, ctx.context_dir)
            if new_ctx is None:
                break  # never make a file unparsable
            relinted = lint_context(new_ctx, role)
            text, findings, count = candidate, relinted, count + applied
        if text != original:
            previous = self.report.fixed.get(path)
            self.report.fixed[path] = Fixed(
                previous.before if previous else original, text, codec, bom, count + (previous.count if previous else 0)
            )
            self.report.sources[path] = text
        return findings

    # ------------------------------------------------------------------ deployment files
    def lint_deployment_file(self, project, path, text, kind, options: Options, explicit: bool = True) -> None:
        from ..deployment.hubconfig import ConfigReadError
        from ..lint.engine import lint_config_source, read_hub_config

        report = self.report
        abspath = os.path.abspath(path) if path != "-" else None
        error = project.read_errors.get(abspath) if project is not None else None
        if error is not None:
            report.findings.extend(
                parse_error_finding(ParseError(error.message, error.line, error.column), path, options, what="file")
            )
            report.entries.append(FileEntry(path, kind, None, f"cannot be read: {error.message}", True))
            return
        cfg = None
        if not explicit and kind == "values" and project is not None and abspath not in project.configs:
            report.entries.append(FileEntry(path, kind, None, "no jupyterhub chart values in it", False))
            return  # a YAML file discovery only guessed at: not a deployment file
        if project is not None and abspath in project.configs and kind in ("hub-config", "values"):
            whole = project.configs[abspath]
            cfg = _view(whole, abspath)
        elif kind in ("compose", "env"):
            cfg = _spawn_config(project, abspath) if project is not None else None
            if cfg is None:
                report.entries.append(FileEntry(path, kind, None, "read for the deployment", False))
                return
        elif kind in ("chart", "chartpress", "build-script"):
            from ..deployment.hubconfig import HubConfig

            cfg = HubConfig(kind)  # no images of its own: only the deployment-wide rules (HUB604)
        else:
            try:
                cfg = report.hub_configs.get(os.path.realpath(path)) if path != "-" else None
                cfg = cfg if cfg is not None else read_hub_config(text, path)
            except ConfigReadError as exc:
                report.findings.extend(
                    parse_error_finding(ParseError(exc.message, exc.line, exc.column), path, options, what="file")
                )
                report.entries.append(FileEntry(path, kind, None, f"cannot be read: {exc.message}", True))
                return
            if cfg is None:
                report.entries.append(FileEntry(path, kind, None, "no jupyterhub chart values in it", False))
                return
        updates = {}
        if project is not None and abspath is not None:
            if options.hub_version is None:
                hub, _ = project.hub_for(abspath)
                if hub is not None:
                    updates = {"hub_version": hub.version, "hub_source": _describe(hub, path, project)}
            from ..settings.options import DeploymentFacts

            conflicts = project.conflicts_in(abspath)
            if conflicts:
                updates["facts"] = DeploymentFacts(hub_conflicts=conflicts)
        findings = lint_config_source(text, path, options._replace(**updates), cfg)
        report.findings.extend(findings)
        reason = (
            "read for the deployment"
            if kind in ("chart", "chartpress", "build-script")
            else _describe_config(cfg, kind, path)
        )
        report.entries.append(FileEntry(path, kind, None, reason, True))


def _describe(hub, path: str, project) -> str:
    here = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
    return f"{hub.describe(relative_to=here)}, {hub.kind}"


def _describe_config(cfg, kind: str, path: str) -> str:
    n = len(cfg.images)
    images = f"{n} spawn image{'s' if n != 1 else ''}"
    elsewhere = sorted(
        {
            os.path.relpath(i.origin.path, os.path.dirname(os.path.abspath(path)))
            for i in getattr(cfg, "all_images", ())
            if i.origin is not None
        }
    )
    if elsewhere:
        images += f" (and {len(getattr(cfg, 'all_images', ())) - n} whose value is set in {', '.join(elsewhere)})"
    if kind == "values":
        where = f" (under {cfg.prefix.rstrip('.')})" if cfg.prefix else ""
        return f"zero-to-jupyterhub values{where}: {images}"
    if kind == "hub-config":
        return f"Hub configuration: {images}"
    return f"sets {images}"


def _view(cfg, path: str | None):
    """A configuration's images whose text is written in this file (an image read from the environment is
    reported where its value is written: the compose file or ``.env``)."""
    import copy

    view = copy.copy(cfg)
    view.images = [i for i in cfg.images if i.origin is None or os.path.abspath(i.origin.path) == path]
    view.all_images = cfg.images
    return view


def _spawn_config(project, path: str | None):
    """The spawn images (and pulled Hub images) whose text a compose or ``.env`` file holds, as a configuration
    the image rules check."""
    from ..deployment.hubconfig import HubConfig, ImageValue

    if path is None:
        return None

    cfg = HubConfig("compose")
    for s in project.spawns:
        if os.path.abspath(s.path) == path and s.ref:
            config = os.path.relpath(s.config, os.path.dirname(path))
            cfg.images.append(ImageValue(s.ref, s.span, f"{s.where} in {config}"))
    for svc in project.hub_services:
        if svc.build is None and svc.image is not None and svc.image.value and os.path.abspath(svc.image.path) == path:
            cfg.images.append(ImageValue(svc.image.value, svc.image.span, f"the Hub service `{svc.name}`"))
    return cfg if cfg.images else None


def _config_role(options: Options, path: str | None) -> str | None:
    if not options.roles or path is None:
        return None
    from .discover import Ignore

    found = None
    for base, glob, role in options.roles:
        if Ignore(base or os.getcwd(), [glob]).match(path, False):
            found = role
    return found


class Fixed(namedtuple("Fixed", "before after codec bom count")):
    """A file's text before and after fixing, how to encode it back, and how many fixes were applied."""

    __slots__ = ()

    def encoded(self) -> bytes:
        return encode(self.after, self.codec, self.bom)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file in the same folder, renamed over it; mode kept."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:  # a new file (a report): the usual mode
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
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


__all__ += ["lint_source"]
