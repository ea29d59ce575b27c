"""A repository as one deployment picture: its files, what they build and spawn, which Hub, every role.

Built once per repository root (the folder holding ``.git``, else the linted folder) and settings, from the
files discovery finds there (:mod:`.discover`), each read once (:mod:`.sources`) and statically
(:mod:`hublint.deployment`):

- **builds** (:class:`~.units.Built`): which Dockerfile (and target, context, build args) is built as which
  image — compose ``build:`` + ``image:``, chartpress images, and every other build definition
  (:mod:`.builds`: Makefiles and scripts, CI workflows, bake files, hubploy);
- **units** (:mod:`.units`): every Dockerfile's build targets, each analysed once;
- **spawn images** (:class:`SpawnRef`): every image a spawner is configured with (``jupyterhub_config.py``,
  whose ``os.environ`` lookups read the Hub service's compose environment; z2jh values at any wrapper depth),
  with the place its text is written (compose, ``.env``, values, the config);
- **the Hub's version** with its provenance (:mod:`.hubs`), **roles** (:mod:`.roles`) and, per image, what
  the deployment says about how it is started (:mod:`.facts`).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable

from ..deployment.names import under
from ..image.analysis import ImageAnalysis
from ..lazy import pattern
from ..records import TYPE_CHECKING, NamedTuple
from ..settings.options import Settings
from .deployfiles import name_values, read_deployment_files
from .discover import walk
from .evidence import Role
from .sources import MAX_READ, Sources
from .units import Built, Unit, analyse_units, image_name

if TYPE_CHECKING:
    from ..deployment.builddefs import BuildDef
    from ..deployment.charts import Chart, ChartpressImage
    from ..deployment.compose import ComposeFile, Service
    from ..deployment.dotenv import Str
    from ..deployment.hubconfig import ConfigReadError, HubConfig
    from ..deployment.releases import Release
    from .hubs import HubSource

__all__ = ["Deployment", "SpawnRef", "read_files", "exclusions", "under"]

_STARTS_HUB = pattern(r"(?:^|[\s;&|('\"])(?:\S*/)?jupyterhub(?=$|[\s;&|)'\"])")  # a command running the Hub
HUB_IMAGE = pattern(r"(?:^|/)(?:jupyterhub/jupyterhub|jupyterhub/k8s-hub(?:-slim)?|[^/]*jupyterhub-onbuild)\Z")


class SpawnRef(NamedTuple):
    """A spawn image: ``ref`` (None when unknown), where its text is written, ``where`` (the setting, for
    messages), ``via`` (path:line strings), ``config`` (the configuration or values file that sets it),
    ``scope`` (that file's folder)."""

    ref: str | None
    path: str
    span: tuple[int, int, int, int]
    where: str
    via: tuple[str, ...]
    config: str
    scope: str


class Deployment:
    """One repository's deployment, made by :func:`build_deployment` and read-only afterwards — but for the
    analyses, which the run takes (:meth:`take`) to lint them, so that a run over a thousand files keeps
    roles and names, not a thousand parsed Dockerfiles."""

    def __init__(self, root: str, settings: Settings, sources: Sources) -> None:
        self.root = os.path.abspath(root)
        self.settings = settings
        self.sources = sources
        self.walked: list[tuple[str, str]] = []  # (absolute path, kind by name): what discovery found
        self.files: list[tuple[str, str]] = []  # (absolute path, kind by content): the deployment's files
        self.walk_errors: list[str] = []
        self.nested: list[str] = []  # folders below the root that hold `.git`: other repositories, not read
        self.vendored: list[tuple[str, str, str | None]] = []  # (folder, project, version): upstream source, not read
        self.read_errors: dict[str, ConfigReadError] = {}
        self.composes: list[ComposeFile] = []
        self.configs: dict[str, HubConfig] = {}
        self.charts: list[Chart] = []
        self.chartpress: list[ChartpressImage] = []
        self.releases: list[Release] = []  # releases of the jupyterhub chart (helmfile, helmsman, Argo, helm, hubploy)
        self.named_values: dict[str, list[str]] = {}  # values file -> the scopes of the releases that name it
        self.reference_copies: dict[str, str] = {}  # values file -> the chart version whose defaults it copies
        self.hub_service_configs: dict[tuple[str, str], set[str]] = {}  # Hub service -> the configurations it runs
        self.config_scopes: dict[str, str] = {}  # configuration -> its deployment's scope (workspace.scopes)
        self.build_defs: list[BuildDef] = []  # what every build definition builds (:mod:`.builds`)
        self.unread: dict[str, str] = {}  # build definitions that cannot be read, and why (no finding)
        self.builds: list[Built] = []
        self.hub_services: list[Service] = []
        self.hubs: list[HubSource] = []
        # scopes that state a Hub hublint cannot map (a chart version it does not know): what, file, line
        self.unmapped_hubs: dict[str, tuple[str, str, int]] = {}
        self.hub_packages: tuple[tuple[str, object], ...] = ()  # the spawner packages its Hub images install
        self.spawns: list[SpawnRef] = []
        # image names (normalised) the deployment runs in a role that is not a spawned server — z2jh init and
        # extra containers, the proxy, pre-pulled images — with where it names them
        self.other_images: dict[str, str] = {}
        self.units: dict[tuple[str, str | None], Unit] = {}
        self.roles: dict[tuple[str, str | None], Role] = {}
        self.folders: dict[str, list[Unit]] = {}  # the units by folder
        self.texts: dict[str, str] = {}  # the text each unit was analysed from
        self._analyses: dict[tuple[str, str | None], ImageAnalysis] = {}
        self._by_path: tuple[int, dict[str, list[Unit]]] = (0, {})  # units by path (built on first use)
        self.indexes: dict[str, object] = {}  # indexes the facts build once per deployment (facts._candidates)

    # ------------------------------------------------------------------ what the run asks
    def inside(self, path: str) -> bool:
        """Is ``path`` part of this repository: under its root and not in a nested repository?"""
        path = os.path.abspath(path)
        return under(path, self.root) and not any(under(path, n) for n in self.nested)

    def units_of(self, path: str) -> list[Unit]:
        path = os.path.abspath(path)
        if self._by_path[0] != len(self.units):  # units are only added, while the deployment is built
            index: dict[str, list[Unit]] = {}
            for (p, _), u in self.units.items():
                index.setdefault(p, []).append(u)
            self._by_path = (len(self.units), index)
        return list(self._by_path[1].get(path, ()))

    def role_of(self, unit: Unit) -> Role:
        return self.roles[(unit.path, unit.target)]

    def take(self, unit: Unit) -> ImageAnalysis:
        """The unit's analysis, handed over to be linted (analysed again if it was taken before)."""
        key = (unit.path, unit.target)
        img = self._analyses.pop(key, None)
        if img is None:
            text = self.texts.get(unit.path)
            again = analyse_units(
                unit.path,
                text or "",
                [b for b in self.builds if b.dockerfile == unit.path],
                self.settings.build_args,
                self.settings.images,
                self.settings.context,
                self.sources.context_text,
            )
            img = next(i for u, i in again if u.target == unit.target)
        return img

    def deploys_values(self, path: str) -> bool:
        """Is a values file surely deployed: named by a release (``helm -f``, helmfile, hubploy), or a chart's own
        ``values.yaml`` (beside its ``Chart.yaml``), which Helm always reads?"""
        return path in self.named_values or self.chart_values(path)

    def chart_values(self, path: str) -> bool:
        """Is ``path`` a chart's own ``values.yaml`` (beside a ``Chart.yaml`` of the repository)?"""
        folder = os.path.dirname(path)
        return os.path.basename(path) == "values.yaml" and any(os.path.abspath(c.folder) == folder for c in self.charts)

    def tag_set_later(self, path: str, image: str) -> tuple[bool, str | None]:
        """Does every release that names values file ``path`` set the tag (or the name) of the chart's image map
        ``image`` (``singleuser.image``, ``hub.image``) after it — and the tag they set, when they all write the
        same one in a later values file and keep the name (None: set on a command line or by hubploy, renamed, or
        not the same)?  Helm merges a release's values files in order, then its ``--set`` values, so the later tag
        is the one deployed (``helm -f base.yaml -f prod.yaml``, prod setting the tag; ``--set
        singleuser.image.tag=…``; hubploy, which sets the tag of each image it builds)."""
        cfg = self.configs.get(path)
        key = f"{cfg.prefix if cfg is not None else ''}{image}.tag"
        tags: set[str | None] = set()
        folder = os.path.dirname(path)
        own = self.chart_values(path)
        for release in self.releases:
            files = [os.path.abspath(v.value) if v.value is not None else "" for v in release.values]
            if path in files:
                files = files[len(files) - files[::-1].index(path) :]
            elif not (own and path not in self.named_values and _deploys_chart(release, folder)):
                continue  # a chart's own values.yaml is the first layer of each release of that chart
            later = [t for p in files if (t := _tag(self.configs.get(p), image))]
            renamed = key[:-4] + ".name" in release.sets or any(_tag(self.configs.get(p), image, "name") for p in files)
            written = "" in files  # a layer the deploy writes (`-f $TAGS`): it may set the tag
            if key not in release.sets and not later and not renamed and not written:
                return False, None
            unknown = key in release.sets or renamed or written or not later
            tags.add(None if unknown else later[-1])  # None: not known here
        return bool(tags), (next(iter(tags)) if len(tags) == 1 else None)

    def analysis(self, unit: Unit) -> ImageAnalysis | None:
        """The unit's analysis while the deployment is built (None once taken)."""
        return self._analyses.get((unit.path, unit.target))

    # ------------------------------------------------------------------ reading
    def read(self, path: str, reader):
        """``reader(path, text)``, or None when the file cannot be read (its error is kept: HUB001)."""
        from ..deployment.hubconfig import ConfigReadError

        text = self.sources.text(path)
        if text is None:
            size = self.sources.size(path)
            if size is not None and size > MAX_READ:
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


def exclusions(settings: Settings, base: str) -> list:
    """The ``exclude`` (default :data:`~.discover.DEFAULT_EXCLUDE`) and ``extend-exclude`` patterns of the
    settings, as matchers; a pattern of the command line is relative to ``base``."""
    from .discover import DEFAULT_EXCLUDE, Ignore

    patterns = settings.exclude if settings.exclude is not None else tuple(("", p) for p in DEFAULT_EXCLUDE)
    return [Ignore(folder or base, [p]) for folder, p in (*patterns, *settings.extend_exclude)]


def read_files(dep: Deployment, extra: Iterable[str] = ()) -> None:
    """Discover the repository's files and read them: the deployment files, the builds they declare, every
    Dockerfile's build targets (and ``extra`` ones: files named on the command line that discovery leaves
    out), the Hub services, the Hub configurations and the spawn images they set."""
    found = walk(
        dep.root,
        gitignore=dep.settings.respect_gitignore,
        exclude=exclusions(dep.settings, dep.root),
        errors=dep.walk_errors,
        nested=dep.nested,
        vendored=dep.vendored,
    )
    dep.walked = [(os.path.abspath(p), k) for p, k in found]
    # an encrypted file (git-crypt, sops, ansible-vault) is listed, never read, whatever its name
    dep.files = [(p, "encrypted" if dep.sources.encrypted(p) else k) for p, k in dep.walked]
    for path in dep.sources.overrides:
        if dep.inside(path) and all(p != path for p, _ in dep.files):
            from .discover import kind_of

            kind = kind_of(path)
            if kind:
                dep.files.append((path, kind))
    read_deployment_files(dep)
    name_values(dep)
    from .builds import read_build_definitions
    from .hubstart import started_hub_configs

    read_build_definitions(dep)
    _collect_builds(dep)
    _analyse_dockerfiles(dep, extra)
    _find_hub_services(dep)
    started_hub_configs(dep)
    _read_hub_configs(dep)


def _deploys_chart(release: Release, folder: str) -> bool:
    """Does ``release`` deploy the repository's chart in ``folder`` — by its path, or as hubploy does (the chart
    is an argument of its `deploy` command, so a hubploy release may deploy any chart of the repository)?"""
    local = release.local_chart
    return (local is not None and os.path.abspath(local) == folder) or release.kind == "hubploy deployment"


def _tag(cfg: HubConfig | None, image: str, key: str = "tag") -> str | None:
    """The tag (or ``key``: the name) a z2jh configuration sets in the chart's image map ``image``, if it sets one."""
    node = cfg.z2jh.get(image) if cfg is not None and cfg.kind == "z2jh" else None
    tag = node.value.get(key) if node is not None and isinstance(node.value, dict) else None
    ok = tag is not None and isinstance(tag.value, (str, int, float)) and str(tag.value) != ""
    return str(tag.value) if ok else None  # type: ignore[union-attr]


# ---------------------------------------------------------------------- builds
def _collect_builds(dep: Deployment) -> None:
    for compose in dep.composes:
        folder = os.path.dirname(compose.path)
        for svc in compose.services.values():
            if svc.build is None or svc.build.dockerfile is None:
                continue
            names = (svc.image.value,) if svc.image is not None and svc.image.value else ()
            dep.builds.append(
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
    for img in dep.chartpress:
        dep.builds.append(_chartpress_build(img))
    from .builds import definition_builds

    dep.builds.extend(definition_builds(dep))
    dep.builds[:] = [_lowercase_default(b) for b in dep.builds]


def _lowercase_default(b: Built) -> Built:
    """A build of a context's default ``Dockerfile`` where the context holds only ``dockerfile``: Docker builds
    that one (moby falls back to the lowercase name)."""
    path = b.dockerfile
    if os.path.basename(path) != "Dockerfile" or os.path.isfile(path):
        return b
    lower = os.path.join(os.path.dirname(path), "dockerfile")
    return b._replace(dockerfile=lower) if os.path.isfile(lower) else b


def _chartpress_build(img: ChartpressImage) -> Built:
    """A chartpress image; its ``valuesPath`` says what it is for (``singleuser.image``, ``hub.image``)."""
    from ..deployment.dotenv import Str

    purpose = None
    for vp in img.values_paths:
        tail = vp.rsplit(".", 2)[-2:] if vp.count(".") >= 1 else [vp]
        if tail == ["singleuser", "image"]:
            purpose = "singleuser"
        elif tail == ["hub", "image"]:
            purpose = "hub"
        elif purpose is None:
            purpose = "other"
    args = {k: Str(v, img.path, img.span) for k, v in img.build_args.items()}
    return Built(
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


def _analyse_dockerfiles(dep: Deployment, extra: Iterable[str]) -> None:
    paths = [p for p, k in dep.files if k == "dockerfile"]
    for b in dep.builds:
        if b.dockerfile not in paths and os.path.isfile(b.dockerfile) and dep.inside(b.dockerfile):
            if dep.sources.encrypted(b.dockerfile):
                if (b.dockerfile, "encrypted") not in dep.files:
                    dep.files.append((b.dockerfile, "encrypted"))
                continue
            paths.append(b.dockerfile)
            dep.files.append((b.dockerfile, "dockerfile"))
    for path in extra:
        path = os.path.abspath(path)
        if path not in paths:
            paths.append(path)
    settings = dep.settings
    for path in paths:
        text = dep.sources.text(path)
        if text is None:
            continue
        built = [b for b in dep.builds if b.dockerfile == path]
        units = analyse_units(
            path, text, built, settings.build_args, settings.images, settings.context, dep.sources.context_text
        )
        for unit, img in units:
            dep.units[(path, unit.target)] = unit
            dep._analyses[(path, unit.target)] = img
            dep.texts[path] = text


# ---------------------------------------------------------------------- the Hub
def _find_hub_services(dep: Deployment) -> None:
    """The compose services that are the Hub: they run `jupyterhub` (their command, or their image's), or are built
    from a Hub Dockerfile, or mount a `jupyterhub_config.py` and run no notebook server themselves."""
    from ..image.launchers import classify_argv, strip_wrappers

    for compose in dep.composes:
        for svc in compose.services.values():
            runs = strip_wrappers(svc.runs())
            head = posixpath.basename(runs[0]) if runs else ""
            image = svc.image.value if svc.image is not None else None
            hubby = head == "jupyterhub"
            if not hubby and image and svc.build is None and HUB_IMAGE.search(image_name(image)):
                hubby = not runs or _STARTS_HUB.search(" ".join(runs)) is not None  # not a tool reusing it
            if not hubby and svc.build is not None and svc.build.dockerfile:
                units = dep.units_of(svc.build.dockerfile)
                hubby = any(u.own_role.role == "hub" for u in units)
            if not hubby and any(v.split(":")[0].endswith("jupyterhub_config.py") for v in svc.volumes):
                units = dep.units_of(svc.build.dockerfile) if svc.build is not None and svc.build.dockerfile else []
                serves = (runs and classify_argv(runs) in ("launcher", "server")) or any(
                    e.role == "singleuser" and e.weight == 3 for u in units for e in u.evidence
                )
                hubby = not serves
            if hubby:
                dep.hub_services.append(svc)


def _read_hub_configs(dep: Deployment) -> None:
    for path, kind in dep.files:
        if kind != "hub-config":
            continue
        from ..deployment.hubconfig import read_python_config

        environ = _hub_environment(dep, path)
        cfg = dep.read(path, lambda p, t, environ=environ: read_python_config(t, environ))
        if cfg is not None:
            dep.configs[path] = cfg
    for path, cfg in dep.configs.items():
        for image in getattr(cfg, "other_images", ()):
            if isinstance(image.ref, str):
                where = f"`{image.where}` in {os.path.relpath(path, dep.root)}:{image.span[0]}"
                dep.other_images.setdefault(image_name(image.ref), where)
        for image in cfg.images:
            if image.hub:
                continue  # the image the Hub itself runs (z2jh hub.image): not a spawn
            origin = image.origin
            ref = image.ref if isinstance(image.ref, str) else None
            if origin is not None:
                dep.spawns.append(
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
                dep.spawns.append(SpawnRef(ref, path, image.span, image.where, (), path, os.path.dirname(path)))


def _hub_environment(dep: Deployment, config_path: str) -> dict[str, Str]:
    """The environment of the Hub service that runs this configuration: the service that mounts it, else a
    hub service of a compose file in this folder or above."""
    found = _hub_service(dep, config_path)
    if found is None:
        return {}
    if found.env_unread is not None:
        from ..deployment.dotenv import OpenEnvironment

        return OpenEnvironment(found.environment, found.env_unread)
    return found.environment


def _hub_service(dep: Deployment, config_path: str):
    """The Hub service that runs this configuration (see :func:`_hub_environment`), or None."""
    best = None
    for svc in dep.hub_services:
        if config_path in dep.hub_service_configs.get((svc.path, svc.name), ()):
            return svc
        folder = os.path.dirname(svc.path)
        for vol in svc.volumes:
            src = vol.split(":")[0]
            if src and os.path.normpath(os.path.join(folder, src)) == config_path:
                return svc
        if best is None and under(config_path, folder):
            best = svc
        if svc.build is not None and svc.build.context and under(config_path, svc.build.context) and best is None:
            best = svc
    return best
