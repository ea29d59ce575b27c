"""Releases of the jupyterhub chart (or of a wrapper chart) that a repository declares, read statically: which chart
version each deploys and which values files it names.

- helmfile (``helmfile.yaml``): ``releases[]`` with ``chart``, ``version``, ``values`` (paths relative to the
  helmfile, or inline mappings); every ``---`` document.
- helmsman desired state (YAML with ``apps:``): ``apps.<name>`` with ``chart``, ``version``, ``valuesFile`` /
  ``valuesFiles``.
- Argo CD ``Application`` (and each ``ApplicationSet``'s template): ``spec.source`` / ``spec.sources[]`` with
  ``chart``, ``targetRevision``, ``helm.valueFiles`` (``$ref/path``: a file of this repository),
  ``helm.valuesObject`` and ``helm.values`` (a YAML string: its positions are mapped back into the file).
- hubploy (``deployments/<name>/hubploy.yaml``): ``deployments/<name>/config/*.yaml`` are its values; a top-level
  ``version:`` is read as the jupyterhub chart version its deploy passes to helm — a convention of the repository,
  not of hubploy, hence *weak* (used only when nothing else states the version).
- ``helm upgrade --install|install|template`` command lines of scripts and Python drivers: :mod:`.helmlines`.

Nothing is run or fetched; a templated values path (``{{ … }}``, ``$(…)``) is a layer of unknown values.
"""

from __future__ import annotations

import os
import re

from ..records import NamedTuple
from .dotenv import Str
from .values import Span, Value, block_offset, mapping, pin, shift

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .hubconfig import HubConfig

__all__ = [
    "Release",
    "read_helmfile_releases",
    "read_app_specs",
    "read_hubploy",
    "is_jupyterhub_chart",
    "reference_copy",
]


class Release(NamedTuple):
    """A release of a chart: ``chart`` its name (``jupyterhub``, ``daskhub``…, the last part of ``repo/name``),
    ``local_chart`` the chart's folder when it is a chart of this repository, ``version`` the chart version,
    ``values`` the values files it names (absolute paths, with where each is written), ``inline`` the values
    written in the file itself, ``kind`` what declares it (for messages), ``certainty`` ``weak`` for a version
    read from a repository's own convention."""

    path: str
    name: str
    chart: str
    local_chart: str | None
    version: Str | None
    values: tuple[Str, ...]
    inline: HubConfig | None
    kind: str
    span: Span
    certainty: str = "certain"
    sets: tuple[str, ...] = ()  # values the release sets when it deploys (`--set a.b=x`, hubploy's image tags)
    version_note: str = ""  # how the version is read, when not written out (a template's default)


def is_jupyterhub_chart(chart: str) -> bool:
    """The jupyterhub chart, or a published wrapper of it, by name."""
    from .chartversions import WRAPPERS

    return chart in ("jupyterhub", *WRAPPERS)


def _text(value: Value | None) -> str | None:
    if value is None:
        return None
    v = value.value
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return str(v)
    return v if isinstance(v, str) else None


def _str(value: Value | None, path: str) -> Str | None:
    text = _text(value)
    return Str(text.strip(), path, value.span) if text is not None and value is not None and text.strip() else None


def _local(folder: str, ref: str) -> str | None:
    """A chart reference that is a folder of the repository (``./chart``, ``../hub``), absolute."""
    if ref.startswith(("./", "../", "/")) or ref in (".", ".."):
        return os.path.normpath(os.path.join(folder, ref))
    return None


def _values_path(folder: str, text: str, path: str, span: Span, root: str | None = None) -> Str | None:
    if not text or "{{" in text or "$(" in text or "${" in text or "://" in text:
        return None
    base = root if root is not None else folder
    return Str(os.path.normpath(os.path.join(base, text)), path, span)


def _inline(value: Value | None, prefix: str) -> HubConfig | None:
    from .chartvalues import values_config

    if value is None or not isinstance(value.value, dict):
        return None
    return values_config(value, prefix)


def _mappings(docs: list[Value]):
    for doc in docs:
        if isinstance(doc.value, dict):
            yield doc.value


# --------------------------------------------------------------------------- helmfile
def read_helmfile_releases(path: str, text: str) -> list[Release]:
    """A helmfile's ``releases`` (every document)."""
    from .gotemplates import MASK, line_starts, mask
    from .yamlnodes import load_all

    folder = os.path.dirname(path)
    out: list[Release] = []
    masked = mask(text)  # helmfile renders the file as a Go template first: its actions are computed here
    starts = line_starts(text) if masked is not text else []

    def written(v: Value | None) -> str | None:
        found = _text(v)
        return _written(text, starts, v) if found is not None and v is not None and MASK in found else found

    def unmasked(v: Value) -> Value:
        """Inline values with each action's scalar as its stated default (:func:`_action_value`), else unknown."""
        if isinstance(v.value, dict):
            return v._replace(value={k: unmasked(x) for k, x in v.value.items()})
        if isinstance(v.value, list):
            return v._replace(value=[unmasked(x) for x in v.value])
        if isinstance(v.value, str) and MASK in v.value:
            return v._replace(value=_action_value(text, starts, v))
        return v

    for doc in _mappings(load_all(masked)):
        releases = doc.get("releases")
        for item in releases.value if releases is not None and isinstance(releases.value, list) else ():
            if not isinstance(item.value, dict):
                continue
            r = item.value
            chart = written(r.get("chart")) or ""
            values: list[Str] = []
            inline = None
            vals = r.get("values")
            for v in vals.value if vals is not None and isinstance(vals.value, list) else ():
                if isinstance(v.value, dict):
                    inline = inline or _inline(unmasked(v) if starts else v, "")
                    continue
                found = _values_path(folder, written(v) or "", path, v.span)
                if found is not None:
                    values.append(found)
            version, note = _helmfile_version(text, starts, r.get("version"), path)
            out.append(
                Release(
                    path,
                    written(r.get("name")) or "",
                    chart.rsplit("/", 1)[-1],
                    _local(folder, chart),
                    version,
                    tuple(values),
                    inline,
                    "helmfile release",
                    item.span,
                    version_note=note,
                )
            )
    return out


def _written(text: str, starts: list[int], v: Value) -> str:
    """What a masked scalar is as written (its actions as they are), quotes left out."""
    from .gotemplates import original

    s = original(text, starts, v.span).strip()
    return s[1:-1] if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"" else s


def _action_value(text: str, starts: list[int], v: Value):
    """A masked scalar's value: the default its one action states (``{{ env "TAG" | default "2024-05-27" }}``),
    else unknown (:data:`~.values.UNKNOWN_VALUE`)."""
    from .gotemplates import action_default
    from .values import UNKNOWN_VALUE

    default = action_default(_written(text, starts, v))
    return default if default is not None else UNKNOWN_VALUE


def _helmfile_version(text: str, starts: list[int], value: Value | None, path: str) -> tuple[Str | None, str]:
    """A helmfile release's chart version, and what to say of it: an action (``{{ env "V" | default "3.3.0" }}``)
    gives the default it states (another action: a computed version, ``""``, unknown)."""
    from .gotemplates import MASK

    found = _str(value, path)
    if found is None or value is None or MASK not in (found.value or ""):
        return found, ""
    default = _action_value(text, starts, value)
    if not isinstance(default, str):
        return Str("", path, value.span), ""
    return Str(default, path, value.span), "the default its `version:` template states"


# --------------------------------------------------------------------------- helmsman and Argo CD
def read_app_specs(path: str, text: str, root: str) -> list[Release]:
    """helmsman ``apps``, Argo CD Applications, Flux HelmReleases and Garden helm actions in a YAML file ([] when
    it holds none)."""
    from .yamlnodes import load_all

    out: list[Release] = []
    for doc in _mappings(load_all(text)):
        kind = _text(doc.get("kind")) or ""
        if kind in ("Application", "ApplicationSet") and "argoproj.io" in (_text(doc.get("apiVersion")) or ""):
            out += _argo(path, text, doc, kind, root)
        elif kind == "HelmRelease" and "fluxcd.io" in (_text(doc.get("apiVersion")) or ""):
            out += _flux(path, doc)
        elif kind in ("Deploy", "Module") and _text(doc.get("type")) == "helm":
            out += _garden(path, doc, kind)
        elif "apps" in doc and isinstance(doc["apps"].value, dict):
            out += _helmsman(path, doc)
    return out


def _flux(path: str, doc: dict) -> list[Release]:
    """A Flux ``HelmRelease``: ``spec.chart.spec.chart`` and ``version``, inline ``spec.values``."""
    spec = mapping(doc.get("spec"))
    chart_spec = mapping(mapping(spec.get("chart")).get("spec"))
    chart = _text(chart_spec.get("chart")) or ""
    if not chart:
        return []
    name = _text(mapping(doc.get("metadata")).get("name")) or ""
    inline = _inline(spec.get("values"), "spec.values.")
    span = doc["kind"].span
    return [
        Release(
            path,
            name,
            chart.rsplit("/", 1)[-1],
            None,
            _str(chart_spec.get("version"), path),
            (),
            inline,
            "Flux HelmRelease",
            span,
        )
    ]


def _garden(path: str, doc: dict, kind: str) -> list[Release]:
    """A Garden helm action (``kind: Deploy``, ``type: helm``: ``spec.chart.name``/``version``, ``spec.values``,
    ``spec.valueFiles``) or an older helm module (``kind: Module``: ``chart``, ``version``, ``values``,
    ``valueFiles`` at the top)."""
    folder = os.path.dirname(path)
    spec = mapping(doc.get("spec")) if kind == "Deploy" else doc
    chart_map = mapping(spec.get("chart")) if kind == "Deploy" else {"name": doc.get("chart"), "version": None}
    chart = _text(chart_map.get("name")) or ""
    if not chart:
        return []
    version = chart_map.get("version") if kind == "Deploy" else doc.get("version")
    files = spec.get("valueFiles")
    values = [
        found
        for f in (files.value if files is not None and isinstance(files.value, list) else ())
        if (found := _values_path(folder, _text(f) or "", path, f.span)) is not None
    ]
    inline = _inline(spec.get("values"), "spec.values." if kind == "Deploy" else "values.")
    return [
        Release(
            path,
            _text(doc.get("name")) or "",
            chart.rsplit("/", 1)[-1],
            _local(folder, chart),
            _str(version, path),
            tuple(values),
            inline,
            f"Garden {kind.lower()}",
            doc["kind"].span,
        )
    ]


def _helmsman(path: str, doc: dict) -> list[Release]:
    folder = os.path.dirname(path)
    out = []
    for name, app in doc["apps"].value.items():
        if not isinstance(app.value, dict) or "chart" not in app.value:
            continue
        a = app.value
        chart = _text(a.get("chart")) or ""
        files: list[Value] = []
        for key in ("valuesFile", "valuesFiles"):
            v = a.get(key)
            if v is not None:
                files += v.value if isinstance(v.value, list) else [v]
        values = [p for f in files if (p := _values_path(folder, _text(f) or "", path, f.span)) is not None]
        out.append(
            Release(
                path,
                str(name),
                chart.rsplit("/", 1)[-1],
                _local(folder, chart),
                _str(a.get("version"), path),
                tuple(values),
                None,
                "helmsman app",
                app.span,
            )
        )
    return out


def _argo(path: str, text: str, doc: dict, kind: str, root: str) -> list[Release]:
    spec = doc.get("spec")
    spec_v = spec.value if spec is not None and isinstance(spec.value, dict) else {}
    if kind == "ApplicationSet":
        template = spec_v.get("template")
        inner = template.value.get("spec") if template is not None and isinstance(template.value, dict) else None
        spec_v = inner.value if inner is not None and isinstance(inner.value, dict) else {}
    meta = doc.get("metadata")
    name = _text(meta.value.get("name")) if meta is not None and isinstance(meta.value, dict) else None
    sources: list[Value] = []
    if "source" in spec_v:
        sources.append(spec_v["source"])
    many = spec_v.get("sources")
    if many is not None and isinstance(many.value, list):
        sources += many.value
    out = []
    for source in sources:
        if not isinstance(source.value, dict) or "chart" not in source.value:
            continue
        s = source.value
        chart = _text(s.get("chart")) or ""
        helm = s.get("helm")
        h = helm.value if helm is not None and isinstance(helm.value, dict) else {}
        values = []
        files = h.get("valueFiles")
        for f in files.value if files is not None and isinstance(files.value, list) else ():
            rel = _text(f) or ""
            if rel.startswith("$"):  # `$values/config/x.yaml`: the file of a source this repository is
                rel = rel.split("/", 1)[1] if "/" in rel else ""
            found = _values_path(root, rel, path, f.span, root)
            if found is not None:
                values.append(found)
        inline = _inline(h.get("valuesObject"), "spec.source.helm.valuesObject.")
        if inline is None and "values" in h:
            inline = _inline(_string_values(text, h["values"]), "spec.source.helm.values.")
        out.append(
            Release(
                path,
                name or "",
                chart.rsplit("/", 1)[-1],
                None,
                _str(s.get("targetRevision"), path),
                tuple(values),
                inline,
                "Argo CD Application",
                source.span,
            )
        )
    return out


def _string_values(text: str, value: Value) -> Value | None:
    """``helm.values``: YAML written as a string.  A block scalar (``values: |``) keeps its positions (mapped back
    into the file); any other string is read with every position at the string itself."""
    from .values import ConfigReadError
    from .yamlnodes import load

    body = value.value
    if not isinstance(body, str):
        return None
    try:
        tree = load(body)
    except ConfigReadError:
        return None
    if tree is None:
        return None
    offset = block_offset(text, value)
    return shift(tree, *offset) if offset is not None else pin(tree, value.span)


# --------------------------------------------------------------------------- hubploy
def read_hubploy(path: str, text: str) -> Release | None:
    """``deployments/<name>/hubploy.yaml``: a release whose values are the files of ``config/`` beside it, and
    whose chart version is a top-level ``version:`` (weak)."""
    from .yamlnodes import load

    if os.path.basename(path) not in ("hubploy.yaml", "hubploy.yml"):
        return None
    root = load(text)
    if root is None or not isinstance(root.value, dict):
        return None
    folder = os.path.dirname(path)
    return Release(
        path,
        os.path.basename(folder),
        "jupyterhub",
        None,
        _str(root.value.get("version"), path),
        (),  # its values: the files of `config/` beside it (the deployment's discovery knows them)
        None,
        "hubploy deployment",
        root.span,
        "weak",
        sets=_hubploy_tags(root.value.get("images")),
    )


def _hubploy_tags(images: Value | None) -> tuple[str, ...]:
    """The values hubploy sets when it deploys: the ``.tag`` and ``.name`` at the substitution path of every image
    its ``hubploy.yaml`` names (:func:`.hubploy.substitution_path`)."""
    from .hubploy import image_specs, substitution_path

    return tuple(f"{substitution_path(spec)}.{key}" for _, spec in image_specs(images) for key in ("tag", "name"))


# --------------------------------------------------------------------------- helm command lines
_CHART_IMAGES = re.compile(r"(?:^|/)jupyterhub/k8s-(?:hub(?:-slim)?|singleuser-sample)\Z")


def reference_copy(cfg: HubConfig) -> str | None:
    """The chart version whose defaults a values file copies, when it is such a copy: the chart's own Hub (or
    sample) image tagged with a chart version, beside two or more sections only the chart's defaults spell out
    (``scheduling``, ``prePuller``, ``cull``, ``proxy.chp``)."""
    from ..dockerfile.imageref import parse_ref
    from .chartversions import chart_hub_range

    if cfg.kind != "z2jh" or cfg.prefix or len(cfg.default_sections) < 2:
        return None
    tag = None
    image = cfg.z2jh.get("hub.image")
    if image is not None and isinstance(image.value, dict):
        name, t = image.value.get("name"), image.value.get("tag")
        if name is not None and t is not None and isinstance(name.value, str) and _CHART_IMAGES.search(name.value):
            tag = str(t.value)
    for i in cfg.images if tag is None else ():
        if isinstance(i.ref, str):
            ref = parse_ref(i.ref)
            if _CHART_IMAGES.search(ref.name):
                tag = ref.tag
    return tag if tag and chart_hub_range(tag) is not None else None
