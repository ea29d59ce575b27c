"""Roles: what each build target is for, decided before any rule runs (docs/deployments.md, "Roles").

Strongest first: an explicit setting (``--role``, a ``# hublint role=`` pragma, the configuration's ``roles``
globs); the deployment (built as a spawn image, as the Hub, as another chart image, or run as a standalone
notebook service); in-repository ``FROM`` chains (the base of a single-user image built here is a
*single-user base*; an image built on a single-user image is single-user); the Dockerfile's own evidence
(:mod:`.evidence`).
"""

from __future__ import annotations

import os
import re

from ..deployment.imagenames import shown, tagged_apart
from ..deployment.names import folders_up
from ..records import TYPE_CHECKING
from .builds import parents_of, spawned_as
from .evidence import CERTAINTIES, Role, decide, own_evidence, role_pragma
from .signs import IDLE
from .units import Unit, image_name

if TYPE_CHECKING:
    from ..deployment.compose import Service
    from ..image.analysis import ImageAnalysis
    from ..lint.hits import Hit
    from ..settings.options import Settings
    from .graph import Deployment, SpawnRef

__all__ = ["decide_roles", "resolve_role", "config_role", "siblings", "by_folder", "ROLE_NAMES"]

ROLE_NAMES = ("singleuser", "hub", "other")
Key = tuple[str, str | None]


def decide_roles(dep: Deployment) -> dict[Key, Role]:
    """The role of every unit: the deployment's say, then in-repository ``FROM`` chains, then ONBUILD."""
    roles: dict[Key, Role] = {}
    spawn_names: dict[str, SpawnRef] = {}
    for s in dep.spawns:
        if s.ref:
            spawn_names.setdefault(image_name(s.ref), s)
    deployed = set()  # the units whose role the deployment says
    for key, unit in dep.units.items():
        said = _deployment_role(dep, unit, unit.own_role, spawn_names)
        roles[key] = said or unit.own_role
        if said is not None:
            deployed.add(key)
    everyone = list(dep.units.values())
    built_on = {id(u): parents_of(u, everyone) for u in everyone}  # names matched on their literal parts
    folders = dep.folders

    def role(u: Unit) -> Role:
        return roles[(u.path, u.target)]

    _hub_chains(dep, everyone, built_on, roles, deployed)
    _hub_bases(dep, everyone, built_on, roles, deployed)
    for _ in range(8):
        changed = False
        for unit in everyone:
            base = unit.base or shown(unit.from_line[1])
            parents = list(built_on[id(unit)])
            parents += [u for u in siblings(unit, folders) if u not in parents]
            for parent in parents:
                if parent is unit:
                    continue
                mine, theirs = role(unit), role(parent)
                if mine.role == "singleuser" and (theirs.role != "singleuser" or not theirs.base):
                    # a base the Hub's own evidence makes a Hub image stays one, unless the image built on it
                    # is surer of its single-user role than the base is of its Hub role
                    hub_kept = theirs.role == "hub" and (
                        theirs.reason.startswith(("FROM", "CMD"))
                        or not _strictly_surer(mine.certainty, theirs.certainty)
                    )
                    if not hub_kept:
                        # a role inferred through a chain is as sure as the role it comes from (or the
                        # base's own single-user role, when that is surer)
                        sure = _surer(mine.certainty, theirs.certainty) if theirs.role == "singleuser" else None
                        rel = os.path.relpath(unit.path, dep.root)
                        roles[(parent.path, parent.target)] = Role(
                            "singleuser", f"the base of {rel}, a single-user image", True, sure or mine.certainty
                        )
                        changed = True
                elif (
                    (
                        mine.role == "other"
                        or (mine.role == "singleuser" and _surer(mine.certainty, theirs.certainty) != mine.certainty)
                    )
                    and theirs.role == "singleuser"
                    and not mine.reason.startswith("runs as")
                    and not any(e.role == "other" for e in unit.evidence)
                ):  # built on a single-user image built here: single-user, as sure as that image's role
                    reason = f"FROM {base}, a single-user image built here ({os.path.relpath(parent.path, dep.root)})"
                    sure = theirs.certainty
                    if unit.command is not None:  # its own CMD runs something else: a sidecar, or a broken CMD
                        if mine.role == "singleuser":
                            continue  # the chain raises it no further than its own evidence
                        reason, sure = f"{reason}; its own {unit.command} is no notebook server", "weak"
                    new_role = Role("singleuser", reason, False, sure)
                    if roles[(unit.path, unit.target)] != new_role:
                        roles[(unit.path, unit.target)] = new_role
                        changed = True
        if not changed:
            break
    for unit, user in _stage_images(dep, everyone):
        key = (unit.path, unit.target)
        if key not in deployed and roles[key].role == "singleuser" and not roles[key].base:
            why = f"a build stage of {os.path.relpath(user.path, dep.root)} (it copies files from it), never spawned"
            roles[key] = Role("other", why, False, "likely")
    for key, unit in dep.units.items():
        found = roles[key]
        if found.role == "singleuser" and not found.base and unit.onbuild:
            roles[key] = Role("singleuser", found.reason + "; an ONBUILD base", True, found.certainty)
    return roles


def _hub_chains(dep: Deployment, everyone: list[Unit], built_on: dict, roles: dict[Key, Role], deployed: set) -> None:
    """An image built on a Hub image built here, that the deployment does not place, no sure single-user image
    built here is built on, and whose own evidence is a weak single-user role at most (and nothing of another
    purpose), extends that Hub (an all-in-one image with more packages): a Hub image, ``likely`` at most, decided
    before the single-user chains so that two such images cannot make each other single-user."""
    below_users = _bases_of_users(everyone, built_on, roles)
    for _ in range(8):
        changed = False
        for unit in everyone:
            key = (unit.path, unit.target)
            mine = roles[key]
            if key in deployed or mine.role == "hub" or any(e.role == "other" for e in unit.evidence):
                continue
            if id(unit) in below_users:
                continue  # a single-user image built here is built on it: a single-user base (the chains below)
            if mine.role == "singleuser" and (mine.certainty != "weak" or mine.base):
                continue
            if not _keeps_hub_command(dep, unit):
                continue
            for parent in built_on[id(unit)]:
                theirs = roles[(parent.path, parent.target)]
                if theirs.role == "hub" and theirs.certainty != "weak":
                    base = unit.base or shown(unit.from_line[1])
                    rel = os.path.relpath(parent.path, dep.root)
                    roles[key] = Role("hub", f"FROM {base}, a Hub image built here ({rel})", False, "likely")
                    changed = True
                    break
        if not changed:
            return


def _hub_bases(dep: Deployment, everyone: list[Unit], built_on: dict, roles: dict[Key, Role], deployed: set) -> None:
    """An image built here that a Hub image built here is built on, that the deployment does not place, no sure
    single-user image built here is built on, and whose own single-user evidence is no more than ``likely`` (what
    it installs, not a launcher it runs), is the Hub's base: ``other``, not an image a Hub spawns."""
    below_users = _bases_of_users(everyone, built_on, roles)
    for unit in everyone:
        if roles[(unit.path, unit.target)].role != "hub" or roles[(unit.path, unit.target)].certainty == "weak":
            continue
        for parent in built_on[id(unit)]:
            key = (parent.path, parent.target)
            theirs = roles[key]
            if key in deployed or id(parent) in below_users or parent is unit:
                continue
            if theirs.role == "singleuser" and theirs.certainty != "certain" and not theirs.base:
                rel = os.path.relpath(unit.path, dep.root)
                roles[key] = Role("other", f"the base of {rel}, a Hub image built here", True, "likely")


def _bases_of_users(everyone: list[Unit], built_on: dict, roles: dict[Key, Role]) -> set[int]:
    """The units that a single-user image built here (``likely`` or ``certain``) is built on, at any depth."""
    found: set[int] = set()
    todo = [u for u in everyone if roles[(u.path, u.target)].role == "singleuser"]
    todo = [u for u in todo if roles[(u.path, u.target)].certainty != "weak"]
    while todo:
        for parent in built_on[id(todo.pop())]:
            if id(parent) not in found:
                found.add(id(parent))
                todo.append(parent)
    return found


def _keeps_hub_command(dep: Deployment, unit: Unit) -> bool:
    """The image's own CMD/ENTRYPOINT, if any, opens a shell or runs the Hub: it keeps its base's purpose (a
    Hub service's image built on the Hub's, ``python -m jupyterhub_announcement``, does not)."""
    from ..dockerfile.shell import SHELLS
    from ..image.cmdcheck import step_argvs
    from ..image.launchers import strip_wrappers

    img = dep.analysis(unit)
    if img is None:
        return False
    facts = img.launch
    for step in (facts.entrypoint, facts.cmd):
        for argv in step_argvs(step) if step is not None else ():
            args = strip_wrappers(argv)
            head = os.path.basename(args[0]) if args else ""
            if head and head not in SHELLS and not head.startswith("jupyterhub"):
                return False
    return True


def _stage_images(dep: Deployment, everyone: list[Unit]) -> list[tuple[Unit, Unit]]:
    """Images built here that another Dockerfile of the repository only uses as a build stage (``FROM
    team/conda:1 AS deps`` then ``COPY --from=deps``), never as the base of what it builds — each with that
    Dockerfile's unit: a stage's image is not a server any Hub starts.  Units are looked up by name (a name with a
    computed part is compared with every reference), so a repository of many Dockerfiles costs linear time."""
    from ..deployment.imagenames import COMPUTED, same_image

    tagged = {id(u): [n for b in u.built for n in b.names] for u in everyone}  # the names builds give, with tags
    by_name: dict[str, list[Unit]] = {}
    computed: list[Unit] = []
    for u in everyone:
        if any(COMPUTED in n for n in tagged[id(u)]):
            computed.append(u)
        for name in {image_name(n) for n in tagged[id(u)] if COMPUTED not in n}:
            by_name.setdefault(name, []).append(u)

    def candidates(ref: str) -> list[Unit]:
        return by_name.get(image_name(ref), []) + computed if COMPUTED not in ref else everyone

    bases = set()
    for u in everyone:  # tags compared when literal; named contexts may name any unit
        pool = everyone if any(b.contexts for b in u.built) or not u.from_line[1] else candidates(u.from_line[1])
        bases |= {id(p) for p in parents_of(u, pool, tags=True)}
    out: dict[int, tuple[Unit, Unit]] = {}
    for user in everyone:
        img = dep.analysis(user)
        if img is None:
            continue
        chain = {id(s) for s in img.chain}
        for stage in img.dockerfile.stages:
            if id(stage) in chain or stage.parent is not None or not stage.image:
                continue
            for unit in candidates(stage.image):
                if (
                    unit is not user
                    and id(unit) not in bases
                    and any(same_image(stage.image, n) for n in tagged[id(unit)])
                ):
                    out.setdefault(id(unit), (unit, user))
    return list(out.values())


def _strictly_surer(a: str, b: str) -> bool:
    return CERTAINTIES.index(a) > CERTAINTIES.index(b)


def _surer(a: str, b: str) -> str:
    return a if CERTAINTIES.index(a) >= CERTAINTIES.index(b) else b


def _deployment_role(dep: Deployment, unit: Unit, own: Role, spawn_names: dict[str, SpawnRef]) -> Role | None:
    """What the deployment says a Dockerfile is built as (None: it does not say)."""
    for b in unit.built:
        for n in b.names:
            s = spawn_names.get(image_name(n))
            if s is None or (isinstance(s.ref, str) and tagged_apart(n, s.ref)):
                s = _spawn_named(n, dep.spawns)  # `team/x:hub-1` is not the spawn image `team/x:singleuser-1`
            if s is not None:
                where = f"{os.path.relpath(s.path, dep.root)}:{s.span[0]}"
                return Role("singleuser", f"built as the spawn image `{shown(n)}` ({s.where}, {where})")
    for b in unit.built:
        if b.purpose is not None:
            return Role(b.purpose, f"built by {os.path.relpath(b.origin, dep.root)}")
    for b in unit.built:
        if b.service is not None and b.service in dep.hub_services:
            return Role(
                "hub",
                f"built as the Hub (compose service `{b.service.name}`, {os.path.relpath(b.service.path, dep.root)})",
            )
    for b in unit.built:
        for n in b.names:
            other = dep.other_images.get(image_name(n))
            if other is not None:
                return Role("other", f"built as `{n}`, which {other} names (not a spawn image)")
    launcher = any(
        e.role == "singleuser" and e.weight == 3 and e.reason.startswith(("CMD", "ENTRYPOINT")) for e in unit.evidence
    )
    for b in unit.built:
        what = _standalone(b.service, dep) if b.service is not None and own.role == "singleuser" else None
        if what is not None and not launcher:
            return Role(
                "other",
                f"runs as its own compose service `{b.service.name}` ({what}, not spawned by a Hub)",  # type: ignore[union-attr]
                certainty="likely" if dep.configs else "certain",  # a Hub's spawn images all known: inferred
            )
    return None


def _spawn_named(name: str, spawns: list[SpawnRef]) -> SpawnRef | None:
    """The spawn image a built name is, matched on its literal parts (:mod:`hublint.deployment.imagenames`)."""
    found = spawned_as([name], [s.ref for s in spawns])
    return spawns[found[0]] if found else None


def _standalone(service: Service, dep: Deployment) -> str | None:
    """What a compose service runs — a notebook server itself, or nothing (it keeps the container idle for
    people and scripts to `docker exec` into: `sleep infinity`, `tail -f /dev/null`) — where no Hub
    configuration may spawn the image: the repository has no Hub, or every configuration names its spawn images
    and each is a public image hublint knows (z2jh values without one spawn the chart's sample image; a
    configuration that starts processes spawns no image), so none is this build.  Beside a Hub that may spawn
    it, a service that only test-runs an image says nothing about what the image is for (None)."""
    from ..image.knowledge import knows

    runs = " ".join(service.runs())
    if re.search(r"start-notebook|jupyter(?:-|\s+)(?:lab|notebook|server)", runs):
        what = "a standalone notebook server"
    elif IDLE.fullmatch(runs.strip()):
        what = "an idle container to work in"
    else:
        return None
    if dep.hub_services and not dep.configs:
        return None  # a Hub whose configuration hublint has not read
    for path, cfg in dep.configs.items():
        refs = [s.ref for s in dep.spawns if s.config == path]
        if not refs and cfg.kind == "z2jh" and _named_at_deploy(dep, path):
            return None  # the release names the image when it deploys (`--set singleuser.image.name=…`, hubploy)
        if (not refs and cfg.kind != "z2jh" and not process_spawner(cfg)) or any(
            not isinstance(r, str) or not knows(r) for r in refs
        ):
            return None
    return what


# a command that only keeps the container running: `sleep infinity` (or a long sleep), `tail -f /dev/null`
def _named_at_deploy(dep: Deployment, path: str) -> bool:
    """Does a release that names values file ``path`` set an image's name when it deploys?"""
    return any(
        key.endswith("image.name")
        for r in dep.releases
        if any(v.value is not None and os.path.abspath(v.value) == path for v in r.values)
        for key in r.sets
    )


_CONTAINERS = ("docker", "kube", "swarm", "podman", "container", "wrap", "profiles")


def process_spawner(cfg) -> bool:
    """Does a ``jupyterhub_config.py`` start servers as processes, not containers: no ``spawner_class`` (the
    default LocalProcessSpawner) or one that names no container spawner, and no container spawner's section?"""
    if cfg.kind != "python":
        return False
    cls = cfg.get("JupyterHub", "spawner_class")
    if cls is not None and (not isinstance(cls[0].value, str) or any(c in cls[0].value.lower() for c in _CONTAINERS)):
        return False
    return not any(any(c in section.lower() for c in _CONTAINERS) for section, _ in cfg.traits)


def siblings(unit: Unit, folders: dict[str, list[Unit]]) -> list[Unit]:
    """``images/<name>/Dockerfile`` beside this one builds the image ``…/<name>`` this one is FROM (the
    docker-stacks layout), when the base is written with build arguments (``$REGISTRY/$OWNER/<name>``).
    ``folders``: the deployment's units by folder (:func:`by_folder`).  A base written literally is not matched
    by its folder's name: on the labelled repositories nobody here had seen, that made images and bases
    single-user that are not (docs/deployment-rules/builds.md 10)."""
    raw, resolved = unit.from_line
    if raw == resolved or "$" not in raw:
        return []
    return named_folders(unit, folders)


def named_folders(unit: Unit, folders: dict[str, list[Unit]]) -> list[Unit]:
    """The units in a folder named as the last part of this unit's base (``…/<name>``), beside this image's folder
    or a folder above it: how :func:`siblings` finds a base; for a base written literally, only a guess."""
    base = unit.base
    if not base:
        return []
    wanted = base.rsplit("/", 1)[-1]
    # images/<name>/ beside this image's folder, or beside a folder above it (variants: cuda12/)
    wanted_folders = {os.path.join(f, wanted) for f in folders_up(os.path.dirname(os.path.dirname(unit.path)), 3)}
    return [other for f in wanted_folders for other in folders.get(f, ()) if other is not unit]


def by_folder(units) -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = {}
    for u in units:
        out.setdefault(os.path.dirname(u.path), []).append(u)
    return out


def resolve_role(
    img: ImageAnalysis, cli_role: str | None = None, config_role: str | None = None, decided: Role | None = None
) -> tuple[Role, Hit | None]:
    """The role a build target is judged as, strongest first: ``--role``, a ``# hublint role=`` pragma, the
    configuration's ``roles``, the deployment's decision (``decided``), the Dockerfile's own evidence.

    Returns (Role, a Hit for an invalid pragma or None)."""
    from ..lint.hits import Hit

    if cli_role:
        return Role(cli_role, f"--role {cli_role}"), None
    pragma = role_pragma(img.dockerfile.comments)
    problem = None
    if pragma is not None:
        value, line = pragma
        if value in ROLE_NAMES:
            return Role(value, f"`# hublint role={value}` (line {line})"), None
        if value != "auto":
            col = next((c.column + c.text.find(value) for c in img.dockerfile.comments if c.line == line), 1)
            problem = Hit(
                f"`role={value}` in this hublint pragma is not a role: use singleuser, hub, other or auto",
                line,
                col,
                line,
                col + len(value),
            )
    if config_role:
        return Role(config_role, "the configuration's `roles`"), problem
    if decided is not None:
        return decided, problem
    return decide(own_evidence(img)), problem


def config_role(settings: Settings, path: str | None) -> str | None:
    """The role the configuration's ``roles`` globs give a file (the last matching glob wins)."""
    if not settings.roles or path is None:
        return None
    from .discover import Ignore

    found = None
    for base, glob, role in settings.roles:
        if Ignore(base or os.getcwd(), [glob]).match(path, False):
            found = role
    return found
