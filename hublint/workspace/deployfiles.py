"""The deployment's files read into the picture (:class:`.graph.Deployment`): compose files, charts and
chartpress, helmfiles, helm command lines of scripts and Python drivers, Terraform's helm_release, hubploy, app
specs (helmsman, Argo CD), and z2jh values — each through :mod:`hublint.deployment`, once — and which values files
each release names.

Imports: :mod:`hublint.deployment` and :mod:`hublint.lazy`; :mod:`.graph` calls it (never the other way).
"""

from __future__ import annotations

import os

from ..deployment.names import under
from ..lazy import pattern
from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from .graph import Deployment

__all__ = ["read_deployment_files", "name_values"]

_COMPOSE_HINT = pattern(r"(?m)^services[ \t]*:")
_VALUES_HINT = pattern(r"(?m)^[ \t]*(?:singleuser|hub|proxy)[ \t]*:")


def read_deployment_files(dep: Deployment) -> None:
    present = {kind for _, kind in dep.files}
    if not present - {"dockerfile", "hub-config", "env", "encrypted"}:
        return  # no YAML or build script: none of the readers is needed (nor imported)
    from ..deployment.charts import read_chart, read_chartpress
    from ..deployment.chartvalues import read_z2jh_values
    from ..deployment.compose import read_compose
    from ..deployment.helmlines import read_python_helm, read_script_helm
    from ..deployment.names import is_helmfile, is_python_driver
    from ..deployment.releases import read_helmfile_releases, read_hubploy
    from ..deployment.terraform import read_terraform_releases

    text = dep.sources.text
    kinds = dict(dep.files)
    for path, kind in dep.files:
        if kind == "compose":
            found = dep.read(path, lambda p, t: read_compose(p, t, text))
            if found is not None:
                dep.composes.append(found)
            else:
                kinds[path] = "other-yaml" if path not in dep.read_errors else kind
        elif kind == "chart" and is_helmfile(path.replace("\\", "/").split("/")):
            found = dep.read(path, read_helmfile_releases) or []
            dep.releases.extend(found)
            inline = next((r.inline for r in found if r.inline is not None and _hub_release(r)), None)
            if inline is not None:  # values written in the helmfile itself, as an app spec's (_read_releases)
                dep.configs[path] = inline
        elif kind == "chart":
            chart = dep.read(path, read_chart)
            if chart is not None:
                dep.charts.append(chart)
        elif kind == "chartpress":
            dep.chartpress.extend(dep.read(path, read_chartpress) or [])
        elif kind == "build-script" and is_python_driver(os.path.basename(path)):
            dep.releases.extend(dep.read(path, lambda p, t: read_python_helm(p, t, dep.root)) or [])
        elif kind == "build-script":
            dep.releases.extend(dep.read(path, lambda p, t: read_script_helm(p, t, dep.root, text)) or [])
        elif kind == "terraform":
            dep.releases.extend(dep.read(path, lambda p, t: read_terraform_releases(p, t, dep.root)) or [])
        elif kind == "hubploy":  # its images are builds (:mod:`.builds`); its `config/` the release's values
            found = dep.read(path, read_hubploy)
            if found is not None:
                dep.releases.append(found)
        elif kind == "values":
            kinds[path] = _read_values(dep, path, read_compose, read_z2jh_values)
    # the jupyterhub chart's own program (`files/hub/jupyterhub_config.py` of a copy of the chart kept in the
    # repository) reads the values: it is vendored code, not the deployment's configuration; a repository that is
    # the chart (a fork: the chart at its root, or the chart its chartpress.yaml publishes) owns it, as upstream
    # source at the root is linted (`.upstream`)
    owned = {dep.root, *(os.path.normpath(os.path.join(os.path.dirname(i.path), i.chart)) for i in dep.chartpress)}
    programs = [os.path.join(c.folder, "files") for c in dep.charts if c.folder not in owned and c.is_z2jh()]
    for path, kind in kinds.items():  # an unrendered template (Ansible's Jinja, Go templates) is no YAML to judge
        if kind != "other-yaml" and path in dep.read_errors and _TEMPLATE_MARK.search(dep.sources.text(path) or ""):
            del dep.read_errors[path]
            dep.unread[path] = "a template a tool renders first ({{ … }}, {% … %})"
    dep.files = [(p, kinds[p]) for p, _ in dep.files if kinds[p] != "other-yaml"]
    if programs:  # neither read nor linted

        def kept(path: str, kind: str) -> bool:
            return kind != "hub-config" or not any(under(path, f) for f in programs)

        dep.files = [(p, k) for p, k in dep.files if kept(p, k)]
        dep.walked = [(p, k) for p, k in dep.walked if kept(p, k)]


_TEMPLATE_MARK = pattern(r"\{\{[^\n]*?\}\}|\{%-?[ \t]*(?:if|for|set|include|macro|block|raw)\b")


def _read_values(dep: Deployment, path: str, read_compose, read_z2jh_values) -> str:
    """A YAML file discovery could not name: compose by its shape, z2jh values, or neither (other-yaml)."""
    text = dep.sources.text(path)
    if text is None:
        dep.read(path, lambda p, t: None)  # too large: say so (HUB001)
        if path in dep.read_errors:
            return "values"
    if text is not None and _COMPOSE_HINT.search(text) and not _VALUES_HINT.search(text):
        found = dep.read(path, lambda p, t: read_compose(p, t, dep.sources.text))
        if found is not None and found.services:
            dep.composes.append(found)
            return "compose"
        dep.read_errors.pop(path, None)
    if text is not None and (_RELEASE_HINT.search(text) or os.path.basename(path) in ("hubploy.yaml", "hubploy.yml")):
        found = _read_releases(dep, path)
        if found is not None:
            return found
    if text is None or not _VALUES_HINT.search(text):
        return "other-yaml"
    cfg = dep.read(path, lambda p, t: read_z2jh_values(t))
    if cfg is not None:
        dep.configs[path] = cfg
    elif path not in dep.read_errors:
        return "other-yaml"  # YAML without the chart's values: not a deployment file
    # else: it has the chart's keys (singleuser:, hub:, proxy:) but cannot be read: HUB001
    return "values"


_RELEASE_HINT = pattern(r"(?m)^(?:apps[ \t]*:|kind:[ \t]*(?:Application(?:Set)?|HelmRelease|Deploy|Module)\b)")


def _hub_release(release) -> bool:
    """A release of the jupyterhub chart (or a wrapper of it), or of a chart of this repository."""
    from ..deployment.releases import is_jupyterhub_chart

    return is_jupyterhub_chart(release.chart) or release.local_chart is not None


def _read_releases(dep: Deployment, path: str) -> str | None:
    """An app spec (helmsman, Argo CD) or a hubploy.yaml: its releases, and its inline values as the file's
    configuration; None when the file is neither."""
    from ..deployment.releases import read_app_specs, read_hubploy

    def reader(p: str, t: str) -> list:
        hubploy = read_hubploy(p, t)
        return [hubploy] if hubploy is not None else read_app_specs(p, t, dep.root)

    found = [r for r in dep.read(path, reader) or () if _hub_release(r)]
    if not found:
        return None
    dep.releases.extend(found)
    inline = next((r.inline for r in found if r.inline is not None), None)
    if inline is not None:
        dep.configs[path] = inline
    return "values"


def name_values(dep: Deployment) -> None:
    """Which values files each release names (hubploy: the values of its ``config/`` folder); a values file that
    no release names but copies the chart's defaults, in a repository whose releases name their values, is a
    reference copy: listed, never read as the deployment's."""
    if not dep.releases:
        return
    values = [p for p, k in dep.files if k == "values"]
    for i, rel in enumerate(dep.releases):
        if rel.certainty == "weak" and not rel.values:  # hubploy: `config/` beside hubploy.yaml
            config = os.path.join(os.path.dirname(rel.path), "config")
            from ..deployment.dotenv import Str

            named = tuple(Str(p, rel.path, rel.span) for p in values if os.path.dirname(p) == config)
            dep.releases[i] = rel = rel._replace(values=named)
        scope = os.path.dirname(rel.path)
        for v in rel.values:
            if v.value is not None:
                dep.named_values.setdefault(os.path.abspath(v.value), []).append(scope)
    if not dep.named_values:
        return
    from ..deployment.releases import reference_copy

    chart_folders = {os.path.abspath(c.folder) for c in dep.charts}
    for path in list(dep.configs):
        if path in dep.named_values or os.path.dirname(path) in chart_folders:
            continue
        copied = reference_copy(dep.configs[path])
        if copied is not None:
            dep.reference_copies[path] = copied
            del dep.configs[path]
