"""A repository as one deployment picture: its files, what they build and spawn, which Hub, and every role.

Built once per repository root (the folder holding ``.git``, else the linted folder) from the files
discovery finds there (:mod:`hublint.files`), all read statically (:mod:`hublint.deployment`):

- **builds**: which Dockerfile (and target, context, build args) is built as which image — compose
  ``build:`` + ``image:``, chartpress images, ``docker build -t`` lines of Makefiles and scripts;
- **spawn images**: every image a spawner is configured with (``jupyterhub_config.py``, whose
  ``os.environ`` lookups read the Hub service's compose environment; z2jh values at any wrapper depth),
  with the place its text is written (compose, ``.env``, values, the config);
- **the Hub's version** with its provenance: the Hub service's image tag, the Hub Dockerfile's base tag
  or jupyterhub pin (with compose build args), the z2jh chart version (dependency, ``appVersion``,
  ``hub.image.tag``);
- **roles** (:mod:`hublint.roles`) of every Dockerfile and build target, and per-image facts (the
  spawner command, ``default_url``, volumes) that the rules use.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import namedtuple

from ..settings.options import DeploymentFacts, Options
from .discover import find_root, walk
from .evidence import Evidence, Role, decide, own_evidence, stage_targets

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..deployment.buildscripts import BuildCommand
    from ..deployment.charts import Chart, ChartpressImage
    from ..deployment.compose import ComposeFile, Service
    from ..deployment.dotenv import Str
    from ..deployment.hubconfig import ConfigReadError, HubConfig

__all__ = ["Project", "HubSource", "SpawnRef", "Built", "project_for", "Unit"]

MAX_READ = 2_000_000
_COMPOSE_HINT = re.compile(r"(?m)^services[ \t]*:")
_VALUES_HINT = re.compile(r"(?m)^[ \t]*(?:singleuser|hub|proxy)[ \t]*:")


class HubSource(namedtuple("HubSource", "version kind path span via scope")):
    """A place that says which JupyterHub the Hub runs: ``version`` as written (``5.2.1``, ``5``),
    ``kind`` (what it is), where (``path``, ``span``), ``via`` (path:line strings it went through, nearest
    first), ``scope`` (the folder whose images it applies to)."""

    __slots__ = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.span[0]}"

    def describe(self, relative_to: str | None = None) -> str:
        """``docker-compose.yml:13`` → ``Dockerfile.jupyterhub:4``: from where the value is written to where
        it is used."""

        def rel(loc: str) -> str:
            if relative_to is None:
                return loc
            path, _, line = loc.rpartition(":")
            return f"{os.path.relpath(path, relative_to)}:{line}"

        places = [rel(self.where), *(rel(v) for v in self.via)]
        return " → ".join(f"`{p}`" for p in dict.fromkeys(places))


class SpawnRef(namedtuple("SpawnRef", "ref path span where via config scope")):
    """A spawn image: ``ref`` (None when unknown), where its text is written, ``where`` (the setting, for
    messages), ``via`` (path:line strings), ``config`` (the configuration or values file that sets it),
    ``scope`` (that file's folder)."""

    __slots__ = ()


class Built(namedtuple("Built", "dockerfile context target args names origin purpose scope service")):
    """A Dockerfile built here: ``names`` it is built as, ``origin`` (where the build is declared, for
    reasons), ``purpose`` (``singleuser``/``hub``/``other`` when the build itself says: chartpress
    ``valuesPath``), ``scope`` (the declaring file's folder), ``service`` (its compose service)."""

    __slots__ = ()


class Unit:
    """A Dockerfile of the repository (one build target): its analysis, evidence and role."""

    __slots__ = ("path", "target", "ctx", "evidence", "role", "built", "names", "error", "base_of", "_base", "_root")

    def __init__(self, path, target, ctx, evidence, built) -> None:
        self.path = path
        self.target = target
        self.ctx = ctx
        self.evidence = evidence
        self.built = built
        self.role: Role = decide(evidence)
        self.names = {_name(n) for b in built for n in b.names}
        self.error = None
        self.base_of: list[str] = []
        self._base: str | object | None = _UNSET  # the base image's name (registry/path), once computed
        root = ctx.root
        self._root = (root.image_raw, root.image) if root is not None else None  # the FROM, as written / resolved

    def release(self) -> None:
        """Drop the analysis once the file is linted (what the deployment still needs is kept): a run over a
        thousand files keeps roles and names, not a thousand parsed Dockerfiles."""
        _base_name_of(self)
        self.ctx = None


_UNSET = object()


def _name(ref: str) -> str:
    """An image name without tag or digest, normalised (``docker.io/library/x``)."""
    from ..dockerfile.imageref import parse_ref

    return parse_ref(ref).name


def _tag(ref: str) -> str | None:
    from ..dockerfile.imageref import parse_ref

    return parse_ref(ref).tag


def _read(path: str) -> str | None:
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_READ:
            return None
        with open(path, "rb") as fh:
            from ..dockerfile.syntax import decode_detail

            return decode_detail(fh.read())[0]
    except (OSError, ValueError):
        return None


def _under(path: str, folder: str) -> bool:
    folder = folder.rstrip(os.sep) or os.sep
    return path == folder or path.startswith(folder + os.sep)


_HUB_IMAGE = re.compile(r"(?:^|/)(?:jupyterhub/jupyterhub|jupyterhub/k8s-hub(?:-slim)?|[^/]*jupyterhub-onbuild)\Z")
_K8S_HUB = re.compile(r"(?:^|/)jupyterhub/k8s-hub(?:-slim)?\Z")


class Project:
    """One repository: built lazily, once (:func:`project_for`)."""

    def __init__(self, root: str, options: Options, overrides: dict[str, str] | None = None) -> None:
        self.root = os.path.abspath(root)
        self.options = options
        self.overrides = {os.path.abspath(k): v for k, v in (overrides or {}).items()}  # unsaved texts (stdin)
        self.errors: list[str] = []
        self.read_errors: dict[str, ConfigReadError] = {}
        self._texts: dict[str, str | None] = {}
        self.files: list[tuple[str, str]] = []
        self.composes: list[ComposeFile] = []
        self.configs: dict[str, HubConfig] = {}
        self.charts: list[Chart] = []
        self.chartpress: list[ChartpressImage] = []
        self.build_commands: list[BuildCommand] = []
        self.builds: list[Built] = []
        self.hub_services: list[Service] = []
        self.hubs: list[HubSource] = []
        self.spawns: list[SpawnRef] = []
        self.units: dict[tuple[str, str | None], Unit] = {}
        self._built = False
        self._roles_decided = False

    # ------------------------------------------------------------------ reading
    def text(self, path: str) -> str | None:
        path = os.path.abspath(path)
        if path in self.overrides:
            return self.overrides[path]
        if path not in self._texts:
            self._texts[path] = _read(path)
        return self._texts[path]

    def build(self) -> Project:
        if self._built:
            return self
        self._built = True
        from .discover import Ignore

        exclude = []
        opts = self.options
        patterns = opts.exclude if opts.exclude is not None else tuple(("", p) for p in _default_exclude())
        for base, pattern in (*patterns, *opts.extend_exclude):
            exclude.append(Ignore(base or self.root, [pattern]))
        self.files = [
            (os.path.abspath(p), k)
            for p, k in walk(self.root, gitignore=opts.respect_gitignore, exclude=exclude, errors=self.errors)
        ]
        for path in self.overrides:
            if _under(path, self.root) and all(p != path for p, _ in self.files):
                from .discover import kind_of

                kind = kind_of(path)
                if kind:
                    self.files.append((path, kind))
        self._read_deployment_files()
        self._collect_builds()
        self._analyse_dockerfiles()
        self._find_hub_services()
        self._read_hub_configs()
        self._collect_hub_sources()
        self._decide_roles()
        self._roles_decided = True
        return self

    def _safe(self, path: str, reader):
        from ..deployment.hubconfig import ConfigReadError

        text = self.text(path)
        if text is None:
            try:
                size = os.path.getsize(path)
            except OSError:
                return None
            if size > MAX_READ:
                self.read_errors[path] = ConfigReadError(
                    f"file too large to read ({size:,} bytes; hublint reads up to {MAX_READ:,})"
                )
            return None
        try:
            return reader(path, text)
        except ConfigReadError as exc:
            self.read_errors[path] = exc
            return None
        except RecursionError:
            self.read_errors[path] = ConfigReadError("nested too deeply")
            return None

    def _read_deployment_files(self) -> None:
        present = {kind for _, kind in self.files}
        if not present - {"dockerfile", "hub-config", "env"}:
            return  # no YAML or build script: none of the readers is needed (nor imported)
        from ..deployment.buildscripts import read_build_commands
        from ..deployment.charts import read_chart, read_chartpress, read_helmfile
        from ..deployment.compose import read_compose
        from ..deployment.hubconfig import read_z2jh_values

        kinds = dict(self.files)
        for path, kind in self.files:
            if kind == "compose":
                found = self._safe(path, lambda p, t: read_compose(p, t, self.text))
                if found is not None:
                    self.composes.append(found)
                else:
                    kinds[path] = "other-yaml" if path not in self.read_errors else kind
            elif kind == "chart":
                reader = read_helmfile if os.path.basename(path).startswith("helmfile") else read_chart
                found = self._safe(path, reader)
                if found is not None:
                    self.charts.append(found)
            elif kind == "chartpress":
                self.chartpress.extend(self._safe(path, read_chartpress) or [])
            elif kind == "build-script":
                self.build_commands.extend(self._safe(path, lambda p, t: read_build_commands(p, t, self.text)) or [])
            elif kind == "values":
                text = self.text(path)
                if text is None:
                    self._safe(path, lambda p, t: None)  # too large: say so (HUB001)
                    if path in self.read_errors:
                        continue
                if text is not None and _COMPOSE_HINT.search(text) and not _VALUES_HINT.search(text):
                    found = self._safe(path, lambda p, t: read_compose(p, t, self.text))
                    if found is not None and found.services:
                        self.composes.append(found)
                        kinds[path] = "compose"
                        continue
                    self.read_errors.pop(path, None)
                if text is None or not _VALUES_HINT.search(text):
                    kinds[path] = "other-yaml"
                    continue
                cfg = self._safe(path, lambda p, t: read_z2jh_values(t))
                if cfg is not None:
                    self.configs[path] = cfg
                elif path not in self.read_errors:
                    kinds[path] = "other-yaml"  # YAML without the chart's values: not a deployment file
                # else: it has the chart's keys (singleuser:, hub:, proxy:) but cannot be read: HUB001
        self.files = [(p, kinds[p]) for p, _ in self.files if kinds[p] != "other-yaml"]

    def _collect_builds(self) -> None:
        for compose in self.composes:
            folder = os.path.dirname(compose.path)
            for svc in compose.services.values():
                if svc.build is None or svc.build.dockerfile is None:
                    continue
                names = (svc.image.value,) if svc.image is not None and svc.image.value else ()
                self.builds.append(
                    Built(
                        svc.build.dockerfile,
                        svc.build.context,
                        svc.build.target,
                        svc.build.args,
                        names,
                        f"{compose.path}:{svc.span[0]} (compose service `{svc.name}`)",
                        None,
                        folder,
                        svc,
                    )
                )
        for img in self.chartpress:
            purpose = None
            for vp in img.values_paths:
                tail = vp.rsplit(".", 2)[-2:] if vp.count(".") >= 1 else [vp]
                if tail == ["singleuser", "image"]:
                    purpose = "singleuser"
                elif tail == ["hub", "image"]:
                    purpose = "hub"
                elif purpose is None:
                    purpose = "other"
            from ..deployment.dotenv import Str

            args = {k: Str(v, img.path, img.span) for k, v in img.build_args.items()}
            self.builds.append(
                Built(
                    img.dockerfile,
                    img.context,
                    img.target,
                    args,
                    (img.image,),
                    f"{img.path}:{img.span[0]} (chartpress image `{img.name}`"
                    + (f", valuesPath {img.values_paths[0]})" if img.values_paths else ")"),
                    purpose,
                    os.path.dirname(img.path),
                    None,
                )
            )
        for cmd in self.build_commands:
            self.builds.append(
                Built(
                    cmd.dockerfile,
                    cmd.context,
                    cmd.target,
                    {},
                    cmd.images,
                    f"{cmd.path}:{cmd.line} (`docker build -t {cmd.images[0]}`)",
                    None,
                    os.path.dirname(cmd.path),
                    None,
                )
            )

    def _analyse_dockerfiles(self) -> None:
        paths = [p for p, k in self.files if k == "dockerfile"]
        for b in self.builds:
            if b.dockerfile not in paths and os.path.isfile(b.dockerfile) and _under(b.dockerfile, self.root):
                paths.append(b.dockerfile)
                self.files.append((b.dockerfile, "dockerfile"))
        for path in paths:
            self.analyse(path)

    def analyse(self, path: str, text: str | None = None) -> list[Unit]:
        """The units (build targets) of one Dockerfile, analysed once."""
        path = os.path.abspath(path)
        cached = [u for (p, _), u in self.units.items() if p == path]
        if cached and all(u.ctx is not None for u in cached):
            return cached
        released = {u.target: u for u in cached}
        from ..dockerfile.model import analyze
        from ..dockerfile.syntax import ParseError, scan
        from ..image.analysis import Context
        from ..image.knowledge import base_env

        text = self.text(path) if text is None else text
        if text is None:
            return []
        built = [b for b in self.builds if b.dockerfile == path]
        try:
            tree = scan(text)
        except ParseError:
            return []
        opts = self.options
        args = dict(opts.build_args)
        if built and not opts.build_args:
            args = {k: s.value for k, s in built[0].args.items() if s.value is not None}
        df = analyze(tree, args, lambda image: base_env(image, opts.images))
        if not df.stages:
            return []
        wanted = [b.target for b in built]
        if opts.target:
            targets = [opts.target]
        elif any(wanted):
            targets = list(dict.fromkeys(wanted))
        else:
            leaves = stage_targets(df)
            targets = [None] if len(leaves) <= 1 else [s.name or str(s.index) for s in leaves]
            if len(leaves) > 1 and any(s.name is None for s in leaves[:-1]):
                targets = [None]  # unnamed leaf stages: only the default target is buildable by name
        context_dir = opts.context or (built[0].context if built and built[0].context else os.path.dirname(path))
        out = []
        for target in targets:
            if target is not None and df.stage_named(target) is None and not target.isdigit():
                continue
            topts = opts._replace(target=target)
            ctx = Context(df, topts, path, context_dir, text)
            if not ctx.chain:
                continue
            unit = Unit(path, target, ctx, own_evidence(ctx), [b for b in built if b.target in (None, target)])
            old = released.get(target)
            if old is not None:  # analysed again after it was released: the roles decided stay
                unit.role, unit.base_of, unit.error = old.role, old.base_of, old.error
            self.units[(path, target)] = unit
            out.append(unit)
        if released:
            return out
        if self._roles_decided and out:
            self._decide_roles(out)  # a file discovery did not find (named on the command line)
        return out

    # ------------------------------------------------------------------ the Hub
    def _find_hub_services(self) -> None:
        from ..image.launchers import strip_wrappers

        for compose in self.composes:
            for svc in compose.services.values():
                runs = strip_wrappers(svc.runs())
                head = posixpath.basename(runs[0]) if runs else ""
                image = svc.image.value if svc.image is not None else None
                hubby = head == "jupyterhub"
                if not hubby and image and svc.build is None and _HUB_IMAGE.search(_name(image)):
                    hubby = True
                if not hubby and svc.build is not None and svc.build.dockerfile:
                    units = self.analyse(svc.build.dockerfile)
                    hubby = any(u.role.role == "hub" for u in units)
                if not hubby and any(v.split(":")[0].endswith("jupyterhub_config.py") for v in svc.volumes):
                    hubby = True
                if hubby:
                    self.hub_services.append(svc)

    def _read_hub_configs(self) -> None:
        for path, kind in self.files:
            if kind != "hub-config":
                continue
            from ..deployment.hubconfig import read_python_config

            environ = self._hub_environment(path)
            cfg = self._safe(path, lambda p, t, environ=environ: read_python_config(t, environ))
            if cfg is not None:
                self.configs[path] = cfg
        for path, cfg in self.configs.items():
            for image in cfg.images:
                origin = image.origin
                ref = image.ref if isinstance(image.ref, str) else None
                if origin is not None:
                    self.spawns.append(
                        SpawnRef(
                            ref,
                            origin.path,
                            origin.span,
                            image.where,
                            (*origin.via, f"{path}:{image.span[0]}"),
                            path,
                            os.path.dirname(path),
                        )
                    )
                else:
                    self.spawns.append(SpawnRef(ref, path, image.span, image.where, (), path, os.path.dirname(path)))

    def _hub_environment(self, config_path: str) -> dict[str, Str]:
        """The environment of the Hub service that runs this configuration: the service that mounts it, else a
        hub service of a compose file in this folder or above."""
        best = None
        for svc in self.hub_services:
            folder = os.path.dirname(svc.path)
            for vol in svc.volumes:
                src = vol.split(":")[0]
                if src and os.path.normpath(os.path.join(folder, src)) == config_path:
                    return svc.environment
            if best is None and _under(config_path, folder):
                best = svc
            if svc.build is not None and svc.build.context and _under(config_path, svc.build.context) and best is None:
                best = svc
        return best.environment if best is not None else {}

    def _collect_hub_sources(self) -> None:
        from ..image.knowledge import chart_hub_version

        seen = set()

        def add(source: HubSource) -> None:
            key = (source.version, source.path, source.span[0])
            if key not in seen and source.version:
                seen.add(key)
                self.hubs.append(source)

        for svc in self.hub_services:
            folder = os.path.dirname(svc.path)
            if svc.build is None and svc.image is not None and svc.image.value:
                ver = _hub_from_image(svc.image.value, chart_hub_version)
                if ver:
                    add(HubSource(ver[0], ver[1], svc.image.path, svc.image.span, svc.image.via, folder))
        for unit in list(self.units.values()):
            if (
                unit.role.role != "hub"
                and not any(b.purpose == "hub" for b in unit.built)
                and not any(b.service in self.hub_services for b in unit.built)
            ):
                continue
            scope = unit.built[0].scope if unit.built else os.path.dirname(unit.path)
            for version, kind, path, span, via in _hub_from_dockerfile(unit, chart_hub_version):
                add(HubSource(version, kind, path, span, via, scope))
        for chart in self.charts:
            dep = chart.jupyterhub_dependency()
            if chart.name == "jupyterhub" and chart.app_version is not None and chart.app_version.value:
                add(
                    HubSource(
                        chart.app_version.value,
                        "the jupyterhub chart's appVersion",
                        chart.path,
                        chart.app_version.span,
                        (),
                        os.path.dirname(chart.folder) or chart.folder,
                    )
                )
            elif dep is not None and dep.version is not None and dep.version.value:
                hub = chart_hub_version(dep.version.value)
                if hub:
                    add(
                        HubSource(
                            hub,
                            f"zero-to-jupyterhub chart {dep.version.value}",
                            chart.path,
                            dep.version.span,
                            (),
                            self.root,
                        )
                    )
        for path, cfg in self.configs.items():
            image = cfg.z2jh.get("hub.image") if getattr(cfg, "kind", "") == "z2jh" else None
            if image is not None and isinstance(image.value, dict):
                name, tag = image.value.get("name"), image.value.get("tag")
                if name is not None and tag is not None and isinstance(name.value, str) and tag.value is not None:
                    ver = _hub_from_image(f"{name.value}:{tag.value}", chart_hub_version)
                    if ver:
                        add(HubSource(ver[0], ver[1], path, tag.span, (), os.path.dirname(path)))

    def conflicts_in(self, path: str) -> tuple:
        """(version, kind, span, chosen version, chosen's description) for each Hub source written in ``path`` that
        disagrees with the source hublint uses for its scope (HUB604)."""
        path = os.path.abspath(path)
        out = []
        for h in self.hubs:
            if os.path.abspath(h.path) != path:
                continue
            chosen, _ = self.hub_for(h.scope if h.scope != self.root else h.path)
            if chosen is not None and chosen is not h and not _same_version(h.version, chosen.version):
                out.append(
                    (
                        h.version,
                        h.kind,
                        h.span,
                        chosen.version,
                        f"{chosen.describe(os.path.dirname(path))}, {chosen.kind}",
                    )
                )
        return tuple(out)

    def hub_for(self, path: str) -> tuple[HubSource | None, list[HubSource]]:
        """The Hub version that applies to an image at ``path`` (its deepest enclosing scope; else the one version
        the whole repository agrees on), and the other sources that disagree with it."""
        path = os.path.abspath(path)
        scoped = [h for h in self.hubs if _under(path, h.scope)]
        candidates = scoped or self.hubs
        if not candidates:
            return None, []
        depth = max(len(h.scope) for h in candidates)
        nearest = [h for h in candidates if len(h.scope) == depth] if scoped else candidates
        nearest.sort(key=_source_rank)
        chosen = nearest[0]
        conflicts = [h for h in nearest if not _same_version(h.version, chosen.version)]
        if not scoped and len({_major_minor(h.version) for h in candidates}) > 1:
            return None, []  # the repository's Hubs disagree and none is this image's own
        return chosen, conflicts

    # ------------------------------------------------------------------ roles
    def _decide_roles(self, units=None) -> None:
        """Roles from the deployment, in-repository FROM chains and ONBUILD (after each unit's own evidence)."""
        units = list(self.units.values()) if units is None else units
        spawn_names: dict[str, SpawnRef] = {}
        for s in self.spawns:
            if s.ref:
                spawn_names.setdefault(_name(s.ref), s)
        for unit in units:
            decided = self._deployment_role(unit, spawn_names)
            if decided is not None:
                unit.role = decided
        # in-repository FROM chains: the base of a single-user image is a single-user base
        everyone = list(self.units.values())
        by_name: dict[str, list[Unit]] = {}
        for unit in everyone:
            for n in unit.names:
                by_name.setdefault(n, []).append(unit)
        folders = _by_folder(everyone)
        for _ in range(8):
            changed = False
            for unit in everyone:
                base = _base_name_of(unit)
                parents = list(by_name.get(base, ())) if base else []
                parents += [u for u in _siblings(unit, base, folders) if u not in parents]
                for parent in parents:
                    if parent is unit:
                        continue
                    if unit.role.role == "singleuser" and (parent.role.role != "singleuser" or not parent.role.base):
                        if parent.role.role != "hub" or not parent.role.reason.startswith(("FROM", "CMD")):
                            rel = os.path.relpath(unit.path, self.root)
                            parent.role = Role("singleuser", f"the base of {rel}, a single-user image", True)
                            parent.base_of.append(unit.path)
                            changed = True
                    elif (
                        unit.role.role == "other"
                        and parent.role.role == "singleuser"
                        and not unit.role.reason.startswith("runs as")
                        and not any(e.role == "other" for e in unit.evidence)
                    ):
                        unit.role = Role(
                            "singleuser",
                            f"FROM {base}, a single-user image built here ({os.path.relpath(parent.path, self.root)})",
                        )
                        changed = True
            if not changed:
                break
        for unit in units:
            if (
                unit.role.role == "singleuser"
                and not unit.role.base
                and unit.ctx is not None
                and any(s.instruction.keyword == "ONBUILD" for s in unit.ctx.chain_steps)
            ):
                unit.role = Role("singleuser", unit.role.reason + "; an ONBUILD base", True)

    def _deployment_role(self, unit: Unit, spawn_names: dict[str, SpawnRef]) -> Role | None:
        """What the deployment says a Dockerfile is built as (None: it does not say)."""
        for b in unit.built:
            for n in b.names:
                s = spawn_names.get(_name(n))
                if s is not None:
                    return Role(
                        "singleuser",
                        f"built as the spawn image `{n}` ({s.where}, {os.path.relpath(s.path, self.root)}:{s.span[0]})",
                    )
        for b in unit.built:
            if b.purpose is not None:
                return Role(b.purpose, f"built by {os.path.relpath(b.origin, self.root)}")
        for b in unit.built:
            if b.service is not None and b.service in self.hub_services:
                return Role(
                    "hub",
                    f"built as the Hub (compose service `{b.service.name}`, "
                    f"{os.path.relpath(b.service.path, self.root)})",
                )
        for b in unit.built:
            if b.service is not None and unit.role.role == "singleuser" and _standalone(b.service, self.hub_services):
                return Role(
                    "other",
                    f"runs as its own compose service `{b.service.name}` (a standalone "
                    "notebook server, not spawned by a Hub)",
                )
        return None

    def to_json(self, relative_to: str) -> dict:
        """The deployment graph (JSON ``deployment``; ``--show-deployment``), paths relative to ``relative_to``."""

        def rel(path: str) -> str:
            return os.path.relpath(path, relative_to)

        chosen, _ = self.hub_for(self.root)

        def hub_json(h):
            return {
                "version": h.version,
                "kind": h.kind,
                "path": rel(h.path),
                "line": h.span[0],
                "source": h.describe(relative_to),
                "scope": rel(h.scope),
            }

        cmds = []
        for path, cfg in self.configs.items():
            cmd = cfg.spawner_cmd()
            if cmd is not None and isinstance(cmd.value, list):
                argv = [x.value for x in cmd.value]
                where = (
                    f"{rel(path)}:{cmd.span[0]}"
                    if cfg.kind != "z2jh" or cfg.z2jh_cmd_present
                    else f"{rel(path)}, the chart's default"
                )
                cmds.append({"cmd": [str(a) for a in argv], "where": where})
            elif cmd is not None and isinstance(cmd.value, str):
                cmds.append({"cmd": [cmd.value], "where": f"{rel(path)}:{cmd.span[0]}"})
        builds = []
        for (path, target), unit in sorted(self.units.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            builds.append(
                {
                    "dockerfile": rel(path),
                    "target": target,
                    "images": sorted({n for b in unit.built for n in b.names}),
                    "role": unit.role.role,
                    "reason": unit.role.reason,
                    "origin": "; ".join(dict.fromkeys(rel_origin(b.origin, relative_to) for b in unit.built))
                    or "found in the repository",
                }
            )
        return {
            "root": rel(self.root),
            "hub": hub_json(chosen) if chosen is not None else None,
            "hubs": [hub_json(h) for h in self.hubs],
            "spawn_images": [
                {"image": s.ref, "path": rel(s.path), "line": s.span[0], "setting": s.where, "config": rel(s.config)}
                for s in self.spawns
            ],
            "spawner_cmd": cmds,
            "builds": builds,
        }

    def unit_roles(self, path: str) -> list[Unit]:
        path = os.path.abspath(path)
        return [u for (p, _), u in self.units.items() if p == path]

    # ------------------------------------------------------------------ facts
    def _folder_index(self) -> dict[str, list[Unit]]:
        index = self.__dict__.get("_folders")
        if index is None or self.__dict__.get("_folders_n") != len(self.units):
            index = self.__dict__["_folders"] = _by_folder(self.units.values())
            self.__dict__["_folders_n"] = len(self.units)
        return index

    def facts_for(self, path: str, spawn_name: str | None = None) -> DeploymentFacts:
        """What the deployment says about how the image at ``path`` (a Dockerfile, or a spawn image of a
        configuration at ``path``) is started."""
        path = os.path.abspath(path)
        configs = []
        units = self.unit_roles(path)
        names = {n for u in units for n in u.names}
        for s in self.spawns:
            if s.ref and _name(s.ref) in names:
                configs.append(s.config)
        if path in self.configs:
            configs.append(path)
        if not configs:
            for u in units:
                for b in u.built:
                    if b.purpose == "singleuser":  # chartpress: the chart's own values
                        configs += [
                            p
                            for p, c in self.configs.items()
                            if getattr(c, "kind", "") == "z2jh"
                            and _under(p, b.scope)
                            and os.path.basename(p) == "values.yaml"
                        ]
        if not configs:
            enclosing = [p for p in self.configs if _under(path, os.path.dirname(p))]
            if enclosing:
                deepest = max(len(os.path.dirname(p)) for p in enclosing)
                configs = [p for p in enclosing if len(os.path.dirname(p)) == deepest]
        binder = "binder" in path.replace("\\", "/").split("/")[:-1] or "/.binder/" in path.replace("\\", "/")
        local = tuple(
            sorted({base for u in units if (base := _base_name_of(u)) and _siblings(u, base, self._folder_index())})
        )
        here = os.path.dirname(path)
        args = tuple(
            (name, s.value, f"{os.path.relpath(s.path, here)}:{s.span[0]}")
            for u in units[:1]
            for b in u.built[:1]
            for name, s in b.args.items()
            if s.value is not None
        )
        facts = DeploymentFacts(binder=binder, local_bases=local, build_args_from=args)
        for cfg_path in dict.fromkeys(configs):
            facts = _merge_facts(facts, self.configs[cfg_path], cfg_path)
        # where the facts are written, relative to the image's folder (for messages)
        facts = facts._replace(
            **{
                k: rel_origin(getattr(facts, k), here)
                for k in ("home_mounts_where", "cmd_where", "args_where", "default_url_where")
                if getattr(facts, k)
            }
        )
        return facts


def rel_origin(origin: str, relative_to: str) -> str:
    path, sep, rest = origin.partition(":")
    return f"{os.path.relpath(path, relative_to)}{sep}{rest}" if sep else origin


def _default_exclude():
    from .discover import DEFAULT_EXCLUDE

    return DEFAULT_EXCLUDE


def _merge_facts(facts: DeploymentFacts, cfg, path: str) -> DeploymentFacts:
    from ..deployment.hubconfig import UNKNOWN_VALUE

    updates: dict[str, Any] = {}
    cmd = cfg.spawner_cmd()
    if cmd is not None and facts.spawner_cmd is None:
        value = cmd.value
        argv = (
            [value]
            if isinstance(value, str)
            else [x.value for x in value if isinstance(x.value, str)]
            if isinstance(value, list)
            else None
        )
        where = (
            f"{path}:{cmd.span[0]}"
            if cfg.kind != "z2jh" or cfg.z2jh_cmd_present
            else f"{path} (the chart's default singleuser.cmd)"
        )
        if argv is not None or value is UNKNOWN_VALUE:
            updates["spawner_cmd"] = tuple(argv) if argv else ("\uffff",)
            updates["cmd_where"] = where
    if cfg.kind == "z2jh":
        url = cfg.z2jh.get("singleuser.defaultUrl")
        if url is not None and isinstance(url.value, str):
            updates["default_url"], updates["default_url_where"] = url.value, f"{path}:{url.span[0]}"
        storage = cfg.z2jh.get("singleuser.storage")
        if storage is not None and isinstance(storage.value, dict):
            kind = storage.value.get("type")
            mount = storage.value.get("homeMountPath")
            where = f"{path}:{storage.span[0]}"
            if kind is not None and kind.value == "none":
                updates["home_mounts"], updates["home_mounts_where"] = (), where
            elif mount is not None and isinstance(mount.value, str):
                updates["home_mounts"], updates["home_mounts_where"] = (mount.value,), f"{path}:{mount.span[0]}"
        uid = cfg.z2jh.get("singleuser.uid")
        updates["uid"] = uid.value if uid is not None else 1000
    else:
        url = cfg.trait("default_url")
        if url is not None and isinstance(url.value, str):
            updates["default_url"], updates["default_url_where"] = url.value, f"{path}:{url.span[0]}"
        mounts, mounts_where = _docker_mounts(cfg, path)
        if mounts is not None:
            updates["home_mounts"], updates["home_mounts_where"] = mounts, mounts_where
        cls = cfg.get("JupyterHub", "spawner_class")
        if cls is not None and isinstance(cls[0].value, str):
            updates["spawner_class"] = cls[0].value
        uid = cfg.trait("uid")
        if uid is not None and isinstance(uid.value, int) and not isinstance(uid.value, bool):
            updates["uid"] = uid.value  # KubeSpawner.uid: the pod's runAsUser
        args = cfg.trait("args")
        if args is not None:
            updates["args"], updates["args_where"] = args.value, f"{path}:{args.span[0]}"
    return facts._replace(**{k: v for k, v in updates.items() if getattr(facts, k) in (None, False)})


def _docker_mounts(cfg, path: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The container paths DockerSpawner mounts (``volumes`` and ``read_only_volumes``: host -> container path,
    or -> {"bind": path}), and where; ``()`` for a DockerSpawner configuration that mounts nothing (its default);
    None when unknown."""
    mounts: list[str] = []
    where = None
    seen = False
    for trait in ("volumes", "read_only_volumes"):
        vols = cfg.trait(trait)
        if vols is None:
            continue
        seen = True
        where = where or f"{path}:{vols.span[0]}"
        if not isinstance(vols.value, dict):
            return None, None
        for item in vols.value.values():
            v = item.value
            if isinstance(v, dict):
                bind = v.get("bind")
                v = bind.value if bind is not None else None
            if not isinstance(v, str):
                return None, None
            mounts.append(v)
    if seen:
        return tuple(mounts), where
    cls = cfg.get("JupyterHub", "spawner_class")
    if (
        cls is not None
        and isinstance(cls[0].value, str)
        and "docker" in cls[0].value.lower()
        and not cfg.traits_named("volumes")
    ):
        return (), f"{path}:{cls[0].span[0]}"
    return None, None


def _standalone(service, hub_services) -> bool:
    """A compose service that runs a notebook server itself, in a compose file with no Hub."""
    if any(h.path == service.path for h in hub_services):
        return False
    runs = " ".join(service.runs())
    return bool(re.search(r"start-notebook|jupyter(?:-|\s+)(?:lab|notebook|server)", runs))


def stage_arg_origin(ctx, stage, built: list[Built]) -> Str | None:
    """When a FROM's value comes from a compose build argument, that argument (where it is written)."""
    names = re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", stage.image_raw)
    for b in built:
        for name in names:
            found = b.args.get(name)
            if found is not None and found.value is not None:
                return found
    return None


def _source_rank(h: HubSource) -> int:
    order = (
        "the Hub Dockerfile's jupyterhub pin",
        "the Hub's base image tag",
        "the Hub image tag",
        "the Hub image's chart version",
        "zero-to-jupyterhub chart",
        "the jupyterhub chart's appVersion",
    )
    for i, prefix in enumerate(order):
        if h.kind.startswith(prefix):
            return i
    return len(order)


def _parts(version: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", version.split("-")[0])[:3]]


def _major_minor(version: str) -> tuple[int, ...]:
    return tuple(_parts(version)[:2])


def _same_version(a: str, b: str) -> bool:
    pa, pb = _parts(a), _parts(b)
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _hub_from_image(ref: str, chart_hub_version) -> tuple[str, str] | None:
    """(version, kind) from a Hub image reference: ``jupyterhub/jupyterhub:5.2.1``, ``k8s-hub:4.0.0`` (chart)."""
    from ..dockerfile.expand import UNKNOWN

    if UNKNOWN in ref:
        return None
    name, tag = _name(ref), _tag(ref)
    if not tag or not re.match(r"\d", tag):
        return None
    if _K8S_HUB.search(name):
        hub = chart_hub_version(tag)
        return (hub, f"the Hub image's chart version ({ref})") if hub else None
    if _HUB_IMAGE.search(name):
        m = re.match(r"\d+(?:\.\d+){0,2}", tag)
        return (m.group(0), f"the Hub image tag ({ref})") if m else None
    return None


def _hub_from_dockerfile(unit: Unit, chart_hub_version) -> list:
    """(version, kind, path, span, via) of what a Hub Dockerfile says: its last jupyterhub pin, and its base
    image's tag (through a compose build argument, where that is written)."""
    ctx = unit.ctx
    out: list[tuple[str, str, str, Any, tuple[str, ...]]] = []
    pins = sorted(
        ctx.installed({"pip": {"jupyterhub"}, "conda": {"jupyterhub", "jupyterhub-base"}}), key=lambda i: i.order
    )
    if pins:
        last = pins[-1]
        exact = last.versions.exact() if last.versions is not None else None
        if exact is not None:
            out.append((str(exact), "the Hub Dockerfile's jupyterhub pin", unit.path, last.anchor, ()))
    root = ctx.root
    if root is not None and root.image:
        found = _hub_from_image(root.image, chart_hub_version)
        if found:
            span = ctx.image_span(root)
            origin = stage_arg_origin(ctx, root, unit.built)
            if origin is not None:
                out.append(
                    (found[0], "the Hub's base image tag", origin.path, origin.span, (f"{unit.path}:{span[0]}",))
                )
            else:
                out.append((found[0], "the Hub's base image tag", unit.path, span, ()))
    return out


def _base_name_of(unit: Unit) -> str | None:
    if unit._base is _UNSET:
        from .evidence import base_name

        unit._base = base_name(unit.ctx)
    return unit._base if isinstance(unit._base, str) else None


def _siblings(unit: Unit, base: str | None, units) -> list[Unit]:
    """``images/<name>/Dockerfile`` beside this one builds the image ``…/<name>`` this one is FROM (the
    docker-stacks layout), when the base is written with build arguments (``$REGISTRY/$OWNER/<name>``).
    ``units``: the project's units, or a folder -> units index of them (:func:`_by_folder`)."""
    if not base:
        return []
    root = unit._root
    if root is None or root[0] == root[1] or "$" not in root[0]:
        return []
    wanted = base.rsplit("/", 1)[-1]
    folders = set()
    folder = os.path.dirname(os.path.dirname(unit.path))
    for _ in range(4):  # images/<name>/ beside this image's folder, or beside a folder above it (variants: cuda12/)
        folders.add(os.path.join(folder, wanted))
        folder = os.path.dirname(folder)
    index = units if isinstance(units, dict) else _by_folder(units)
    return [other for f in folders for other in index.get(f, ()) if other is not unit]


def _by_folder(units) -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = {}
    for u in units:
        out.setdefault(os.path.dirname(u.path), []).append(u)
    return out


_PROJECTS: dict[tuple, Project] = {}


def project_for(path: str, options: Options, overrides: dict[str, str] | None = None) -> Project:
    """The project (repository) that ``path`` belongs to, built once per root and options."""
    root = find_root(path)
    key = (
        root,
        options.build_args.items().__repr__(),
        options.target,
        options.context,
        options.images.__repr__(),
        options.respect_gitignore,
        options.exclude,
        options.extend_exclude,
        tuple(sorted((overrides or {}).items())),
    )
    project = _PROJECTS.get(key)
    if project is None:
        if len(_PROJECTS) > 32:
            _PROJECTS.clear()
        project = _PROJECTS[key] = Project(root, options, overrides).build()
    return project


__all__ += ["Evidence"]
