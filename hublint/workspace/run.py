"""Paths or buffers -> a :class:`~.report.Report`: the application, one straight line that the command line,
the Python API (:mod:`hublint`) and the language server all call (:func:`run`).

discover (walk once, :mod:`.discover`) → read (each file once, :mod:`.sources`) → model (each Dockerfile's
build targets analysed once, :mod:`.units`; each deployment file read once, :mod:`.graph`) → graph, roles,
facts (:mod:`.graph`, :mod:`.roles`, :mod:`.hubs`, :mod:`.facts`) → lint each unit from a frozen input
(:mod:`hublint.lint`) → fixes (computed here, written by the command) → the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from ..dockerfile.syntax import ParseError
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..records import TYPE_CHECKING, NamedTuple
from ..settings.config import ConfigError, build_settings, find_config, load_config
from ..settings.options import Settings
from .configviews import describe_config, read_hub_config, spawn_config, view_of
from .discover import BUILD_KINDS, kind_of, values_named, walk
from .report import FileEntry, Fixed, Report
from .root import find_root, holds_git
from .sources import ReadProblem, Source, Sources
from .units import analyse_target
from .unread import fragment, stdin_encryption, unread
from .workspace import Workspace

if TYPE_CHECKING:
    from typing import Any

    from ..deployment.hubconfig import HubConfig
    from ..image.analysis import ImageAnalysis
    from ..lint.engine import Linter
    from ..lint.finding import Finding
    from .evidence import Role
    from .graph import Deployment

__all__ = ["Request", "run", "is_hub_config"]

_WHAT = (
    "Dockerfile, Containerfile, Dockerfile.*, Dockerfile-*, Dockerfile_*, *.Dockerfile, *_Dockerfile, *-Dockerfile, "
    "*.dockerfile, *.Containerfile, jupyterhub_config.py, compose and z2jh values files"
)
_EMPTY: Mapping = MappingProxyType({})


class Request(NamedTuple):
    """What to lint, and how.

    ``paths``: files and folders (``-``: ``stdin`` — or ``text``, already decoded — reported as
    ``stdin_filename``); ``deployment``: False lints each text alone, with no deployment around it;
    ``settings``: values given on the command line or to the API (``Settings`` field names), over the
    configuration files' (``config_file``, else discovered per folder unless ``use_config`` is false);
    ``role``: the role of files named explicitly and of standard input (None: decided from evidence);
    ``hub_configs``: ``--hub-config`` files; ``fix``: None, "safe" or "unsafe"; ``overrides``: absolute path ->
    the unsaved text of a file the deployment must read instead of the disk's (an editor's open buffers);
    ``stdin_in_project``: whether standard input's text also replaces its file in the deployment (a language
    server passes False for a Dockerfile being typed: its role and the deployment come from the saved files,
    so the deployment is not rebuilt at every keystroke); ``progress``: told of each file linted (a progress
    display: :mod:`hublint.cli.progress`)."""

    paths: Sequence[str]
    settings: Mapping[str, Any] = _EMPTY
    config_file: str | None = None
    use_config: bool = True
    stdin: bytes | None = None
    stdin_filename: str | None = None
    text: str | None = None
    deployment: bool = True
    role: str | None = None
    hub_configs: Sequence[str] = ()
    fix: str | None = None
    overrides: Mapping[str, str] = _EMPTY
    stdin_in_project: bool = True
    progress: Callable[[int, int], None] | None = None  # called with (files done, files to do) as the run goes


def is_hub_config(path: str) -> bool:
    """A Hub configuration rather than a Dockerfile: ``*.py`` (jupyterhub_config.py) or a YAML values file."""
    from .discover import dockerfile_name

    name = os.path.basename(path)
    return not dockerfile_name(name) and name.endswith((".py", ".yaml", ".yml"))


def explicit_kind(path: str) -> str:
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


def run(request: Request, workspace: Workspace | None = None) -> Report:
    """Lint what the request names; bad paths and bad configuration become ``Report.errors``."""
    import gc

    # many small objects that live until the run ends, few cycles: the cycle collector, walking the growing heap
    # every 700 allocations, took 40% of a 30,000-stage file's time.  Paused as in scan and analyze.
    collecting = gc.isenabled()
    gc.disable()
    try:
        report = _Run(request, workspace or Workspace()).go()
        report.finish()
    finally:
        if collecting:
            gc.enable()
    return report


class _Configs:
    """Per-folder settings, each configuration file loaded once."""

    def __init__(self, cli: Mapping[str, Any], request: Request, workspace: Workspace) -> None:
        self.cli = dict(cli)
        self.use_config = request.use_config
        self.known = workspace.config_paths
        self.fixed: dict[str, Any] | None = None
        self.cache: dict[str | None, Settings] = {}
        if request.config_file is not None:
            self.fixed = load_config(request.config_file)

    def for_folder(self, folder: str) -> Settings:
        if self.fixed is not None:
            key, values = None, self.fixed
        elif not self.use_config:
            key, values = None, {}
        else:
            key = find_config(folder, self.known)
            values = load_config(key) if key is not None and key not in self.cache else {}
        if key not in self.cache:
            self.cache[key] = build_settings(values, self.cli)
        return self.cache[key]


class _Run:
    def __init__(self, request: Request, workspace: Workspace) -> None:
        self.request = request
        self.workspace = workspace
        self.report = Report()
        self.cli_role = request.role
        self.fix = request.fix
        self.sources = Sources()
        self.hub_configs: dict[str, HubConfig] = {}  # --hub-config files, read once
        self.linters: dict[tuple, Linter] = {}
        self.extra: list[str] = []  # explicit Dockerfiles: each deployment analyses those in its repository
        self.stdin_name: str | None = None  # what standard input is reported as

    # ------------------------------------------------------------------ the jobs
    def go(self) -> Report:
        request, report = self.request, self.report
        paths = list(request.paths)
        overrides = {os.path.abspath(k): v for k, v in request.overrides.items()}
        if "-" in paths and request.stdin_filename and request.stdin_in_project:
            decoded = self._decode_stdin()
            if isinstance(decoded, Source):
                overrides[os.path.abspath(request.stdin_filename)] = decoded.text
        self.sources = Sources(overrides)
        values = dict(request.settings)
        if request.hub_configs and values.get("spawner_cmd") is None and self._declares_spawner_cmd():
            values["spawner_cmd"] = True
        known = {os.path.realpath(p) for p in paths if p != "-"}
        paths += [p for p in request.hub_configs if os.path.exists(p) and os.path.realpath(p) not in known]
        try:
            self.configs = _Configs(values, request, self.workspace)
        except ConfigError as exc:
            report.errors.append(str(exc))
            return report
        self.extra = [
            os.path.abspath(p) for p in paths if p != "-" and os.path.isfile(p) and explicit_kind(p) == "dockerfile"
        ]
        jobs = self._jobs(paths)
        seen: set[str] = set()
        for done, (path, explicit, folder_arg) in enumerate(jobs):
            if request.progress is not None:
                request.progress(done, len(jobs))
            if path != "-":
                real = os.path.realpath(path)
                if real in seen:
                    continue  # the same file named twice (`./app/x` and `app/x`): linted once
                seen.add(real)
            if path == "-":
                name = request.stdin_filename or "-"
                folder = (os.path.dirname(name) or os.curdir) if request.stdin_filename else os.getcwd()
                self.stdin_name = name
                self.lint_one(name, self._decode_stdin(), folder, True)
            else:
                self.sources.confine(find_root(path, fallback=folder_arg))  # nothing outside it is read
                self.lint_one(path, self.sources.read(path), os.path.dirname(path) or os.curdir, explicit, folder_arg)
        return report

    def _jobs(self, paths: list[str]) -> list[tuple[str, bool, str | None]]:
        """(path, named explicitly, the folder argument it came from) of every file to lint."""
        report = self.report
        jobs: list[tuple[str, bool, str | None]] = []
        for path in paths:
            if path == "-":
                jobs.append(("-", True, None))
            elif os.path.isdir(path):
                if not holds_git(find_root(path)):
                    report.folders.append(os.path.abspath(path))  # the base of its files' paths (.places)
                try:
                    settings = self.configs.for_folder(path)
                except ConfigError as exc:
                    report.errors.append(str(exc))
                    continue
                files = self._discover(path, settings)
                files += self._built_dockerfiles(path, {os.path.abspath(f) for f, _ in files})
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
        return jobs

    def _discover(self, folder: str, settings: Settings) -> list[tuple[str, str]]:
        """(path as shown, kind) of every file hublint reads under ``folder``: the deployment's walk when the
        folder is its repository's root, walked with the same settings."""
        from .graph import exclusions

        top = os.path.abspath(folder)
        dep = self.deployment(folder, folder) if find_root(folder) == top else None
        if dep is not None and _same_walk(dep.settings, settings):
            found = self._project_files(dep)
        else:
            found = [
                (os.path.abspath(p), k)
                for p, k in walk(
                    folder,
                    gitignore=settings.respect_gitignore,
                    exclude=exclusions(settings, top),
                    errors=self.report.errors,
                )
            ]
        return [(os.path.normpath(os.path.join(folder, os.path.relpath(p, top))), k) for p, k in found]

    def _project_files(self, dep: Deployment, depth: int = 0) -> list[tuple[str, str]]:
        """(absolute path, kind) of what discovery found in a repository and in the repositories nested in it
        (each read as its own project, with its own deployment)."""
        self.report.errors.extend(dep.walk_errors)
        found = list(dep.walked)
        for nested in dep.nested if depth < 16 else ():
            found += self._project_files(self.deployment(nested, nested), depth + 1)
        return found

    def _built_dockerfiles(self, folder: str, known: set[str]) -> list[tuple[str, str]]:
        """Dockerfiles under ``folder`` that discovery's names miss but the deployment builds (compose
        ``build.dockerfile``, chartpress ``dockerfilePath``, ``docker build -f``), and Hub configurations it
        starts the Hub with (``jupyterhub -f``)."""
        from .graph import under

        top = os.path.abspath(folder)
        deps = [self.deployment(folder, folder)]
        for dep in deps:
            deps += [self.deployment(n, n) for n in dep.nested if len(deps) < 64]
        out = []
        for dep in deps:
            for path, kind in dep.files:
                if kind in ("dockerfile", "hub-config", "encrypted") and path not in known and under(path, top):
                    out.append((os.path.normpath(os.path.join(folder, os.path.relpath(path, top))), kind))
        return sorted(set(out))

    def _decode_stdin(self) -> Source | ReadProblem:
        from ..dockerfile.syntax import decode_detail

        if self.request.text is not None:
            return Source(self.request.text, "utf-8", b"")
        try:
            return Source(*decode_detail(self.request.stdin or b""))
        except ParseError as exc:
            return ReadProblem(exc.message, exc)

    def _declares_spawner_cmd(self) -> bool:
        """Does one of the ``--hub-config`` files set the single-user command (Spawner.cmd, singleuser.cmd)?"""
        from ..deployment.hubconfig import ConfigReadError

        declared = False
        for path in self.request.hub_configs:
            if self.sources.encrypted(path):
                continue  # listed as encrypted when the file is linted
            read = self.sources.read(path)
            if isinstance(read, ReadProblem):
                why = read.message.removeprefix("cannot read file (").removesuffix(")")
                if read.parse_error is None:
                    self.report.errors.append(f"{path}: cannot read --hub-config file ({why})")
                continue  # undecodable: reported as HUB001 when the file is linted
            try:
                cfg = read_hub_config(read.text, path)
            except ConfigReadError:
                continue  # reported as HUB001 when the file is linted
            if cfg is None:
                self.report.errors.append(
                    f"{path}: --hub-config is neither a jupyterhub_config.py nor a "
                    "zero-to-jupyterhub values file (at any wrapper depth)"
                )
                continue
            self.hub_configs[os.path.realpath(path)] = cfg
            declared = declared or cfg.spawner_cmd_declared()
        return declared

    # ------------------------------------------------------------------ the deployment around a file
    def deployment(self, path: str, folder_arg: str | None = None) -> Deployment:
        """The repository around ``path``: the nearest folder holding ``.git`` at or above it (a repository
        nested in the folder argument is its own project); else the folder argument it was found in; else its
        own folder."""
        from .graph import under

        root = find_root(path, fallback=folder_arg)
        self.sources.confine(root)
        try:
            settings = self.configs.for_folder(root)
        except ConfigError:
            settings = Settings()
        settings = settings._replace(target=None)
        extra = [p for p in self.extra if under(p, root) and find_root(p, fallback=root) == root]
        dep = self.workspace.deployment(root, settings, self.sources, self.sources.overrides, extra)
        if dep not in self.report.deployments:
            self.report.deployments.append(dep)
        return dep

    def linter(self, settings: Settings) -> Linter:
        """The engine with the registry's rules, as these settings select them (one per selection)."""
        sel = settings.selection
        key = (sel.select, sel.ignore, tuple(sorted(sel.severity.items())), sel.inline_ignores)
        found = self.linters.get(key)
        if found is None:
            from ..checks.registry import CHECKERS
            from ..lint.engine import Linter

            found = self.linters[key] = Linter(CHECKERS, sel)
        return found

    # ------------------------------------------------------------------ one file
    def lint_one(
        self, path: str, read: Source | ReadProblem, folder: str, explicit: bool, folder_arg: str | None = None
    ) -> None:
        report = self.report
        if isinstance(read, ReadProblem) and read.parse_error is None and not read.refused:
            report.errors.append(f"{path}: {read.message}")
            return
        try:
            settings = self.configs.for_folder(folder)
        except ConfigError as exc:
            report.errors.append(str(exc))
            return
        if isinstance(read, ReadProblem) and read.refused:  # listed and reported, never read (HUB003)
            kind = explicit_kind(path)
            report.findings.extend(self.linter(settings).engine_finding("HUB003", Hit(read.message, 1, 1), path))
            report.entries.append(FileEntry(path, kind, None, read.message, False))
            return
        report.files += 1
        report.fail_on[path] = settings.fail_on
        kind = explicit_kind(path) if path != "-" else "dockerfile"
        linter = self.linter(settings)
        request = self.request
        scheme = (
            stdin_encryption(request.text, request.stdin) if path == self.stdin_name else self.sources.encrypted(path)
        )
        unread_file = unread(path, read, kind, explicit, linter, scheme)
        if unread_file is not None:
            report.findings.extend(unread_file[0])
            report.entries.append(unread_file[1])
            return
        assert isinstance(read, Source)
        report.sources[path] = read.text
        dep = self.deployment(path, folder_arg) if path != "-" and self.request.deployment else None
        if kind != "dockerfile":
            self.lint_deployment_file(dep, path, read.text, kind, settings, explicit)
            return
        self.lint_dockerfile(dep, path, read, settings, explicit, folder)

    # ------------------------------------------------------------------ Dockerfiles
    def lint_dockerfile(
        self, dep: Deployment | None, path: str, source: Source, settings: Settings, explicit: bool, folder: str
    ) -> None:
        from .hubs import conflicts_in, hubs_for, judge_against_each, without_hub_pins
        from .roles import config_role, resolve_role

        report = self.report
        text = source.text
        abspath = os.path.abspath(path) if path != "-" else None
        targets = self._targets(dep, path, text, settings, folder)
        if targets is None:
            return
        hubs = []
        if settings.hub_version is None and dep is not None and abspath is not None:
            hubs = [h for h, _ in hubs_for(dep, abspath)]
        hub_source = hubs[0] if hubs else None
        facts = None
        if dep is not None and abspath is not None:
            from .facts import facts_for

            facts = facts_for(dep, abspath)._replace(hub_conflicts=conflicts_in(dep, abspath))
        wanted_role = config_role(settings, abspath)
        linter = self.linter(settings)
        findings: list[Finding] = []
        for img, decided, multi in targets:
            role, problem = resolve_role(img, self.cli_role if explicit else None, wanted_role, decided)
            inp = ImageInput(
                img,
                path,
                text,
                role.role,
                role.base,
                hub_source.shown if hub_source is not None else settings.hub_version,
                hub_source.described() if hub_source is not None else None,
                settings.spawner_cmd or (facts is not None and facts.spawner_cmd is not None),
                facts,
                role.certainty,
                hub_source.certainty if hub_source is not None else "certain",
            )
            found = judge_against_each(
                lambda i, inp=inp, p=problem: linter.image(i, p if i is inp else None), inp, hubs
            )
            if self.fix:
                found = self.fix_loop(inp, without_hub_pins(linter, hubs), found, settings, source)
            findings.extend(found)
            shown = f"{path}#{img.target}" if multi and img.target else path
            base = " (a single-user base)" if role.base and "base" not in role.reason else ""
            report.entries.append(
                FileEntry(
                    shown,
                    "dockerfile",
                    role.role,
                    role.reason + base,
                    role.role != "other",
                    role.certainty,
                    img.target if shown != path else None,
                )
            )
        report.findings.extend(sorted(set(findings)))

    def _targets(
        self, dep: Deployment | None, shown: str, text: str, settings: Settings, folder: str
    ) -> list[tuple[ImageAnalysis, Role | None, bool]] | None:
        """(analysis, the role the deployment decided, one of several targets) of each build target to lint:
        the deployment's analyses when they read the same text with the same settings; else the file analysed
        here (HUB001 and None when it cannot be)."""
        abspath = os.path.abspath(shown) if shown != "-" else None
        units = []
        if dep is not None and abspath is not None:
            same = (settings.build_args, settings.images, settings.context) == (
                dep.settings.build_args,
                dep.settings.images,
                dep.settings.context,
            )
            mine = dep.units_of(abspath)
            if same:
                units = [u for u in mine if not settings.target or u.target == settings.target]
            if units and dep.texts.get(abspath) != text:
                units = []  # the text differs from what the deployment read (an editor's unsaved buffer)
        if units:
            return [(dep.take(u), dep.role_of(u), len(units) > 1) for u in units]  # type: ignore[union-attr]
        img, problem = analyse_target(text, shown, settings, settings.context or str(folder), self.sources.context_text)
        if img is None:
            linter, piece = self.linter(settings), fragment(shown, text)  # a fragment (no FROM) is not judged
            if piece is None and isinstance(problem, ParseError):
                self.report.findings.extend(linter.parse_error(problem, shown))
            elif piece is None and isinstance(problem, Hit):
                self.report.findings.extend(linter.engine_finding("HUB001", problem, shown))
            self.report.entries.append(piece or FileEntry(shown, "dockerfile", None, "BuildKit cannot read it", True))
            return None
        decided = None
        if dep is not None and abspath is not None:
            # a file the deployment could not analyse the same way: the deployment still decides its role
            found = [u for u in dep.units_of(abspath) if u.target in (None, settings.target)]
            decided = dep.role_of(found[0]) if found else None
        return [(img, decided, False)]

    def fix_loop(
        self, inp: ImageInput, linter: Linter, findings: list[Finding], settings: Settings, source: Source
    ) -> list[Finding]:
        """Apply fixes until none applies (at most 5 rounds, so one ``--fix`` is idempotent); a round whose
        result no longer parses is dropped.  Re-linting keeps the role and the deployment's facts."""
        from ..lint.fixes import apply_fixes

        text = original = inp.text
        count = 0
        unsafe = self.fix == "unsafe"
        target_settings = settings._replace(target=inp.image.target)
        for _ in range(5):
            fixes = [f.fix for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe")]
            if not fixes:
                break
            candidate, applied = apply_fixes(text, fixes)
            if not applied or candidate == text:
                break
            img, _problem = analyse_target(
                candidate, inp.path, target_settings, inp.image.context_dir, inp.image.read_file
            )
            if img is None:
                break  # never make a file unparsable
            inp = inp._replace(image=img, text=candidate)
            text, findings, count = candidate, linter.image(inp), count + applied
        if text != original:
            previous = self.report.fixed.get(inp.path)
            raw = self.sources.raw(inp.path) if inp.path != "-" and not self.request.stdin else None
            self.report.fixed[inp.path] = Fixed(
                previous.before if previous else original,
                text,
                source.codec,
                source.bom,
                count + (previous.applied if previous else 0),
                raw if isinstance(raw, bytes) else None,
            )
            self.report.sources[inp.path] = text
        return findings

    # ------------------------------------------------------------------ deployment files
    def lint_deployment_file(
        self, dep: Deployment | None, path: str, text: str, kind: str, settings: Settings, explicit: bool = True
    ) -> None:
        from ..deployment.hubconfig import ConfigReadError, HubConfig
        from .describe import unread_reason
        from .hubs import conflicts_in, hubs_for, judge_against_each

        report = self.report
        linter = self.linter(settings)
        abspath = os.path.abspath(path) if path != "-" else None
        unread = dep.unread.get(abspath) if dep is not None and abspath is not None else None
        if unread is not None:  # a build definition: read for the deployment, never linted
            report.entries.append(FileEntry(path, kind, None, f"not read: {unread}", False))
            return
        error = dep.read_errors.get(abspath) if dep is not None and abspath is not None else None
        # values guessed at from their keys, which no release names: a weak premise; from their name alone: none
        guessed = error is not None and not explicit and kind == "values" and not dep.deploys_values(abspath)  # type: ignore[union-attr,arg-type]
        if error is not None and guessed and error.message.startswith("file too large") and not values_named(path):
            report.entries.append(FileEntry(path, kind, None, f"not read: {error.message}", False))
            return
        if error is not None:
            problem = ParseError(error.message, error.line, error.column)
            report.findings.extend(linter.parse_error(problem, path, "file", "weak" if guessed else None))
            report.entries.append(FileEntry(path, kind, None, f"cannot be read: {error.message}", True))
            return
        cfg: HubConfig | None = None
        if not explicit and kind == "values" and dep is not None and abspath not in dep.configs:
            report.entries.append(FileEntry(path, kind, None, unread_reason(dep, abspath), False))
            return  # a YAML file discovery only guessed at: not a deployment file
        if dep is not None and abspath in dep.configs and kind in ("hub-config", "values", "chart"):  # (helmfile)
            cfg = view_of(dep.configs[abspath], abspath, dep)
        elif kind in ("compose", "env"):
            cfg = spawn_config(dep, abspath) if dep is not None else None
            if cfg is None:
                report.entries.append(FileEntry(path, kind, None, "read for the deployment", False))
                return
        elif kind in ("chart", "chartpress", *BUILD_KINDS):
            cfg = HubConfig(kind)  # no images of its own: only the deployment-wide rules (HUB604)
        else:
            try:
                cfg = self.hub_configs.get(os.path.realpath(path)) if path != "-" else None
                cfg = cfg if cfg is not None else read_hub_config(text, path)
            except ConfigReadError as exc:
                report.findings.extend(linter.parse_error(ParseError(exc.message, exc.line, exc.column), path, "file"))
                report.entries.append(FileEntry(path, kind, None, f"cannot be read: {exc.message}", True))
                return
            if cfg is None:
                report.entries.append(FileEntry(path, kind, None, "no jupyterhub chart values in it", False))
                return
        hub_version, hub_source, facts = settings.hub_version, None, None
        hubs = []
        if dep is not None and abspath is not None:
            if settings.hub_version is None:
                hubs = [h for h, _ in hubs_for(dep, abspath)]
                if hubs:
                    hub_version, hub_source = hubs[0].shown, hubs[0].described()
            from .facts import config_facts

            facts = config_facts(dep, abspath, conflicts_in(dep, abspath))
        certainty = hubs[0].certainty if hubs else "certain"
        inp = ConfigInput(cfg, path, text, settings.images, hub_version, hub_source, facts, certainty)
        found = judge_against_each(linter.config, inp, hubs)
        report.findings.extend(found)
        reason = (
            "read for the deployment"
            if kind in ("chart", "chartpress", *BUILD_KINDS)
            else describe_config(cfg, kind, path)
        )
        report.entries.append(FileEntry(path, kind, None, reason, True))


def _same_walk(a: Settings, b: Settings) -> bool:
    return (a.respect_gitignore, a.exclude, a.extend_exclude) == (b.respect_gitignore, b.exclude, b.extend_exclude)
