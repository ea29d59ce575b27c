"""Helm charts that deploy JupyterHub, and chartpress: which chart version, which images are built here.

- ``Chart.yaml`` (Helm 3, ``apiVersion: v2``) and ``requirements.yaml`` (Helm 2 style): the chart's own
  name/version/appVersion and its ``dependencies`` — a dependency on the ``jupyterhub`` chart names the
  zero-to-jupyterhub version a wrapper chart deploys; the ``jupyterhub`` chart itself carries the Hub's
  version as ``appVersion``.
- helmfile (``helmfile.yaml``): ``releases`` of ``jupyterhub/jupyterhub`` with a ``version``.
- ``chartpress.yaml``: per chart, ``images`` built from this repository — ``contextPath`` (default
  ``images/<name>``), ``dockerfilePath`` (default ``<contextPath>/Dockerfile``), ``imageName`` or
  ``imagePrefix`` + name, and ``valuesPath``: where in the chart's values the image is set
  (``singleuser.image`` means a spawn image, ``hub.image`` the Hub).
"""

from __future__ import annotations

import os

from ..records import NamedTuple
from .dotenv import Str
from .names import CHART_NAMES, is_chart_name
from .yamlnodes import load

__all__ = [
    "Chart",
    "ChartDependency",
    "ChartpressImage",
    "read_chart",
    "read_helmfile",
    "read_chartpress",
    "is_chart_name",
    "CHART_NAMES",
]


class ChartDependency(NamedTuple):
    name: str
    alias: str | None
    version: Str | None
    repository: str | None


class Chart(NamedTuple):
    """A chart (or a helmfile, whose releases are its "dependencies"); ``name``/``version``/``app_version``
    are None for a ``requirements.yaml`` or a helmfile."""

    path: str
    name: str | None
    version: Str | None
    app_version: Str | None
    dependencies: list[ChartDependency]

    @property
    def folder(self) -> str:
        return os.path.dirname(self.path) or "."

    def is_z2jh(self) -> bool:
        """Is this zero-to-jupyterhub's chart itself (a copy or a fork): :func:`.chartversions.z2jh_chart`."""
        from .chartversions import z2jh_chart

        return z2jh_chart(
            self.name,
            self.version.value if self.version is not None else None,
            self.app_version.value if self.app_version is not None else None,
        )

    def jupyterhub_dependency(self) -> ChartDependency | None:
        for dep in self.dependencies:
            if dep.name == "jupyterhub" or dep.name.endswith("/jupyterhub"):
                return dep
        return None

    @property
    def deploys_jupyterhub(self) -> bool:
        """The jupyterhub chart itself, or a chart that depends on it: directly, through a published wrapper
        (daskhub, binderhub), or through a chart of the repository (``file://``)."""
        from .chartversions import WRAPPERS

        return self.name == "jupyterhub" or any(
            d.name in ("jupyterhub", *WRAPPERS)
            or d.name.endswith("/jupyterhub")
            or (d.repository or "").startswith("file://")
            for d in self.dependencies
        )


class ChartpressImage(NamedTuple):
    chart: str
    name: str
    image: str  # the published name, without tag
    context: str  # normalised
    dockerfile: str  # normalised
    values_paths: tuple[str, ...]
    build_args: dict[str, str]
    target: str | None
    span: tuple[int, int, int, int]  # where the image's key is written
    path: str


def _text(value) -> str | None:
    if value is None:
        return None
    v = value.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return v if isinstance(v, str) else None


def _strv(value, path: str) -> Str | None:
    text = _text(value)
    return Str(text, path, value.span) if text is not None else None


def _dependencies(items, path: str) -> list[ChartDependency]:
    out: list[ChartDependency] = []
    if items is None or not isinstance(items.value, list):
        return out
    for item in items.value:
        if not isinstance(item.value, dict):
            continue
        d = item.value
        name = _text(d.get("name"))
        if name:
            out.append(
                ChartDependency(name, _text(d.get("alias")), _strv(d.get("version"), path), _text(d.get("repository")))
            )
    return out


def read_chart(path: str, text: str) -> Chart | None:
    """``Chart.yaml`` or ``requirements.yaml``; None when the YAML is not a mapping."""
    root = load(text)
    if root is None or not isinstance(root.value, dict):
        return None
    r = root.value
    if os.path.basename(path) == "requirements.yaml":
        return Chart(path, None, None, None, _dependencies(r.get("dependencies"), path))
    return Chart(
        path,
        _text(r.get("name")),
        _strv(r.get("version"), path),
        _strv(r.get("appVersion"), path),
        _dependencies(r.get("dependencies"), path),
    )


def read_helmfile(path: str, text: str) -> Chart | None:
    """A helmfile's ``releases`` as dependencies (``chart: jupyterhub/jupyterhub``, ``version``)."""
    root = load(text)
    if root is None or not isinstance(root.value, dict):
        return None
    deps = []
    releases = root.value.get("releases")
    for item in releases.value if releases is not None and isinstance(releases.value, list) else ():
        if not isinstance(item.value, dict):
            continue
        chart = _text(item.value.get("chart")) or ""
        deps.append(
            ChartDependency(
                chart.rsplit("/", 1)[-1], _text(item.value.get("name")), _strv(item.value.get("version"), path), chart
            )
        )
    return Chart(path, None, None, None, deps)


def read_chartpress(path: str, text: str) -> list[ChartpressImage]:
    root = load(text)
    folder = os.path.dirname(path) or "."
    out: list[ChartpressImage] = []
    if root is None or not isinstance(root.value, dict):
        return out
    charts = root.value.get("charts")
    for chart in charts.value if charts is not None and isinstance(charts.value, list) else ():
        if not isinstance(chart.value, dict):
            continue
        c = chart.value
        chart_name = _text(c.get("name")) or ""
        prefix = _text(c.get("imagePrefix")) or ""
        images = c.get("images")
        if images is None or not isinstance(images.value, dict):
            continue
        for name, spec in images.value.items():
            s = spec.value if isinstance(spec.value, dict) else {}
            context = os.path.normpath(os.path.join(folder, _text(s.get("contextPath")) or f"images/{name}"))
            dockerfile = _text(s.get("dockerfilePath"))
            dockerfile = (
                os.path.normpath(os.path.join(folder, dockerfile))
                if dockerfile
                else os.path.join(context, "Dockerfile")
            )
            values = s.get("valuesPath")
            if values is not None and isinstance(values.value, list):
                paths = tuple(p for p in (_text(v) for v in values.value) if p)
            else:
                one = _text(values)
                paths = (one,) if one else ()
            args = s.get("buildArgs")
            build_args = {}
            if args is not None and isinstance(args.value, dict):
                build_args = {k: t for k, v in args.value.items() if (t := _text(v)) is not None}
            target = None
            opts = s.get("extraBuildCommandOptions")
            for opt in opts.value if opts is not None and isinstance(opts.value, list) else ():
                o = _text(opt) or ""
                if o.startswith("--target="):
                    target = o.split("=", 1)[1]
            out.append(
                ChartpressImage(
                    chart_name,
                    name,
                    _text(s.get("imageName")) or f"{prefix}{name}",
                    context,
                    dockerfile,
                    paths,
                    build_args,
                    target,
                    spec.span,
                    path,
                )
            )
    return out
