"""What hublint knows about base images: ``data/images.json`` plus the user's ``[images."…"]``.

Loaded once per process, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from ..dockerfile.imageref import ImageRef, parse_ref
from ..lazy import pattern
from ..records import namedtuple
from .facts import FIELDS, Contents, Fact, absent, known, platform_prefix_end, read_data, unknown
from .spec import ImageSpec

__all__ = [
    "knows",
    "Contents",
    "Fact",
    "ImageInfo",
    "lookup",
    "chart_hub_version",
    "branch_tag",
    "built_after",
    "pin_hint",
    "moving_tag",
    "stopped_moving",
    "is_docker_stacks",
    "requires_python",
    "base_env",
    "untagged",
    "latest_tag",
    "frozen_registry",
    "base_program",
]

_SHA12 = pattern(r"[0-9a-f]{12}\Z")
_DATE = pattern(r"\d{4}-\d{2}-\d{2}\Z")

_STACKS_MOVING = pattern(r"(?:python|hub|lab|notebook|ubuntu|r|julia|tensorflow|pytorch|spark|java|mamba|conda)-\S+\Z")
_X_OR_XY = pattern(r"\d+(?:\.\d+)?\Z")
_VERSION_TAG = pattern(r"v?(\d+(?:\.\d+){0,2}(?:[-.]?(?:a|b|rc)\d+)?)(?:-(\d+))?\Z")

_EMPTY_MAP: MappingProxyType = MappingProxyType({})
# provides-keys (normalised package names) of the fields the image knowledge answers
_FIELD_KEYS = {
    "jupyterhub": "jupyterhub",
    "jupyterlab": "jupyterlab",
    "notebook": "notebook",
    "jupyter_server": "jupyter-server",
    "python": "python",
}


class ImageInfo(
    namedtuple(
        "ImageInfo",
        "family title ref provides user cmd launcher entrypoint python env workdir exists built sources hub_package "
        "facts exists_reason ends init",
        defaults=(_EMPTY_MAP, None, None, None, (), None, _EMPTY_MAP, "", None, None),
    )
):
    # family: str
    # title: str
    # ref: ImageRef
    # provides: Mapping[str, str | None]  (what the image has, by normalised name: a version, a series as its
    #           prefix ("3.9"), or None when the version — or whether it is there at all — is unknown; a package
    #           known to be absent is not listed)
    # user: str | None
    # cmd: tuple[str, ...] | None
    # launcher: bool
    # entrypoint: tuple[str, ...] | None
    # python: str | None  (a known Python version or series)
    # env: Mapping[str, str] = {}
    # workdir: str | None = None  (the base's WORKDIR)
    # exists: bool | None = None  (was this tag published on that registry; None: unknown)
    # built: str | None = None  (when the image was built: an ISO window "start/end", or a phrase)
    # sources: tuple[str, ...] = ()  (where the facts about its versions come from)
    # hub_package: str | None = None  (which package brought jupyterhub: "conda:jupyterhub", "pip:jupyterhub"…)
    # facts: Mapping[str, Fact] = {}  (per field of facts.FIELDS: value, unknown with its reason, or absent)
    # exists_reason: str = ""  (why it was, was not, or may have been published)
    # ends: str | None = None  (YYYY-MM-DD: the day hublint's knowledge for this tag ends)
    # init: bool | None = None  (whether its ENTRYPOINT runs an init process as PID 1; None: not known)
    __slots__ = ()

    @property
    def docker_stacks(self) -> bool:
        return self.family in ("docker-stacks", "docker-stacks-foundation", "jupyterhub-singleuser")

    def unknown(self, field: str) -> bool:
        """Is the field (``jupyterhub``, ``notebook``…) unknown — neither a value nor known to be absent?"""
        fact = self.facts.get(field)
        return fact is not None and fact.state == "unknown"


# the day docker-stacks made start.sh the images' ENTRYPOINT (6e437aa4): the launchers ran it before, not after
START_SH_ENTRYPOINT = "2024-01-22"


def _expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    out = []
    for alt in m.group(1).split(","):
        out.extend(_expand_braces(pattern[: m.start()] + alt + pattern[m.end() :]))
    return out


@lru_cache(maxsize=1)
def _data() -> dict:
    import json

    data = json.loads(read_data("images.json"))
    for fam in data["families"].values():
        fam["_patterns"] = [p for pat in fam["match"] for p in _expand_braces(pat)]
    return data


@lru_cache(maxsize=1)
def _index() -> tuple[dict, list]:
    """Exact names -> family, and ``*/suffix`` patterns (any registry): no regular expressions needed."""
    exact: dict[str, tuple[str, dict]] = {}
    suffixes: list[tuple[str, tuple[str, dict]]] = []
    for key, fam in _data()["families"].items():
        for pat in fam["_patterns"]:
            if pat.startswith("*/"):
                suffixes.append((pat[1:], (key, fam)))
            else:
                exact.setdefault(pat, (key, fam))
    return exact, suffixes


def _family(ref: ImageRef) -> tuple[str, dict] | None:
    name = ref.name
    exact, suffixes = _index()
    found = exact.get(name)
    if found is not None:
        return found
    for suffix, fam in suffixes:
        if name.endswith(suffix):
            return fam
    return None


def published_name(ref: ImageRef) -> bool:
    """Is the reference's name one hublint knows as published, on its registry (``quay.io/jupyter/base-notebook``)
    — not a family matched by a suffix on any registry (``*/ubuntu``), which an in-house image may share?"""
    return ref.name in _index()[0]


def chart_hub_version(chart: str) -> str | None:
    """The JupyterHub version a zero-to-jupyterhub chart version deploys (its hub image's; F6.5)."""
    from .stacks import chart as chart_versions

    return chart_versions(chart)[0]


def _contents(kind: str | None, ref: ImageRef) -> Contents:
    """What the tag tells of the image (:class:`Contents`), by the family's scheme."""
    tag = ref.tag
    if kind is None:
        return Contents()
    if tag is not None and "\uffff" in tag:
        why = "the tag is not known where the Dockerfile is read (a build argument or variable)"
        return Contents({f: unknown(why) for f in FIELDS}, None, why)
    if kind == "python":
        m = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?(?![\d.])", tag or "")
        facts = {f: absent() for f in FIELDS}
        if m and m.group(3):
            facts["python"] = known(f"{m.group(1)}.{m.group(2)}.{m.group(3)}", "the tag names it")
        elif m:
            facts["python"] = known(f"{m.group(1)}.{m.group(2)}.*", "the tag names the minor; the patch moves")
        else:
            facts["python"] = unknown("the tag does not name the Python version")
        return Contents(facts)
    if ref.digest and not tag:
        why = "a digest: hublint cannot tell which build it is"
        return Contents({f: unknown(why) for f in FIELDS}, None, why, sources=(why,))
    from . import stacks

    if kind == "docker-stacks":
        return stacks.docker_stacks(ref.basename, ref.registry, tag)
    if kind == "singleuser":
        return stacks.singleuser(ref.registry, tag)
    if kind == "z2jh-chart":
        return stacks.z2jh(ref.path, tag)
    if kind == "pangeo":
        return stacks.pangeo(ref.path, tag)
    return Contents()


def _facts(fam: dict, contents: Contents) -> dict[str, Fact]:
    """Per field, what the tag says, else what the family always has (its version unknown) or lacks."""
    listed = set(fam.get("provides", []))
    out = {}
    for field, key in _FIELD_KEYS.items():
        fact = contents.fact(field)
        if fact is None:
            fact = unknown("hublint knows the image has it, not which version") if key in listed else absent()
        out[field] = fact
    return out


def knows(reference: str) -> bool:
    """Is ``reference`` an image hublint's knowledge knows (docker-stacks, OS, Python…) — not one a repository
    builds?"""
    return lookup(parse_ref(reference)) is not None


def unserved_bare_name(reference: str) -> bool:
    """Is ``reference`` one bare name (``course-base:latest``: no registry, no namespace) that is none of Docker
    Hub's official images nor an image hublint knows?  Docker Hub keeps bare names for its official images, so no
    registry serves it: it names an image of the host that builds or pulls it."""
    if not reference or "/" in reference.split("@", 1)[0]:
        return False
    return not knows(reference) and not official_image(reference)


def official_image(reference: str) -> bool:
    """Is ``reference`` named as one of Docker Hub's official images (``python:3.12``, ``docker.io/library/java``)?
    Every name ``library/`` of docker-library/official-images has held (``official_images.txt``, regenerated by
    ``scripts/update_official_images.py``): the only public images named by one bare word."""
    name = reference.split("@", 1)[0]
    if ":" in name.rsplit("/", 1)[-1]:
        name = name.rsplit(":", 1)[0]
    for prefix in ("docker.io/library/", "index.docker.io/library/", "library/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return "/" not in name and name in _official()


@cache
def _official() -> frozenset[str]:
    text = read_data("official_images.txt")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def lookup(ref: ImageRef, user_images: Mapping[str, ImageSpec] | None = None) -> ImageInfo | None:
    """Knowledge of ``ref``: the user's declarations first, then hublint's data."""
    if user_images:
        for key, spec in user_images.items():
            kref = parse_ref(key)
            if kref.name == ref.name and (kref.tag is None or kref.tag == ref.tag):
                return _from_spec(ref, spec)
    found = _family(ref)
    if found is None:
        return None
    key, fam = found
    contents = _contents(fam.get("tags"), ref)
    facts = _facts(fam, contents)
    # provides: what the image has, or may have.  A field whose answer is unknown stays listed (version None):
    # no rule may report it missing, and none can judge its version.
    provides: dict[str, str | None] = dict.fromkeys(fam.get("provides", []))
    for field, pkey in _FIELD_KEYS.items():
        fact = facts[field]
        if fact.state == "absent":
            provides.pop(pkey, None)
        elif pkey in provides or field != "python" or fact.known:
            provides[pkey] = fact.version
    python = facts["python"].version
    cmd = tuple(fam["cmd"]) if "cmd" in fam else None
    entrypoint = tuple(fam["entrypoint"]) if "entrypoint" in fam else None
    if key in ("docker-stacks", "docker-stacks-foundation", "jupyterhub-singleuser") and contents.built:
        probe = ImageInfo(key, "", ref, {}, None, None, False, None, None, exists=None, built=contents.built)
        if built_after(probe, START_SH_ENTRYPOINT) is False:  # start.sh became the ENTRYPOINT then (6e437aa4)
            entrypoint = ("tini", "-g", "--")
            cmd = ("start.sh",) if key == "docker-stacks-foundation" else cmd
        if cmd and cmd[0] == "start-notebook.py" and built_after(probe, "2023-10-17") is False:
            cmd = ("start-notebook.sh",)  # the Python launchers arrived on 2023-10-17 (bceaead5)
    return ImageInfo(
        family=key,
        title=fam["title"],
        ref=ref,
        provides=provides,
        user=fam.get("user"),
        cmd=cmd,
        launcher=bool(fam.get("launcher")),
        entrypoint=entrypoint,
        python=python,
        env=dict(fam.get("env", {})),
        workdir=fam.get("workdir"),
        exists=contents.exists,
        built=contents.built,
        sources=contents.sources,
        hub_package=contents.hub_package,
        facts=MappingProxyType(facts),
        exists_reason=contents.exists_reason,
        ends=contents.ends,
        init=fam.get("init"),
    )


def _from_spec(ref: ImageRef, spec: ImageSpec) -> ImageInfo:
    from packaging.requirements import InvalidRequirement, Requirement

    provides: dict[str, str | None] = {}
    for item in spec.provides:
        try:
            req = Requirement(item)
        except InvalidRequirement:
            provides[item.strip().lower()] = None
            continue
        version = None
        for sp in req.specifier:
            if sp.operator in ("==", "==="):
                version = sp.version
        provides[req.name.lower().replace("_", "-")] = version
    if spec.python:
        provides["python"] = spec.python
    from .launchers import is_launcher_argv

    facts = {}
    for field, pkey in _FIELD_KEYS.items():
        if pkey not in provides:
            facts[field] = absent("not declared")
        elif provides[pkey] is None:
            facts[field] = unknown("declared without a version")
        else:
            facts[field] = known(str(provides[pkey]), "declared in your hublint configuration")
    return ImageInfo(
        family="user",
        title="declared in your hublint configuration",
        ref=ref,
        provides=provides,
        user=spec.user,
        cmd=spec.cmd,
        launcher=spec.cmd is not None and bool(spec.cmd) and is_launcher_argv(spec.cmd),
        entrypoint=None,
        python=spec.python,
        facts=MappingProxyType(facts),
    )


def built_after(info: ImageInfo | None, day: str) -> bool | None:
    """Was this image (as its tag says) built on or after ``day`` (YYYY-MM-DD)?  None when the tag does not tell."""
    if info is None:
        return None
    built = info.built or ""
    m = re.match(r"(\d{4}-\d{2}-\d{2})[^/]*(?:/(\d{4}-\d{2}-\d{2}))?", built)
    if m:
        start, end = m.group(1), m.group(2) or m.group(1)
        if end < day:
            return False
        if start >= day:
            return True
        return None
    ref = info.ref
    if info.family in ("docker-stacks", "docker-stacks-foundation") and ref.registry == "quay.io":
        from .stacks import data

        ds = data()["docker_stacks"]
        if (ref.tag or "") not in ds["quay_copies"] and ds["registry_move"] >= day:
            return True  # quay.io holds builds since the move only (and a few copied commit tags)
    return None


def base_program(info: ImageInfo | None, program: str) -> bool | None:
    """Does the base image have ``program`` (``nodejs``, ``rstudio-server``, ``code-server``, ``vncserver``)?
    True or False when its family's ``programs`` say (a program not listed is absent; ``before YYYY-MM-DD``: builds
    before that day have it), None when hublint cannot tell (an unknown or declared image, a build date the tag
    does not give)."""
    if info is None:
        return None
    fam = _data()["families"].get(info.family)
    if fam is None or "programs" not in fam:
        return None
    state = fam["programs"].get(program, "no")
    if state.startswith("before "):
        after = built_after(info, state[len("before ") :])
        return None if after is None else not after
    return {"yes": True, "no": False}.get(state)


def base_env(image: str, user_images: Mapping[str, ImageSpec] | None = None) -> Mapping[str, str] | None:
    info = lookup(parse_ref(image), user_images)
    return info.env if info else None


def is_docker_stacks(ref: ImageRef) -> bool:
    found = _family(ref)
    return found is not None and found[0] in ("docker-stacks", "docker-stacks-foundation")


def untagged(ref: ImageRef) -> bool:
    """HUB101: neither tag nor digest."""
    return ref.tag is None and ref.digest is None


def latest_tag(ref: ImageRef) -> bool:
    """HUB102: ``latest`` or ``…-latest``, without a digest."""
    tag = ref.tag
    return bool(tag) and (tag == "latest" or tag.endswith("-latest")) and not ref.digest


_BRANCHES = frozenset(
    {
        "master",
        "main",
        "develop",
        "development",
        "dev",
        "devel",
        "staging",
        "stage",
        "prod",
        "production",
        "nightly",
        "edge",
        "trunk",
        "head",
        "unstable",
        "testing",
        "canary",
    }
)


def branch_tag(ref: ImageRef) -> bool:
    """A tag named like a branch or a channel (``main``, ``develop``, ``nightly``, ``latest-prod``): rebuilt on
    every push, so a spawn image with it changes under the users (HUB103 on spawn images)."""
    tag = (ref.tag or "").lower()
    if not tag or ref.digest or latest_tag(ref):
        return False
    return tag in _BRANCHES or tag.startswith("latest-") or tag.endswith(("-nightly", "-dev", "-develop", "-main"))


def frozen_registry(ref: ImageRef) -> bool:
    """HUB104: a docker-stacks image from its frozen Docker Hub copies (not a tag of a form docker-stacks never
    pushed, ``jupyter/base-notebook:custom``: a local build under a borrowed name)."""
    if not (ref.registry == "docker.io" and ref.namespace == "jupyter" and is_docker_stacks(ref)):
        return False
    from .dockerstacks import tag_form_known

    return ref.tag is None or "\uffff" in ref.tag or tag_form_known(ref.tag)


def moving_tag(ref: ImageRef) -> bool:
    """HUB103: a tag of a known Jupyter image that every build re-points."""
    tag = ref.tag
    if ref.digest or not tag:
        return False
    found = _family(ref)
    if found is None:
        return False
    family = found[0]
    if family in ("docker-stacks", "docker-stacks-foundation"):
        rest = tag[platform_prefix_end(tag) :]
        if _SHA12.match(rest) or _DATE.match(rest) or not _STACKS_MOVING.match(rest):
            return False
        # a version tag that no build had is no tag at all (HUB108 says so), not one that moves; one that builds
        # kept for a while moved then, and is still reported (a rebuild gets its last build)
        from .dockerstacks import version_tag_never_built

        return not version_tag_never_built(ref.path.rsplit("/", 1)[-1], ref.registry, tag)
    if family == "jupyterhub-singleuser" and _X_OR_XY.match(tag):
        from .stacks import series_ended

        return not series_ended(tag)  # a series that gets no more releases gets no more builds
    if family == "z2jh-sample":
        return bool(_X_OR_XY.match(tag))
    return False


def stopped_moving(ref: ImageRef, info) -> str | None:
    """The day a docker-stacks version tag last moved, when builds stopped pushing it (a later version took its
    place) more than :data:`_STILL_MOVING` days before hublint's history of docker-stacks ends — weekly rebuilds
    push every tag still made — else None (it may still move)."""
    from .stacksdata import _civil_days, ends

    if info is None or not info.built or info.family not in ("docker-stacks", "docker-stacks-foundation"):
        return None
    last, history = info.built.rpartition("/")[2][:10], ends("jupyter/docker-stacks")
    if not (_DATE.match(last) and history and _DATE.match(history)):
        return None
    gap = _civil_days(*map(int, history.split("-"))) - _civil_days(*map(int, last.split("-")))
    return last if gap > _STILL_MOVING else None


_STILL_MOVING = 30  # days: four weekly rebuilds missed mean the tag is made no more


def pin_hint(ref: ImageRef) -> str:
    found = _family(ref)
    name = ref.raw.split("@")[0]
    if ref.tag is not None:
        name = name[: -(len(ref.tag) + 1)]
    if found is not None:
        if frozen_registry(ref):  # Docker Hub got no build after 2023-10-20: the example is quay.io's
            name = f"quay.io/jupyter/{ref.basename}"
        return "pin " + found[1]["pin"].replace("{name}", name)
    return f"pin a version tag or a digest (`{name}:<version>` or `{name}@sha256:…`)"


@lru_cache(maxsize=1024)
def requires_python(hub_version: str) -> str | None:
    """The Python floor of a jupyterhub version (F3.1)."""
    from .pep440 import version as Version

    try:
        v = Version(hub_version)
    except ValueError:
        return None
    from .pep440 import Release

    floor = None
    for row in _data()["jupyterhub-requires-python"]:
        since = row["since"]
        if isinstance(v, Release) and not since.replace(".", "").isdigit():
            # a release is at or above a pre-release floor (6.0.0b1) exactly when it is at or above its release
            since = _release_part(row["since"])
        if v >= Version(since):
            floor = row["python"]
    return floor


def _release_part(text: str) -> str:
    """``6.0.0b1`` -> ``6.0.0`` (the release a pre-release leads to)."""
    out = []
    for part in text.split("."):
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if digits:
            out.append(digits)
        if digits != part:
            break
    return ".".join(out) or "0"
