"""Helpers shared by rule modules."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.expand import expand, is_known
from ..dockerfile.imageref import ImageRef, parse_ref, valid_reference
from ..dockerfile.model import Stage, Step
from ..lint.inputs import ImageInput

TYPE_CHECKING = False
if TYPE_CHECKING:
    from packaging.version import Version

    from ..deployment.hubconfig import ImageValue
    from ..image.analysis import PackageFacts
    from ..image.versions import VersionSet


def external_stages(inp: ImageInput) -> Iterator[tuple[Stage, ImageRef]]:
    """Every stage built FROM an external image whose name is resolved (not scratch, not an image a sibling
    Dockerfile of the repository builds in the same pipeline: ``DeploymentFacts.local_bases``, not a reference
    Docker's grammar rejects).

    The tag or digest may still hold unknown parts (``jupyter/base-notebook:${TAG}``): rules that
    judge tags must check :func:`hublint.expand.is_known` on them.
    """
    facts = inp.facts
    local = facts.local_bases if facts is not None else ()
    for stage in inp.image.dockerfile.stages:
        if stage.parent is not None or not stage.image or stage.image.lower() == "scratch":
            continue
        if broken_reference(stage):
            continue  # no image: `docker build` fails on it (HUB106 says so)
        ref = parse_ref(stage.image)
        if is_known(ref.name) and ref.name not in local:
            yield stage, ref


def broken_reference(stage: Stage) -> bool:
    """Is the stage built FROM a known text that is no image reference (Docker's grammar rejects it)?"""
    return bool(stage.image) and is_known(stage.image) and not valid_reference(stage.image)


def clip(text: str, limit: int = 50) -> str:
    """``text`` for a message, cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip_ref(ref: str, limit: int = 48) -> str:
    """An image reference for a message: a long one keeps its registry's start and its name and tag
    (``registry.example.org/…/team-singleuser:latest``)."""
    if len(ref) <= limit:
        return ref
    head = ref[:12]
    return head + "…" + ref[len(ref) - (limit - len(head) - 1) :]


def via(stage: Stage) -> str:
    """ " (from `$BASE`)": what the reference was written as, when short enough for a message."""
    if stage.image_raw == stage.image or not is_known(stage.image) or len(stage.image_raw) > 24:
        return ""
    return f" (from `{stage.image_raw}`)"


def shown(stage: Stage, inp: ImageInput | None = None) -> str:
    """The base reference for a message: resolved, with what it was written as; as written when partly unknown."""
    if not is_known(stage.image):
        return f"`{clip(stage.image_raw, 50)}`"
    return f"`{clip_ref(stage.image)}`{via(stage)}"


def passed(stage: Stage, inp: ImageInput) -> str:
    """For a help line: the build arguments the deployment passes into this FROM (`X=latest` from `compose:8`)."""
    if stage.image_raw == stage.image:
        return ""
    return passed_into(stage.image_raw, inp)


def passed_into(raw: str, inp: ImageInput) -> str:
    """For a help line: the build arguments the deployment passes that ``raw`` (a word as written) reads, and
    where each value is written (`X=4.1.6` comes from `.env:2 → Makefile:4`)."""
    facts = inp.facts
    if facts is None or not facts.build_args_from or "$" not in raw:
        return ""
    import re

    used = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", raw))
    args = [
        f"`{name}={value}` comes from `{where}`"
        for name, value, where in facts.build_args_from
        if name in used and is_known(value)
    ]
    return f" ({', '.join(args)})" if args else ""


def tag_span(inp: ImageInput, stage: Stage, ref: ImageRef) -> tuple[int, int, int, int]:
    """The tag inside the FROM's image reference when it is written literally, else the whole reference."""
    start, _end = stage.image_span
    raw = stage.image_raw
    if ref.tag is not None and raw == stage.image and ref.tag_offset is not None:
        return inp.image.span(stage.instruction, start + ref.tag_offset, start + ref.tag_offset + len(ref.tag))
    return inp.image.image_span(stage)


def config_images(cfg, tags: bool = False) -> Iterator[tuple[ImageValue, ImageRef]]:
    """Image references of a Hub configuration with a resolved name that Docker's grammar accepts (``os.environ.get``
    defaults included);
    ``tags``: for the tag rules, which leave out an image whose tag a later layer of every release sets."""
    for image in cfg.images:
        if tags and image.tag_elsewhere:
            continue
        if isinstance(image.ref, str) and image.ref and is_known(image.ref) and valid_reference(image.ref):
            ref = parse_ref(image.ref)  # one Docker's grammar rejects is no image: HUB106 says so
            yield image, ref


def built_here(inp, reference: object) -> bool:
    """Is ``reference`` — an untagged or ``latest`` image name a configuration or a ``FROM`` names — what a build
    definition of the repository builds as ``latest`` (``-t NAME`` or ``-t NAME:latest``)?  Docker uses the local
    image of that name: the repository's own last build, not a publisher's tag that moves under the deployment.
    A build with a computed tag (the commit) builds other tags, not this one; a build whose name is partly
    computed (``$REGISTRY/jupyterhub``) is not a publisher's image (:func:`_builds_name`)."""
    from ..deployment.imagenames import split

    if not isinstance(reference, str):
        return False
    built = inp.facts.built if inp.facts is not None else ()
    return any(split(name)[1] in (None, "latest") and _builds_name(name, reference) for name in built)


def _builds_name(built: str, reference: str, same=None) -> bool:
    """Can a build named ``built`` make ``reference`` (``same``: the name test, tags ignored by default)?  A
    publisher's image — one hublint knows, or of the Jupyter projects' own namespaces on Docker Hub or quay.io —
    is not a build whose name is partly computed."""
    from ..deployment.imagenames import COMPUTED, same_name
    from ..image.knowledge import knows

    if not (same or same_name)(built, reference):
        return False
    if COMPUTED not in built:
        return True
    ref = parse_ref(reference)
    public = ref.registry in ("docker.io", "quay.io") and ref.namespace in _JUPYTER_NAMESPACES
    return not (public or knows(reference))


def own_latest(inp, image) -> bool:
    """Is a configuration's untagged or ``latest`` image the repository's own last build (:func:`built_here`) that
    nodes pull again — not ``IfNotPresent``, with which nodes keep running an older build?"""
    return image.pull != "IfNotPresent" and built_here(inp, image.ref)


def local_build(inp, image) -> str | None:
    """Why a configuration's untagged or ``latest`` image is a local build, for the message (None: it is not):
    the repository's own last build (:func:`own_latest`), a spawn image's bare local name (:func:`local_name`), or
    an image never pulled (``pullPolicy: Never``: loaded onto the nodes by hand, the tag cannot move there)."""
    if own_latest(inp, image):
        return OWN_HUB_BUILD if image.hub else OWN_BUILD
    if not image.hub and local_name(inp, image.ref):
        return LOCAL_BUILD
    if image.pull == "Never":
        return NEVER_PULLED
    return None


def local_name(inp, reference: object) -> bool:
    """Is a configuration's image a bare local name (:func:`bare_local`) that no build of the repository makes
    under another tag?  Such a spawn image is a build of the Hub's Docker host."""
    from ..deployment.imagenames import same_name

    built = inp.facts.built if inp.facts is not None else ()
    return bare_local(reference) and not any(same_name(name, reference) for name in built)  # type: ignore[arg-type]


def bare_local(reference: object) -> bool:
    """Is ``reference`` one bare name (``course-notebook:latest``: no registry, no namespace) that is no Docker Hub
    official image nor an image hublint knows?  Docker Hub keeps bare names for its official images, so it names an
    image of the host that pulls or builds on it, not a publisher's."""
    from ..image.knowledge import unserved_bare_name

    return isinstance(reference, str) and is_known(reference) and unserved_bare_name(reference)


def base_build(inp, reference: object) -> str | None:
    """Why a ``FROM``'s untagged or ``latest`` base is a local build, for the message (None: it is not): the
    repository builds it under that name (:func:`built_here`), or it is a bare local name (:func:`bare_local`),
    whatever the repository builds under that name."""
    if built_here(inp, reference):
        return OWN_BASE
    if bare_local(reference):
        return LOCAL_BASE
    return None


def built_as(inp, reference: object) -> bool:
    """Does a build definition of the repository build exactly ``reference`` (its name, and its tag or a computed
    one)?  Docker then runs the local image: what a registry holds under that name says nothing of it."""
    from ..deployment.imagenames import same_image

    built = inp.facts.built if inp.facts is not None else ()
    return isinstance(reference, str) and any(_builds_name(name, reference, same_image) for name in built)


_JUPYTER_NAMESPACES = ("jupyter", "jupyterhub")
OWN_BUILD = "this repository builds it: servers get whichever build ran last"
LOCAL_BUILD = "a bare name is a local build: servers get whichever build ran last on the host"
OWN_HUB_BUILD = "this repository builds it: the Hub runs whichever build ran last"
NEVER_PULLED = "it is never pulled: servers get whichever build was loaded onto the node"
OWN_BASE = "this repository builds it: the build takes whichever build ran last"
LOCAL_BASE = "a bare name is a local build, whichever the host built last"
OWN_BUILD_HELP = "give each build its own tag (a date, the commit) and name that tag here"
OWN_BASE_HELP = "give each build its own tag (a date, the commit) and build on that tag"


def config_where(image) -> str:
    return f"`{clip_ref(image.ref)}`"


MESSAGE_LIMIT = 120  # characters: a message states the fault in one line (CONTRIBUTING)


def base_named(inp: ImageInput, room: int) -> str:
    """ "the base `quay.io/jupyter/minimal-notebook:2025-01-06`" for a message, its name cut to the last part
    (`minimal-notebook:2025-01-06`) when the message would otherwise be longer than allowed (``room``: the
    characters left for it)."""
    image = inp.image.root.image
    text = f"the base `{image}`"
    if len(text) <= room:
        return text
    ref = parse_ref(image)
    tail = ref.basename + (f":{ref.tag}" if ref.tag else "") + (f"@{ref.digest[:19]}" if ref.digest else "")
    return f"the base `{clip(tail, max(room - 12, 16))}`"


def config_image(image) -> str:
    """ "spawn image `x`", or "the Hub image `x`" for the image a Hub service itself runs: for a message."""
    return f"{'the Hub image' if getattr(image, 'hub', False) else 'spawn image'} {config_where(image)}"


def written_in_yaml(cfg, cls: str, trait: str) -> bool:
    """Is a setting of a configuration written as z2jh values (``hub.config.Class.trait``, ``singleuser.cmd``), not
    as Python (a ``hub.extraConfig`` snippet's ``c.Class.trait``)?"""
    return cfg.kind == "z2jh" and (cls, trait) not in getattr(cfg, "python_traits", ())


def every_hub_below(text: str | None, major: int) -> bool:
    """Is every JupyterHub a found Hub version may be (``1.2.1``, ``0.9.2 to 0.9.4``; never ``X or later``) older than
    ``major``.0?"""
    from ..image.versions import parse_version

    if not text:
        return False
    span = hub_range(text)
    highest = parse_version(span[1] or "") if span else parse_version(text)
    return highest is not None and highest.major < major


def hub_range(text: str | None) -> tuple[str, str | None] | None:
    """A Hub version known only as a range — ``3.0.0 to 4.0.0``, ``5.5.0 or later`` (a development chart) —
    as (lowest, highest or None); None for a single version."""
    if not text:
        return None
    low, sep, high = text.partition(" to ")
    if sep:
        return low.strip(), high.strip()
    if text.endswith(" or later"):
        return text[: -len(" or later")].strip(), None
    return None


def hub_version(options) -> tuple[str, Version, bool] | None:
    """(the Hub's version as written, as a Version, whether it is precise — major.minor.patch) when the
    Hub's version is known (``--hub-version``, or found in the deployment), else None.  A range is never
    precise; its Version is its lowest."""
    from ..image.versions import parse_version

    text = options.hub_version
    span = hub_range(text)
    hub = parse_version(span[0] if span else text) if text else None
    if hub is None:
        return None
    return text, hub, len(hub.release) >= 3 and span is None


def admits(versions: VersionSet, options) -> bool:
    """Can the image's jupyterhub (``versions``) be compatible with the Hub's version (or some version of its
    range)?"""
    from ..image.versions import hub_admits, hub_range_admits, parse_version

    known = hub_version(options)
    if known is None:
        return True
    span = hub_range(options.hub_version)
    if span is not None:
        high = parse_version(span[1]) if span[1] else None
        return hub_range_admits(versions, known[1], high)
    return hub_admits(versions, known[1], known[2])


def hub_runs(options) -> str:
    """ "the Hub runs 5.2.1", for a message."""
    return f"the Hub runs {options.hub_version}"


def hub_from(options) -> str:
    """For a help line, when the deployment told the Hub's version: " (the Hub's 5.2.1: `docker-compose.yml:13`)"."""
    if not options.hub_source:
        return ""
    return f" (the Hub's {options.hub_version}: {options.hub_source.split(', ')[0]})"


def judged_hub(inp: ImageInput) -> tuple[str, Version, bool, PackageFacts, VersionSet] | None:
    """(the Hub's version as written, as a Version, whether it is precise, the image's jupyterhub facts and the
    versions they admit) when both can be judged, else None."""
    from ..image.versions import provided_hub_versions

    known = hub_version(inp)
    facts = inp.image.hub
    if known is None or facts is None:
        return None
    versions = facts.versions
    if versions is None and facts.install is None and inp.image.base_info is not None:
        versions = provided_hub_versions(inp.image.base_info) or moving_base_hub(inp)  # the majors it may have
    return None if versions is None else (*known, facts, versions)


# the families whose `latest` is rebuilt with the newest jupyterhub (docker-stacks installs it unpinned)
_MOVING_LATEST = ("docker-stacks", "jupyterhub-singleuser")


def moving_latest_hub(ref, info) -> VersionSet | None:
    """What a build (or a pull) now gets from a moving ``latest`` (or no tag: ``latest``) of a known Jupyter
    family whose jupyterhub is unknown (whichever build the tag pointed at then): the newest jupyterhub major
    hublint knows, or a later one (``>=5``).  A weak premise: an image built or pulled long ago may hold an older
    one."""
    from ..image.knowledge import frozen_registry
    from ..image.stacks import newest_jupyterhub
    from ..image.versions import conda_version_set, provided_hub_versions

    if ref is None or info is None or ref.tag not in (None, "latest") or ref.digest or frozen_registry(ref):
        return None
    if info.family not in _MOVING_LATEST or provided_hub_versions(info) is not None:
        return None
    major = newest_jupyterhub()[0].split(".")[0]
    found = conda_version_set(f">={major}")
    return found._replace(text=f"{major}.x or later") if found is not None else None


def moving_base_hub(inp: ImageInput) -> VersionSet | None:
    """:func:`moving_latest_hub` of the image's base, when nothing the image installs decides its jupyterhub."""
    facts = inp.image.hub
    if facts is None or facts.install is not None or facts.versions is not None:
        return None
    return moving_latest_hub(inp.image.base_ref, inp.image.base_info)


def config_hub_images(
    cfg, options
) -> Iterator[tuple[ImageValue, ImageRef, VersionSet, tuple[str, Version, bool], bool]]:
    """(image, ref, its jupyterhub versions, the Hub's (text, Version, precise), whether they are what a moving
    ``latest`` gives now — :func:`moving_latest_hub`) for the configuration's images whose jupyterhub the image
    knowledge knows, when the Hub's version is known."""
    from ..image.knowledge import lookup
    from ..image.versions import provided_hub_versions

    known = hub_version(options)
    if known is None:
        return
    for image, ref in config_images(cfg):
        if getattr(image, "hub", False) or not is_known(ref.tag or "") or not is_known(ref.digest or ""):
            continue  # the Hub's own image is not compared with the Hub
        info = lookup(ref, options.images)
        versions = provided_hub_versions(info) if info is not None else None
        moving = moving_latest_hub(ref, info) if versions is None else None
        judged = versions or moving
        if judged is not None:
            yield image, ref, judged, known, moving is not None


def last_user(inp: ImageInput) -> tuple[Step, str] | tuple[None, None]:
    """The chain's last USER instruction and the user it names (expanded), or (None, None)."""
    for step in reversed(inp.image.chain_steps):
        if step.instruction.keyword == "USER":
            return step, expand(step.instruction.args, step.env, inp.image.dockerfile.escape).strip()
    return None, None


def spawned_premise(inp: ImageInput) -> str | None:
    """The confidence of a finding that a spawned server would fail in this image (no jupyterhub, no server):
    certain when a configuration of the deployment spawns the image by name; else weak — an image nothing in view
    spawns may be a standalone notebook image, a stage or a tool (unseen repositories: such findings were wrong
    every time, docs/deployments.md "Severity follows certainty")."""
    return None if inp.facts is not None and inp.facts.spawned else "weak"
