"""The Hub's version: every place in the repository that states it, with its provenance, and which one applies
to each file — one version per deployment (:mod:`.scopes`).

Sources, strongest first (:func:`_source_rank`): a Hub Dockerfile's jupyterhub pin, its base image's tag (with
the compose build argument that sets it), the Hub service's image, a z2jh chart version (a Hub image's chart tag,
a ``jupyterhub`` chart dependency — directly, through a published wrapper chart or a chart of the repository —, a
release's chart version, a chart's ``appVersion``), ``hub.image.tag`` in values.  A development chart version
gives a range (``upto``); a version read from a repository's own convention (hubploy's ``version:``) is *weak*: it
counts only where nothing certain is stated.

Each source applies to its *scope* (a folder) and to the configurations it names (``configs``: the values files of
a release).  A file is judged against the Hub of every deployment that spawns it (a Dockerfile built as an image
a configuration spawns) — else of the deepest scope enclosing it — else against the version the whole repository
agrees on — and there is none when a deployment states its Hub in a form hublint cannot map (a development chart
version it does not know): that deployment's Hub is unknown, not absent.  Sources of one scope that disagree are
HUB604; different versions in different scopes are not.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable

from ..lazy import pattern
from ..records import TYPE_CHECKING, NamedTuple
from .graph import HUB_IMAGE, under
from .places import mark
from .scopes import config_scope, part_of, spawning_configs
from .units import Unit, image_name, image_tag

if TYPE_CHECKING:
    from ..deployment.charts import Chart
    from ..deployment.dotenv import Str
    from ..deployment.releases import Release
    from ..dockerfile.model import Stage
    from .graph import Deployment
    from .units import Built

__all__ = [
    "HubSource",
    "collect_hub_sources",
    "hub_for",
    "hubs_for",
    "conflicts_in",
    "same_version",
    "groups",
    "chosen_in",
    "judge_against_each",
    "without_hub_pins",
    "HUB_RULES",
]

HUB_RULES = ("HUB204", "HUB205")  # the rules that compare an image with the Hub's version

_K8S_HUB = pattern(r"(?:^|/)jupyterhub/k8s-hub(?:-slim)?\Z")
_MOVING_HUB = pattern(r"(?:^|/)jupyterhub/jupyterhub\Z")  # the Hub's own image, which `latest` follows


class HubSource(NamedTuple):
    """A place that says which JupyterHub the Hub runs: ``version`` as written (``5.2.1``, ``5``), ``kind``
    (what it is), where (``path``, ``span``), ``via`` (path:line strings it went through, nearest first),
    ``scope`` (the folder whose images it applies to); ``upto``: for a range (a development chart), its highest
    version (``""``: no known upper bound; None: not a range); ``certainty`` (``weak``: inferred from a
    repository's convention); ``configs``: the configurations of its deployment (the values files a release
    names)."""

    version: str
    kind: str
    path: str
    span: tuple[int, int, int, int]
    via: tuple[str, ...]
    scope: str
    upto: str | None = None
    certainty: str = "certain"
    configs: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.path}:{self.span[0]}"

    @property
    def shown(self) -> str:
        """The version for messages and rules: ``5.2.1``, ``3.0.0 to 4.0.0``, ``5.5.0 or later``."""
        if self.upto is None or self.upto == self.version:
            return self.version
        return f"{self.version} or later" if self.upto == "" else f"{self.version} to {self.upto}"

    def described(self) -> str:
        """For a message: where it is written (marked paths, :mod:`.places`) and what it is."""
        return f"{self.describe(marked=True)}, {self.kind}"

    def describe(self, relative_to: str | None = None, marked: bool = False) -> str:
        """``docker-compose.yml:13`` → ``Dockerfile.jupyterhub:4``: from where the value is written to where it
        is used (paths relative to ``relative_to``, or marked for a message)."""

        def rel(loc: str) -> str:
            path, _, line = loc.rpartition(":")
            if marked:
                return f"{mark(path)}:{line}"
            if relative_to is None:
                return loc
            return f"{os.path.relpath(path, relative_to)}:{line}"

        places = [rel(self.where), *(rel(v) for v in self.via)]
        return " → ".join(f"`{p}`" for p in dict.fromkeys(places))


# ---------------------------------------------------------------------------------------------- collecting
def collect_hub_sources(dep: Deployment) -> None:
    """Every place of the deployment that states the Hub's version (``dep.hubs``, strongest first)."""
    seen = set()

    def add(source: HubSource) -> None:
        key = (source.version, source.path, source.span[0], source.scope)
        if key not in seen and source.version:
            seen.add(key)
            dep.hubs.append(source)

    for svc in dep.hub_services:
        folder = os.path.dirname(svc.path)
        if svc.build is None and svc.image is not None and svc.image.value:
            ver = hub_from_image(svc.image.value, own_tag=True)
            if ver:
                add(HubSource(ver[0], ver[2], svc.image.path, svc.image.span, svc.image.via, folder, ver[1], ver[3]))
    for unit in list(dep.units.values()):
        if (
            unit.own_role.role != "hub"
            and not any(b.purpose == "hub" for b in unit.built)
            and not any(b.service in dep.hub_services for b in unit.built)
        ):
            continue
        scope = _hub_image_scope(dep, unit)
        deployed = _deployed_here(dep, unit, scope)
        for version, upto, kind, path, span, via, certainty in _hub_from_dockerfile(dep, unit):
            if not deployed and certainty != "weak":  # a Hub image alone says not which images it spawns
                certainty, kind = "weak", f"{kind}; nothing here deploys that Hub"
            add(HubSource(version, kind, path, span, via, scope, upto, certainty))
    for chart in dep.charts:
        for source in _chart_sources(dep, chart, set()):
            add(source)
    for release in dep.releases:
        for source in _release_sources(dep, release):
            add(source)
    for path, cfg in dep.configs.items():
        image = cfg.z2jh.get("hub.image") if getattr(cfg, "kind", "") == "z2jh" else None
        if image is not None and isinstance(image.value, dict):
            name, tag = image.value.get("name"), image.value.get("tag")
            if name is not None and tag is not None and isinstance(name.value, str) and tag.value is not None:
                ver = hub_from_image(f"{name.value}:{tag.value}")
                if ver:
                    add(HubSource(ver[0], ver[2], path, tag.span, (), config_scope(dep, path), ver[1], ver[3]))
    stated = [h.scope for h in dep.hubs if h.certainty != "weak"]
    for source in _listed_hub_images(dep):
        if not any(under(source.scope, scope) for scope in stated):  # a release or a Hub image says more
            add(source)
    for path, name in _custom_hub_images(dep):
        for source in _built_hub_image(dep, path, name):
            add(source)
    dep.hubs.sort(key=lambda h: (h.certainty == "weak", _source_rank(h)))


def _custom_hub_images(dep: Deployment) -> list[tuple[str, str]]:
    """A chart version says which JupyterHub the chart's own Hub image runs: where the deployment's values run
    another Hub image (`hub.image` naming no `k8s-hub`), its JupyterHub is that image's, so the chart's version is
    only a weak guess there (what rests on it is an info).  Returns (values file, image name) of each: a Hub
    Dockerfile the repository builds as that image states it (:func:`_built_hub_image`)."""
    custom = []
    for path, cfg in dep.configs.items():
        image = cfg.z2jh.get("hub.image") if getattr(cfg, "kind", "") == "z2jh" else None
        name = image.value.get("name") if image is not None and isinstance(image.value, dict) else None
        if name is not None and isinstance(name.value, str) and not _K8S_HUB.search(image_name(name.value)):
            custom.append((path, name.value))
    for i, h in enumerate(dep.hubs):
        found = next((n for p, n in custom if "chart" in h.kind and under(p, h.scope)), None)
        if found is not None and h.certainty != "weak":
            dep.hubs[i] = h._replace(certainty="weak", kind=f"{h.kind}, though the values run the Hub image {found}")
    return custom


def _built_hub_image(dep: Deployment, config: str, name: str) -> list[HubSource]:
    """What the Hub Dockerfile the repository builds as the values' own `hub.image` says of its JupyterHub, for
    the deployment of those values (the Dockerfile's own folder is a scope of its own too)."""
    from ..deployment.imagenames import same_name

    scope, out = config_scope(dep, config), []
    for unit in dep.units.values():
        if unit.own_role.role == "hub" and any(same_name(n, name) for b in unit.built for n in b.names):
            for version, upto, kind, path, span, via, certainty in _hub_from_dockerfile(dep, unit):
                kind = f"{kind}, of the Hub image {name} the values run"
                out.append(HubSource(version, kind, path, span, via, scope, upto, certainty, (config,)))
    return out


# zero-to-jupyterhub's Hub image with a chart version, as text in any YAML (`image: quay.io/jupyterhub/k8s-hub:3.3.7`)
_LISTED_HUB = pattern(r"(?<![\w./-])((?:[\w.-]+(?::\d+)?/)?jupyterhub/k8s-hub(?:-slim)?:\d[\w.+-]*)")


def _listed_hub_images(dep: Deployment) -> list[HubSource]:
    """zero-to-jupyterhub's Hub image named in a YAML file that is no z2jh values and no chart (a zarf package's
    image list, a plain Kubernetes manifest): it runs the JupyterHub of its chart version, for the file's folder —
    inferred (weak), since no release hublint reads says that this deployment runs it."""
    out = []
    for path, kind in dep.walked:  # YAML that discovery named values: other YAML too (dropped from dep.files)
        text = (dep.sources.text(path) if kind == "values" and path not in dep.configs else None) or ""
        line, at = 1, 0  # the line of offset `at`, counted on as the matches go
        for m in itertools.islice(_LISTED_HUB.finditer(text), 32) if "k8s-hub" in text else ():  # a few suffice
            line, at = line + text.count("\n", at, m.start()), m.start()
            ver = hub_from_image(m.group(1))
            if ver:
                col = m.start() - text.rfind("\n", 0, m.start())
                span = (line, col, line, col + len(m.group(1)))
                where = f"{ver[2]}, named in a deployment file"
                out.append(HubSource(ver[0], where, path, span, (), os.path.dirname(path), ver[1], "weak"))
    return out


def _deployed_here(dep: Deployment, unit: Unit, scope: str) -> bool:
    """Does the repository deploy the Hub a Hub Dockerfile builds — a compose service or a chartpress chart runs
    it, or a Hub configuration lies in its scope?  A Hub image only a script or a CI workflow builds, with no
    configuration beside it, says not which images it spawns: a weak source for them."""
    if any(b.service is not None or b.purpose == "hub" for b in unit.built) or scope != part_of(
        os.path.dirname(unit.path), dep.root
    ):
        return True
    return any(under(os.path.abspath(path), scope) for path in dep.configs)


def _hub_image_scope(dep: Deployment, unit: Unit) -> str:
    """A Hub Dockerfile's scope: the chart a chartpress build sets it in (``<chartpress folder>/<chart>``, when
    that folder is a chart of the repository), else the folder of the compose or chartpress file that builds it,
    else its own folder — the one above when its folder is named for the Hub (``x/hub/Dockerfile`` beside
    ``x/lab/``).  A CI workflow or script that builds it says nothing of its deployment: one builds many."""
    charts = {os.path.abspath(c.folder) for c in dep.charts}
    for img in dep.chartpress:
        if os.path.abspath(img.dockerfile) != unit.path or not img.chart:
            continue
        folder = os.path.abspath(os.path.join(os.path.dirname(img.path), img.chart))
        if folder in charts and any(vp.endswith("hub.image") for vp in img.values_paths):
            return folder
    charted = tuple(f"{img.path}:" for img in dep.chartpress)
    together = [b for b in unit.built if b.service is not None or b.origin.startswith(charted or ("\0",))]
    if together:
        return together[0].scope  # a compose file's services, a chartpress file's images: one deployment each
    return part_of(os.path.dirname(unit.path), dep.root)  # `x/hub/Dockerfile` beside `x/lab/`: the Hub of `x`


def _chart_version(name: str, version: str) -> tuple[str, str | None, str] | None:
    """(JupyterHub, upto, kind) of a dependency on the jupyterhub chart or a published wrapper of it."""
    from ..deployment.chartversions import chart_hub_range, is_dev_version, wrapper_chart

    via = ""
    if name != "jupyterhub":
        inner = wrapper_chart(name, version)
        if inner is None:
            return None
        via, version = f"{name} chart {version} → ", inner
    found = chart_hub_range(version)
    if found is None:
        return None
    low, high = found
    if high == low:
        return low, None, f"{via}zero-to-jupyterhub chart {version}"
    if high is None and not is_dev_version(version) and "-" not in version:
        return low, "", f"{via}zero-to-jupyterhub chart {version}, newer than hublint's knowledge"
    kind = "development" if is_dev_version(version) else "pre-release"
    return low, high or "", f"{via}zero-to-jupyterhub {kind} chart {version}"


def _chart_sources(dep: Deployment, chart: Chart, seen: set[str]) -> list[HubSource]:
    """What a chart says: the jupyterhub chart's ``appVersion``; a dependency on the jupyterhub chart or a
    published wrapper; a ``file://`` dependency on a chart of the repository (followed)."""
    from ..deployment.chartversions import WRAPPERS

    folder = os.path.abspath(chart.folder)
    if folder in seen or len(seen) > 8:
        return []
    seen = seen | {folder}
    app = chart.app_version
    if app is not None and app.value and chart.is_z2jh():
        return [HubSource(app.value, "the jupyterhub chart's appVersion", chart.path, app.span, (), folder)]
    out: list[HubSource] = []
    for d in chart.dependencies:
        name = d.name.rsplit("/", 1)[-1]
        if d.version is None or not d.version.value:
            continue
        if name == "jupyterhub" or name in WRAPPERS:
            found = _chart_version(name, d.version.value)
            if found:
                out.append(HubSource(found[0], found[2], chart.path, d.version.span, (), folder, found[1]))
            else:
                # a Hub is stated, its version is unknown: not "no Hub"
                dep.unmapped_hubs.setdefault(folder, (f"{name} chart {d.version.value}", chart.path, d.version.span[0]))
        elif (d.repository or "").startswith("file://"):
            target = os.path.normpath(os.path.join(folder, d.repository[len("file://") :]))  # type: ignore[index]
            for other in dep.charts:
                if os.path.abspath(other.folder) == target and dep.inside(target):
                    for inner in _chart_sources(dep, other, seen):
                        out.append(
                            inner._replace(
                                kind=f"{inner.kind}, through the chart {mark(target)}",
                                path=chart.path,
                                span=d.version.span,
                                via=(inner.where, *inner.via),
                                scope=folder,
                                configs=(),
                            )
                        )
    return out


def _release_sources(dep: Deployment, release: Release) -> list[HubSource]:
    """A release's chart version (a local chart: that chart's sources), for the release's folder and the values
    it names (and its own file, when it holds values)."""
    scope = os.path.dirname(release.path)
    configs = tuple(os.path.abspath(v.value) for v in release.values if v.value)
    if release.inline is not None:
        configs += (os.path.abspath(release.path),)
    what = f"{release.kind} `{release.name}`" if release.name else release.kind
    if release.certainty == "weak":  # a version the repository's own convention states
        what += "'s top-level `version:`, inferred"
    if release.version_note:
        what += f", {release.version_note}"
    if release.local_chart is not None:
        out = []
        for chart in dep.charts:
            if os.path.abspath(chart.folder) == release.local_chart and dep.inside(release.local_chart):
                for s in _chart_sources(dep, chart, set()):
                    out.append(s._replace(scope=scope, configs=configs, kind=f"{s.kind} ({what})"))
        return out
    if release.version is None or not release.version.value:
        from ..deployment.releases import is_jupyterhub_chart

        if release.kind in ("helm command", "helm call") and is_jupyterhub_chart(release.chart):
            # `helm upgrade --install x jupyterhub/jupyterhub` without --version (the newest chart), or with a
            # computed one: a Hub whose version is unknown here
            if release.version is None:  # helm installs the newest chart: its JupyterHub, or a later one (weak)
                return [_newest_chart_source(release, scope, configs, what)]
            where = (f"{release.chart} chart (a computed --version)", release.path, release.span[0])
            dep.unmapped_hubs.setdefault(scope, where)
        return []
    found = _chart_version(release.chart, release.version.value)
    if not found:
        return []
    v = release.version
    return [
        HubSource(found[0], f"{found[2]} ({what})", v.path, v.span, (), scope, found[1], release.certainty, configs)
    ]


def _newest_chart_source(release: Release, scope: str, configs: tuple[str, ...], what: str) -> HubSource:
    from ..image.stacks import newest_chart

    chart, hub, day = newest_chart()
    kind = f"{release.chart} chart without --version ({what}: the newest, {chart} with {hub} on {day}, or later)"
    return HubSource(hub, kind, release.path, release.span, (), scope, "", "weak", configs)


def groups(dep: Deployment) -> dict[str, list[HubSource]]:
    """The Hub sources by scope (one deployment each), strongest first."""
    out: dict[str, list[HubSource]] = {}
    for h in dep.hubs:
        out.setdefault(os.path.abspath(h.scope), []).append(h)
    return out


def chosen_in(group: list[HubSource]) -> tuple[HubSource, list[HubSource]]:
    """The source a deployment's Hub version is taken from (the strongest certain one), and the certain sources
    of the same deployment that disagree with it."""
    sure = [h for h in group if h.certainty != "weak"] or group
    chosen = sure[0]
    return chosen, [h for h in sure if not _agree(h, chosen)]


def _config_scopes(dep: Deployment, config: str, by_scope: dict[str, list[HubSource]]) -> list[str]:
    """The scopes whose Hub applies to a configuration: the releases that name it, else the deepest scope that
    encloses it."""
    named = [os.path.abspath(h.scope) for h in dep.hubs if config in h.configs]
    if named:
        return sorted(set(named))
    return _deepest(config, by_scope)


def _deepest(path: str, by_scope: dict[str, list[HubSource]]) -> list[str]:
    enclosing = [s for s in by_scope if under(path, s)]
    return [max(enclosing, key=len)] if enclosing else []


def hubs_for(dep: Deployment, path: str) -> list[tuple[HubSource, list[HubSource]]]:
    """The Hub of every deployment a file belongs to — (the source used, the sources of that deployment that
    disagree with it) each: for a configuration, the deployment(s) it belongs to; for a Dockerfile, those of the
    configurations that spawn it, else the deepest scope enclosing it; else the one version the whole repository
    agrees on (nothing when its deployments disagree)."""
    path = os.path.abspath(path)
    by_scope = groups(dep)
    if not by_scope:
        return []
    if path in dep.configs or path in dep.named_values:
        scopes = _config_scopes(dep, path, by_scope)
    else:
        scopes = [s for c in spawning_configs(dep, path) for s in _config_scopes(dep, c, by_scope)]
        scopes = sorted(set(scopes)) or _deepest(path, by_scope)
        if scopes and any(under(path, u) and len(u) > len(scopes[0]) for u in dep.unmapped_hubs if u not in by_scope):
            return []  # the deepest deployment around it states a Hub hublint cannot map
    if scopes:
        return [chosen_in(by_scope[s]) for s in scopes]
    if any(under(path, s) or s not in by_scope for s in dep.unmapped_hubs):
        return []  # a deployment states a Hub hublint cannot map: the repository does not agree on one version
    chosen = [chosen_in(g)[0] for g in by_scope.values()]
    if len({_key(c) for c in chosen}) > 1:
        return []  # the repository's deployments disagree (however sure each is) and none is this file's own
    sure = [c for c in chosen if c.certainty != "weak"] or chosen
    best = min(sure, key=lambda h: (_source_rank(h), h.path, h.span))
    return [(best, [])]


def hub_for(dep: Deployment, path: str) -> tuple[HubSource | None, list[HubSource]]:
    """The first of :func:`hubs_for` (None when no Hub version applies)."""
    found = hubs_for(dep, path)
    return found[0] if found else (None, [])


def judge_against_each(lint: Callable, inp, hubs: list[HubSource]) -> list:
    """``lint(inp)`` (``inp`` set with the first Hub); then, for a file of several deployments, the findings of the
    rules that compare with the Hub's version from a run against each other deployment's Hub, where no finding of
    that rule is at that place yet.  When the deployments disagree, none of those findings carries a fix: a pin
    that suits one breaks the other."""
    found = lint(inp)
    for other in hubs[1:]:
        again = lint(inp._replace(hub_version=other.shown, hub_source=other.described(), hub_certainty=other.certainty))
        have = {(f.code, f.path, f.line, f.column) for f in found}
        found += [f for f in again if f.code in HUB_RULES and (f.code, f.path, f.line, f.column) not in have]
    return _unpinned(found) if len({h.shown for h in hubs}) > 1 else found


def _unpinned(found: list) -> list:
    return [f._replace(fix=None) if f.code in HUB_RULES else f for f in found]


class _NoHubPins:
    """A linter whose findings of the rules that compare with the Hub carry no fix (``--fix`` of an image whose
    deployments disagree on the Hub)."""

    def __init__(self, linter) -> None:
        self.linter = linter

    def image(self, inp, problem=None) -> list:
        return _unpinned(self.linter.image(inp, problem))


def without_hub_pins(linter, hubs: list[HubSource]):
    """``linter``, or — when ``hubs`` (the deployments of an image) disagree — one that makes no pin to a Hub."""
    return _NoHubPins(linter) if len({h.shown for h in hubs}) > 1 else linter


def conflicts_in(dep: Deployment, path: str) -> tuple:
    """(version, kind, span, chosen version, chosen's description) for each Hub source written in ``path`` that
    disagrees with the source its own deployment's version is taken from (HUB604)."""
    path = os.path.abspath(path)
    out = []
    for group in groups(dep).values():
        chosen, disagree = chosen_in(group)
        for h in disagree:
            if os.path.abspath(h.path) == path:
                where = chosen.described()
                out.append((h.shown, h.kind, h.span, chosen.shown, where))
    return tuple(out)


def _source_rank(h: HubSource) -> int:
    order = (
        "the Hub Dockerfile's jupyterhub pin",
        "the Hub's base image tag",
        "the Hub image tag",
        "the Hub image's jupyterhub",
        "the Hub image's chart version",
        "zero-to-jupyterhub",
        "daskhub chart",
        "binderhub chart",
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


def _key(h: HubSource) -> tuple:
    """What two deployments must share to agree: the major.minor of each end of the version (range)."""
    return _major_minor(h.version), (_major_minor(h.upto) if h.upto else None)


def _agree(a: HubSource, b: HubSource) -> bool:
    if (a.upto is not None) or (b.upto is not None):
        return (a.version, a.upto or None) == (b.version, b.upto or None) or _key(a) == _key(b)
    return same_version(a.version, b.version)


def same_version(a: str, b: str) -> bool:
    pa, pb = _parts(a), _parts(b)
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def hub_from_image(ref: str, own_tag: bool = False) -> tuple[str, str | None, str, str] | None:
    """(version, upto, kind, certainty) from a Hub image reference: ``jupyterhub/jupyterhub:5.2.1``,
    ``k8s-hub:4.0.0`` (a chart version, or a development build's range); ``jupyterhub/jupyterhub`` untagged or
    ``:latest`` moves with each release, so it runs the newest hublint knows or a later one — inferred (weak): an
    image pulled before then is older; with ``own_tag`` (the image the Hub service runs), also an image whose
    jupyterhub hublint knows from its tag (``quay.io/jupyter/base-notebook:hub-5.0.0``)."""
    from ..deployment.chartversions import chart_hub_range
    from ..dockerfile.expand import UNKNOWN

    if UNKNOWN in ref:
        return None
    name, tag = image_name(ref), image_tag(ref)
    if _MOVING_HUB.search(name) and tag in (None, "latest") and "@" not in ref:
        from ..image.stacks import newest_jupyterhub

        newest, day = newest_jupyterhub()
        what = f"the Hub image's moving tag ({ref}: the newest JupyterHub, {newest} on {day}, or a later one)"
        return newest, "", what, "weak"
    if not tag:
        return None
    if _K8S_HUB.search(name) and re.match(r"\d", tag):
        found = chart_hub_range(tag)
        if found is None:
            return None
        if found[0] == found[1]:
            return found[0], None, f"the Hub image's chart version ({ref})", "certain"
        return found[0], found[1] or "", f"the Hub image's development chart version ({ref})", "certain"
    if HUB_IMAGE.search(name):
        m = re.match(r"\d+(?:\.\d+){0,2}", tag)
        return (m.group(0), None, f"the Hub image tag ({ref})", "certain") if m else None
    if own_tag:
        from ..dockerfile.imageref import parse_ref
        from ..image.knowledge import lookup

        info = lookup(parse_ref(ref))
        version = info.provides.get("jupyterhub") if info is not None else None
        if version and re.fullmatch(r"\d+(?:\.\d+){0,2}", version):
            return version, None, f"the Hub image's jupyterhub ({ref}, {info.title})", "certain"  # type: ignore[union-attr]
    return None


def _hub_from_dockerfile(dep: Deployment, unit: Unit) -> list:
    """(version, upto, kind, path, span, via, certainty) of what a Hub Dockerfile says: its last jupyterhub pin, and its
    base image's tag (through a compose build argument, where that is written)."""
    img = dep.analysis(unit)
    if img is None:
        return []
    out: list[tuple] = []
    pins = sorted(
        img.installed({"pip": {"jupyterhub"}, "conda": {"jupyterhub", "jupyterhub-base"}}), key=lambda i: i.order
    )
    if pins:
        last = pins[-1]
        exact = last.versions.exact() if last.versions is not None else None
        if exact is not None:
            kind = "the Hub Dockerfile's jupyterhub pin" + (f" (in `{last.source}`)" if last.source else "")
            out.append((str(exact), None, kind, unit.path, last.anchor, (), "certain"))
    root = img.root
    if root is not None and root.image:
        found = hub_from_image(root.image)
        if found:
            span = img.image_span(root)
            origin = stage_arg_origin(root, unit.built)
            kind = "the Hub's base image tag" + (" (a development chart's range)" if found[1] is not None else "")
            if found[3] == "weak":
                kind = "the Hub's base image's " + found[2].removeprefix("the Hub image's ")
            if origin is not None:
                out.append((found[0], found[1], kind, origin.path, origin.span, (f"{unit.path}:{span[0]}",), found[3]))
            else:
                out.append((found[0], found[1], kind, unit.path, span, (), found[3]))
    return out


def stage_arg_origin(stage: Stage, built: tuple[Built, ...]) -> Str | None:
    """When a FROM's value comes from a compose build argument, that argument (where it is written)."""
    names = re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", stage.image_raw)
    for b in built:
        for name in names:
            found = b.args.get(name)
            if found is not None and found.value is not None:
                return found
    return None
