"""What to suggest installing: a jupyterhub spec derived from the Hub's version and the image's Python."""

from __future__ import annotations

import itertools
from functools import lru_cache

from ..edits import Span
from ..lazy import pattern
from ..lint.inputs import ImageInput

_PACKAGES_PATH = pattern(r"/python([23]\.\d{1,2})/(?:site|dist)-packages\b")
# a system package manager's install (`apt-get install -y python3.4 python3-pip`): its command segments, and a
# versioned Python 3 package in one (pip3 never installs into a python2.7)
_SEGMENT = pattern(r"[;&|\n`]+")
_MANAGERS = frozenset({"apt-get", "apt", "apk", "yum", "dnf", "microdnf"})
_PYTHON_PACKAGE = pattern(r"python(3\.\d{1,2})")
_CONDA_FAMILIES = ("docker-stacks", "docker-stacks-foundation", "jupyterhub-singleuser", "conda", "micromamba")


def image_python(inp: ImageInput, paths: bool = False) -> tuple[str, Span, str] | None:
    """(version, anchor, where) of the final image's Python, if known: a conda install wins over the base.  The
    Python that counts is that of the environment jupyterhub is installed into: ``conda create -n py2 python=2.7``
    beside a base-environment jupyterhub makes a kernel's environment, not the server's.  ``paths``: on a base
    whose Python is unknown, also the one version its instructions name in ``pythonX.Y/site-packages`` paths or
    install as a system package (``apt-get install python3.4``) — a weaker premise, used only to stay silent about
    what a newer Python would get (notebook 7, today's jupyterhub)."""
    hub = inp.image.hub
    prefix = hub.install.prefix if hub is not None and hub.install is not None else None
    pythons = sorted(
        (
            i
            for i in inp.image.installs.installs
            if i.manager == "conda" and i.name == "python" and not _other_env(i.prefix, prefix)
        ),
        key=lambda i: i.order,
    )
    if pythons:
        last = pythons[-1]
        low = last.versions.lowest_major_minor() if last.versions is not None else None
        if last.versions is None or low is None:
            return None
        return f"{low.major}.{low.minor}", last.anchor, f"`{last.spec}`"
    info = inp.image.base_info
    if info is not None and info.python:
        return info.python, inp.image.image_span(inp.image.root), f"base image `{inp.image.root.image}`"
    if paths:  # an unknown base, or one whose Python hublint does not know (`debian:jessie`)
        return _named_python(inp, system=not uses_conda(inp))  # with conda, pip is conda's, whatever apt installs
    return None


def _named_python(inp: ImageInput, system: bool = True) -> tuple[str, Span, str] | None:
    """The Python an image of an unknown base names: one version in every ``pythonX.Y/site-packages`` (or
    ``dist-packages``) path it names (``/usr/local/lib/python3.5/dist-packages``) and, with ``system``, every
    ``python3.X`` a system package manager installs; None when it names none, or several."""
    found: dict[str, Span] = {}
    for step in inp.image.chain_steps:
        ins = step.instruction
        if ins.keyword not in ("RUN", "ENV", "COPY", "ADD"):
            continue
        for m in _PACKAGES_PATH.finditer(ins.original):
            found.setdefault(m.group(1), inp.image.span(ins, m.start(), m.end()))
        for version in _system_pythons(ins.original) if system and ins.keyword == "RUN" else ():
            found.setdefault(version, inp.image.keyword_span(ins))
    if len(found) != 1:
        return None
    ((version, anchor),) = found.items()
    return version, anchor, f"`python{version}` in the Dockerfile (its packages' path, or the system package)"


def _system_pythons(text: str) -> set[str]:
    """The versions of the ``python3.X`` packages a RUN's system package manager installs (``apt-get install -y
    python3.4``; continuations joined, each command segment read once)."""
    out: set[str] = set()
    for segment in _SEGMENT.split(text.replace("\\\r\n", " ").replace("\\\n", " ")):
        words = segment.split()
        if words and words[0].upper() == "RUN":  # the instruction's own keyword and flags (`--mount=…`)
            words = list(itertools.dropwhile(lambda w: w.startswith("--"), words[1:]))
        if not words or words[0].rsplit("/", 1)[-1] not in _MANAGERS or not {"install", "add"} & set(words[1:]):
            continue
        out.update(m.group(1) for w in words if (m := _PYTHON_PACKAGE.fullmatch(w.split("=", 1)[0])))
    return out


def python_cap(inp: ImageInput):
    """The newest jupyterhub (a Version) an unpinned install can get when the image's Python (:func:`image_python`:
    a conda ``python=3.X``, the base's) is older than the newest release needs (``pip install jupyterhub`` on
    Python 3.5 gets 1.2.2, not today's), else None.  A versioned system Python a package manager installs
    (``python3.4``) counts on a base whose Python is unknown, as the paths do: only to stay silent (beside the
    distribution's own ``python3`` it does not say for sure which one ``pip3`` installs into)."""
    hub = inp.image.hub
    if hub is None or hub.versions is None or not hub.versions.unconstrained:
        return None
    found = image_python(inp, paths=True)
    if found is None:
        return None
    from ..image.versions import parse_version

    cap = newest_for_python(found[0])
    return parse_version(cap) if cap is not None and cap != newest_for_python(None) else None


def _other_env(prefix: str | None, hub_prefix: str | None) -> bool:
    """Is ``prefix`` a conda environment of its own (``…/envs/NAME``: ``conda create -n NAME``) that jupyterhub is
    not installed into?  The base environment, ``--user`` and other prefixes share the image's Python."""
    return prefix is not None and prefix != hub_prefix and "/envs/" in prefix.replace("\\", "/")


@lru_cache(maxsize=256)
def newest_for_python(python: str | None, major: int | None = None) -> str | None:
    """The newest final jupyterhub release that supports ``python`` (and has that major, when given)."""
    from ..image.knowledge import requires_python
    from ..image.stacks import data
    from ..image.versions import parse_version

    best = None
    pv = parse_version(python) if python else None
    for version, _ in data()["singleuser"]["releases"]:
        v = parse_version(version)
        if v is None or v.is_prerelease or (major is not None and v.major != major):
            continue
        floor = requires_python(version)
        fv = parse_version(floor) if floor else None
        if pv is not None and fv is not None and pv < fv:
            continue
        if best is None or v > best:
            best = v
    return str(best) if best is not None else None


def uses_conda(inp: ImageInput) -> bool:
    info = inp.image.base_info
    if info is not None and info.family in _CONDA_FAMILIES:
        return True
    return any(i.manager == "conda" for i in inp.image.installs.installs)


def hub_install(inp: ImageInput, prefer: str | None = None) -> str:
    """How to install the Hub's jupyterhub in this image, one short phrase: "`pip install 'jupyterhub==5.3.0'`",
    "`mamba install 'jupyterhub-singleuser=5.3.0'`", or what stands in the way (a Python too old for it)."""
    from ..image.knowledge import requires_python
    from ..image.versions import parse_version

    hub = inp.hub_version
    found = image_python(inp)
    python = found[0] if found else None
    conda = (prefer or ("conda" if uses_conda(inp) else "pip")) == "conda"
    from ._common import hub_range

    span = hub_range(hub)
    if span is not None:  # a range of Hub versions (a development chart): any version of it
        spec = f">={span[0]},<={span[1]}" if span[1] else f">={span[0]}"
        package = "jupyterhub-singleuser" if conda else "jupyterhub"
        return f"install a jupyterhub from {hub}, e.g. `{'mamba' if conda else 'pip'} install '{package}{spec}'`"
    if hub:
        hv = parse_version(hub)
        exact = hv is not None and len(hv.release) >= 3
        version = hub if exact else (newest_for_python(python, hv.major) if hv is not None else None) or hub
        floor = requires_python(version)
        pv = parse_version(python) if python else None
        fv = parse_version(floor) if floor else None
        if pv is not None and fv is not None and pv < fv:
            return (
                f"jupyterhub {version} needs Python {floor}, and the image has Python {python}: use a base "
                f"with Python {floor} or newer first"
            )
        example = ""
    else:  # the Hub's version is not known: the newest known release (for the image's Python), named so
        version = newest_for_python(python) or "5.3.0"
        newest = newest_for_python(None) or version
        example = "the Hub's version, e.g. the newest known" + (f" for Python {python}" if version != newest else "")
        example += ": "
    if conda:
        v = parse_version(version)
        package = "jupyterhub-singleuser" if v is not None and v.release >= (1, 1) else "jupyterhub"
        return f"install {example}`mamba install '{package}={version}'`"
    return f"install {example}`pip install 'jupyterhub=={version}'`"


def unpinned_notebook_is_6(inp: ImageInput) -> bool:
    """An unpinned notebook install on a Python older than 3.8: pip and conda pick the newest notebook that
    supports it, a 6.x (notebook 7 requires Python 3.8)."""
    from ..image.versions import parse_version

    installs = sorted(inp.image.installed({"pip": {"notebook"}, "conda": {"notebook"}}), key=lambda i: i.order)
    if not installs or installs[-1].versions is None or not installs[-1].versions.unconstrained:
        return False
    found = image_python(inp, paths=True)
    python, floor = parse_version(found[0]) if found is not None else None, parse_version("3.8")
    return python is not None and floor is not None and python < floor
