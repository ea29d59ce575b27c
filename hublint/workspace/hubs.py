"""The Hub's version: every place in the repository that states it, with its provenance, and which one applies
to an image (the deepest enclosing scope; else the one version the whole repository agrees on).

Sources, strongest first (:func:`_source_rank`): a Hub Dockerfile's jupyterhub pin, its base image's tag (with
the compose build argument that sets it), the Hub service's image tag, a z2jh chart version (a Hub image's
chart tag, a ``jupyterhub`` chart dependency, a chart's ``appVersion``), ``hub.image.tag`` in values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..lazy import pattern
from .graph import HUB_IMAGE, under
from .units import Unit, image_name, image_tag

if TYPE_CHECKING:
    from ..deployment.dotenv import Str
    from ..dockerfile.model import Stage
    from .graph import Deployment
    from .units import Built

__all__ = ["HubSource", "collect_hub_sources", "hub_for", "conflicts_in", "same_version"]

_K8S_HUB = pattern(r"(?:^|/)jupyterhub/k8s-hub(?:-slim)?\Z")


class HubSource(NamedTuple):
    """A place that says which JupyterHub the Hub runs: ``version`` as written (``5.2.1``, ``5``), ``kind``
    (what it is), where (``path``, ``span``), ``via`` (path:line strings it went through, nearest first),
    ``scope`` (the folder whose images it applies to)."""

    version: str
    kind: str
    path: str
    span: tuple[int, int, int, int]
    via: tuple[str, ...]
    scope: str
    certainty: str = "certain"  # "weak" for a source that only a convention suggests

    @property
    def where(self) -> str:
        return f"{self.path}:{self.span[0]}"

    def describe(self, relative_to: str | None = None) -> str:
        """``docker-compose.yml:13`` → ``Dockerfile.jupyterhub:4``: from where the value is written to where it
        is used."""

        def rel(loc: str) -> str:
            if relative_to is None:
                return loc
            path, _, line = loc.rpartition(":")
            return f"{os.path.relpath(path, relative_to)}:{line}"

        places = [rel(self.where), *(rel(v) for v in self.via)]
        return " → ".join(f"`{p}`" for p in dict.fromkeys(places))


def collect_hub_sources(dep: Deployment) -> None:
    """Every place of the deployment that states the Hub's version (``dep.hubs``)."""
    from ..image.knowledge import chart_hub_version

    seen = set()

    def add(source: HubSource) -> None:
        key = (source.version, source.path, source.span[0])
        if key not in seen and source.version:
            seen.add(key)
            dep.hubs.append(source)

    for svc in dep.hub_services:
        folder = os.path.dirname(svc.path)
        if svc.build is None and svc.image is not None and svc.image.value:
            ver = hub_from_image(svc.image.value, chart_hub_version)
            if ver:
                add(HubSource(ver[0], ver[1], svc.image.path, svc.image.span, svc.image.via, folder))
    for unit in list(dep.units.values()):
        if (
            unit.own_role.role != "hub"
            and not any(b.purpose == "hub" for b in unit.built)
            and not any(b.service in dep.hub_services for b in unit.built)
        ):
            continue
        scope = unit.built[0].scope if unit.built else os.path.dirname(unit.path)
        for version, kind, path, span, via in _hub_from_dockerfile(dep, unit, chart_hub_version):
            add(HubSource(version, kind, path, span, via, scope))
    for chart in dep.charts:
        dep_ = chart.jupyterhub_dependency()
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
        elif dep_ is not None and dep_.version is not None and dep_.version.value:
            hub = chart_hub_version(dep_.version.value)
            if hub:
                add(
                    HubSource(
                        hub,
                        f"zero-to-jupyterhub chart {dep_.version.value}",
                        chart.path,
                        dep_.version.span,
                        (),
                        dep.root,
                    )
                )
    for path, cfg in dep.configs.items():
        image = cfg.z2jh.get("hub.image") if getattr(cfg, "kind", "") == "z2jh" else None
        if image is not None and isinstance(image.value, dict):
            name, tag = image.value.get("name"), image.value.get("tag")
            if name is not None and tag is not None and isinstance(name.value, str) and tag.value is not None:
                ver = hub_from_image(f"{name.value}:{tag.value}", chart_hub_version)
                if ver:
                    add(HubSource(ver[0], ver[1], path, tag.span, (), os.path.dirname(path)))


def hub_for(dep: Deployment, path: str) -> tuple[HubSource | None, list[HubSource]]:
    """The Hub version that applies to an image at ``path`` (its deepest enclosing scope; else the one version
    the whole repository agrees on), and the other sources that disagree with it."""
    path = os.path.abspath(path)
    scoped = [h for h in dep.hubs if under(path, h.scope)]
    candidates = scoped or dep.hubs
    if not candidates:
        return None, []
    depth = max(len(h.scope) for h in candidates)
    nearest = [h for h in candidates if len(h.scope) == depth] if scoped else candidates
    nearest.sort(key=_source_rank)  # unscoped: the deployment's own list, ranked (the JSON lists it so)
    chosen = nearest[0]
    conflicts = [h for h in nearest if not same_version(h.version, chosen.version)]
    if not scoped and len({_major_minor(h.version) for h in candidates}) > 1:
        return None, []  # the repository's Hubs disagree and none is this image's own
    return chosen, conflicts


def conflicts_in(dep: Deployment, path: str) -> tuple:
    """(version, kind, span, chosen version, chosen's description) for each Hub source written in ``path`` that
    disagrees with the source hublint uses for its scope (HUB604)."""
    path = os.path.abspath(path)
    out = []
    for h in dep.hubs:
        if os.path.abspath(h.path) != path:
            continue
        chosen, _ = hub_for(dep, h.scope if h.scope != dep.root else h.path)
        if chosen is not None and chosen is not h and not same_version(h.version, chosen.version):
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


def same_version(a: str, b: str) -> bool:
    pa, pb = _parts(a), _parts(b)
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def hub_from_image(ref: str, chart_hub_version: Callable[[str], str | None]) -> tuple[str, str] | None:
    """(version, kind) from a Hub image reference: ``jupyterhub/jupyterhub:5.2.1``, ``k8s-hub:4.0.0`` (chart)."""
    from ..dockerfile.expand import UNKNOWN

    if UNKNOWN in ref:
        return None
    name, tag = image_name(ref), image_tag(ref)
    if not tag or not re.match(r"\d", tag):
        return None
    if _K8S_HUB.search(name):
        hub = chart_hub_version(tag)
        return (hub, f"the Hub image's chart version ({ref})") if hub else None
    if HUB_IMAGE.search(name):
        m = re.match(r"\d+(?:\.\d+){0,2}", tag)
        return (m.group(0), f"the Hub image tag ({ref})") if m else None
    return None


def _hub_from_dockerfile(dep: Deployment, unit: Unit, chart_hub_version) -> list:
    """(version, kind, path, span, via) of what a Hub Dockerfile says: its last jupyterhub pin, and its base
    image's tag (through a compose build argument, where that is written)."""
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
            out.append((str(exact), "the Hub Dockerfile's jupyterhub pin", unit.path, last.anchor, ()))
    root = img.root
    if root is not None and root.image:
        found = hub_from_image(root.image, chart_hub_version)
        if found:
            span = img.image_span(root)
            origin = stage_arg_origin(root, unit.built)
            if origin is not None:
                out.append(
                    (found[0], "the Hub's base image tag", origin.path, origin.span, (f"{unit.path}:{span[0]}",))
                )
            else:
                out.append((found[0], "the Hub's base image tag", unit.path, span, ()))
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
