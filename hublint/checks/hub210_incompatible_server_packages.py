"""HUB210 incompatible-server-packages: package versions of the image that cannot work together.

The pairs, with their sources (see the rule page):
- notebook 7.N is JupyterLab-based and requires the JupyterLab range its recipe states (conda-forge
  notebook-feedstock, `lab_version` / `jupyterlab_min`..`jupyterlab_max`; `stacks.json` conda_forge
  notebook_jupyterlab, generated).
A pair is reported only when every version each side admits conflicts, and both are in the same environment."""

from __future__ import annotations

from collections.abc import Iterator

from ..image.analysis import PackageFacts
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule("HUB210", "incompatible-server-packages", "error", "Package versions that cannot work together")


def _bounds(versions):
    """(lowest, highest-exclusive) of what a version set admits, when it is one range; None when unknown."""
    from ..image.pep440 import version as Version

    if versions is None or len(versions.alternatives) != 1:
        return None
    lo, hi = Version("0"), Version("99999")
    for sp in versions.alternatives[0]:
        text = sp.version
        if text.endswith(".*"):
            base = Version(text[:-2])
            if sp.operator in ("==", "==="):
                rel = list(base.release)
                rel[-1] += 1
                lo, hi = max(lo, base), min(hi, Version(".".join(map(str, rel))))
            continue
        try:
            v = Version(text)
        except ValueError:
            return None
        if sp.operator in ("==", "==="):
            lo, hi = max(lo, v), min(hi, Version(f"{v}.post99999"))
        elif sp.operator == ">=":
            lo = max(lo, v)
        elif sp.operator == ">":
            lo = max(lo, Version(f"{v}.post99999"))
        elif sp.operator == "<":
            hi = min(hi, v)
        elif sp.operator == "<=":
            hi = min(hi, Version(f"{v}.post99999"))
        elif sp.operator == "~=":
            rel = list(v.release[:-1]) or [v.major]
            rel[-1] += 1
            lo, hi = max(lo, v), min(hi, Version(".".join(map(str, rel))))
    return lo, hi


def _shown(inp: ImageInput, facts) -> str:
    if facts.install is not None:
        raw = facts.install.raw.strip(chr(39) + chr(34))
        return f"`{raw if raw and '$' not in raw else facts.install.spec}`"
    return f"the base's {facts.versions.shown}"


def _same_env(a, b) -> bool:
    """Both in one environment, and at least one installed by this Dockerfile (what a base provides together was
    resolved together by its own build)."""
    if a.install is None and b.install is None:
        return False
    pa = a.install.prefix if a.install is not None else None
    pb = b.install.prefix if b.install is not None else None
    return pa == pb


def _later(a: PackageFacts, b: PackageFacts) -> PackageFacts:
    """The one of two facts installed last (a base-provided one is earliest): where the conflict is made."""
    if a.install is None:
        return b
    if b.install is None:
        return a
    return a if a.install.order >= b.install.order else b


def _lab_ranges() -> dict:
    from ..image.stacks import data

    return {v: (lo, hi) for v, lo, hi in data()["conda_forge"].get("notebook_jupyterlab", [])}


def check(inp: ImageInput) -> Iterator[Hit]:
    from ..image.pep440 import version as Version

    lab, notebook = inp.image.package("jupyterlab"), inp.image.package("notebook")
    if notebook is not None and lab is not None and _same_env(notebook, lab):
        nb_b, lab_b = _bounds(notebook.versions), _bounds(lab.versions)
        if nb_b is None or lab_b is None or nb_b[0] < Version("7"):
            return
        wanted = [(Version(v), Version(lo), Version(hi)) for v, (lo, hi) in _lab_ranges().items()]
        wanted = [(v, lo, hi) for v, lo, hi in wanted if nb_b[0] <= v < nb_b[1]]
        if not wanted:
            return  # a notebook release hublint has no recipe for
        if any(lo < lab_b[1] and lab_b[0] < hi for _, lo, hi in wanted):
            return  # some admitted pair is compatible
        lo, hi = min(w[1] for w in wanted), max(w[2] for w in wanted)
        at = _later(notebook, lab)
        nb_shown = notebook.versions.shown if notebook.versions is not None else _shown(inp, notebook)
        yield Hit(
            f"notebook {nb_shown} needs jupyterlab >={lo},<{hi}, and the image has {_shown(inp, lab)}",
            *at.anchor,
            help=f"install `jupyterlab>={lo},<{hi}`, or the notebook release made for your JupyterLab",
        )
