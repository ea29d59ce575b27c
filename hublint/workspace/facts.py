"""Facts: what the deployment says about how an image is started — the spawner's command and args, the
default URL, the volumes it mounts, the UID, build arguments — gathered per image for its rules
(:class:`hublint.lint.inputs.DeploymentFacts`).

The configurations that apply to an image: those that spawn a name it is built as; else (chartpress images
built for ``singleuser.image``) the chart's own ``values.yaml``; else those of the deepest deployment whose scope
encloses it, or of the repository's only deployment (:func:`hublint.workspace.scopes.enclosing_configs`).

What applies to the spawn images only — the images a configuration spawns by name, or that chartpress builds
for its chart's ``singleuser.image`` — is who decides the container's user (``user_set_by``): SystemUserSpawner
(the user's own uid), ``extra_create_kwargs["user"]``, KubeSpawner ``uid``, z2jh ``singleuser.uid`` (1000 by
default; ``null`` leaves the image's user).  When the enclosing deployment's configuration decides it but names
no image hublint can read (``os.environ["IMAGE"]`` without a value in view), or the image is built under no name
at all and the configuration spawns an image hublint does not know (which may be it), it may spawn any image of
that scope:
``user_maybe_set_by``, a weak premise for the rules that judge the image's own user.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left

from ..deployment.names import folders_up
from ..image.knowledge import knows, unserved_bare_name
from ..lazy import pattern
from ..lint.inputs import DeploymentFacts
from ..records import TYPE_CHECKING
from .builds import local_bases, parents_of, spawned_as
from .graph import under
from .places import mark, mark_origin
from .roles import named_folders, process_spawner, siblings
from .scopes import enclosing_configs
from .units import image_name, merged_args

if TYPE_CHECKING:
    from typing import Any

    from .graph import Deployment

__all__ = ["facts_for", "rel_origin", "container_user", "server_of", "config_facts"]


def facts_for(dep: Deployment, path: str) -> DeploymentFacts:
    """What the deployment says about how the image at ``path`` (a Dockerfile, or a spawn image of a
    configuration at ``path``) is started."""
    path = os.path.abspath(path)
    configs = []
    units = dep.units_of(path)
    names = {n for u in units for n in u.names}
    built = [n for u in units for b in u.built for n in b.names]
    matched = set(spawned_as(built, [s.ref for s in dep.spawns])) if built else set()
    for i, s in enumerate(dep.spawns):
        if s.ref and (image_name(s.ref) in names or i in matched):
            configs.append(s.config)
    if path in dep.configs:
        configs.append(path)
    if not configs:
        for u in units:
            for b in u.built:
                if b.purpose == "singleuser":  # chartpress: the chart's own values
                    configs += [
                        p
                        for p, c in dep.configs.items()
                        if getattr(c, "kind", "") == "z2jh"
                        and under(p, b.scope)
                        and os.path.basename(p) == "values.yaml"
                    ]
    spawning = set(configs) - {path}  # the configurations whose spawn image this is
    if not configs:
        configs = enclosing_configs(dep, path)  # the deployment whose scope encloses it (workspace.scopes)
    everywhere = _uid_everywhere(dep) if not configs else None
    binder = "binder" in path.replace("\\", "/").split("/")[:-1] or "/.binder/" in path.replace("\\", "/")
    local = {u.base for u in units if u.base and siblings(u, dep.folders)} | local_bases(dep, units)
    local |= _folder_builds(dep, units)
    everyone = list(dep.units.values())
    literal = {u.base for u in units if u.base and parents_of(u, everyone, tags=True)}  # built here, not wired in
    # a folder named as the base whose Dockerfile no definition builds under a name: probably built there
    literal |= {u.base for u in units if u.base and any(not o.names for o in named_folders(u, dep.folders))}
    candidates = tuple(
        dict.fromkeys(mark(c) for u in units if u.base and u.base not in local | literal for c in _unnamed_base(dep, u))
    )
    args = tuple(
        (name, s.value, " → ".join(dict.fromkeys([f"{mark(s.path)}:{s.span[0]}", *(mark_origin(v) for v in s.via)])))
        for name, s in (merged_args(units[0].built) if units else {}).items()
        if s.value is not None
    )
    facts = DeploymentFacts(
        binder=binder,
        local_bases=tuple(sorted(local)),
        built_bases=tuple(sorted(literal - local)),
        base_candidates=candidates,
        build_args_from=args,
        built=tuple(sorted({n for b in dep.builds for n in b.names})),
        uid_everywhere=everywhere,
        configured=bool(configs),
    )
    containers = any(not process_spawner(dep.configs[c]) for c in configs)  # z2jh, a container spawner
    for cfg_path in dict.fromkeys(configs):
        facts = _merge_facts(facts, dep.configs[cfg_path], mark(cfg_path), containers)  # where: a marked path
        user = container_user(dep.configs[cfg_path], mark(cfg_path)) if cfg_path in spawning else None
        if user is not None and facts.user_set_by is None:
            facts = facts._replace(user_set_by=f"{user[0]}, {user[1]}")
    uid = str(facts.uid) if facts.uid is not None else ""
    deployed = any(any(s.config == c for s in dep.spawns) or dep.deploys_values(c) for c in configs)
    if uid.isdigit() and int(uid) != 0 and deployed:  # not values only guessed at
        facts = facts._replace(pods_uid=uid)
    if not spawning and path not in dep.configs:
        maybe_user = _maybe_user(dep, configs, not any(u.names for u in units), mark)
        if maybe_user is not None:
            facts = facts._replace(user_maybe_set_by=maybe_user)
    server = server_of(dep, list(dict.fromkeys(c for c in configs if c != path)))
    if server is not None:  # its files as marked paths (.places), as the other facts' places
        facts = facts._replace(server=server.relative(mark), spawned=bool(spawning))
    return facts


def _folder_builds(dep: Deployment, units) -> set[str]:
    """The bare names (no registry, no namespace) a ``FROM`` of the image's Dockerfile names (as written, or its
    chain's base as resolved) that are folders holding a Dockerfile, beside the image's folder or a folder above it
    (as :func:`hublint.workspace.roles.named_folders` looks), and none of Docker Hub's official images nor an image
    hublint knows: no registry serves such a name, so the ``FROM`` (``FROM base`` beside ``base/Dockerfile``, a bake
    named context, a script's ``docker build -t base``) builds on that folder's image — an in-repository chain,
    whatever stage names it."""
    out: set[str] = set()
    for unit in units:
        names = {m.group(1) for m in _FROM.finditer(dep.texts.get(unit.path, ""))}
        names.add(unit.from_line[1].split(":", 1)[0])
        own = os.path.dirname(unit.path)
        for folder in folders_up(os.path.dirname(own), 3):
            for name in names:
                path = os.path.join(folder, name)
                if path != own and path in dep.folders and _bare_build(name):
                    out.add("docker.io/library/" + name)
    return out


_FROM = pattern(r"(?im)^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*([a-z0-9][a-z0-9._-]*)(?:[:@][^\s]*)?(?:[ \t]|$)")


def _unnamed_base(dep: Deployment, unit) -> list[str]:
    """The Dockerfiles here that no build definition names which may build the unknown base of ``unit``: in the
    image's folder, below it or in a folder beside it, built on another base, installing jupyterhub or a server
    themselves, their folder or file named with a word of the base's name or tag (`_baseImage/` for
    `team/jupyter-base:1`, `Dockerfile.build` for `team/singleuser:build`).  hublint cannot tell such a build from
    the image the ``FROM`` names (a script it does not read may tag it so)."""
    if knows(unit.base):
        return []
    raw = unit.from_line[1].lower()
    words = {w for w in _WORD.split(raw.rsplit("/", 1)[-1]) if len(w) >= 3} - _GENERIC
    if not words:
        return []
    own = os.path.dirname(unit.path)
    parent = os.path.dirname(own)
    keys, index = _candidates(dep)
    found: list[str] = []
    for w in sorted(words):
        at = bisect_left(keys, (w,))
        stop = min(len(keys), at + _MAX_VISITED)  # the keys a word visits are bounded, whatever they hold
        while at < stop and keys[at][0].startswith(w) and len(found) < _MAX_CANDIDATES:
            other = index[keys[at][1]]
            at += 1
            if other is unit or other.base == unit.base or other.path in found:
                continue  # built on the same base: not its base
            folder = os.path.dirname(other.path)
            if not (folder == own or under(folder, own) or os.path.dirname(folder) == parent):
                continue
            named = _WORD.split(os.path.relpath(other.path, parent).lower())
            if any(n.startswith(w) for n in named):  # its folder or file (below the image's parent) is named so
                found.append(other.path)
    return sorted(found)


_MAX_CANDIDATES = 16
_MAX_VISITED = 64


def _rel(path: str, root: str) -> str:
    """``path`` below ``root`` (the words of the folders above the repository say nothing of an image)."""
    return os.path.relpath(path, root) if under(path, root) else path


def _candidates(dep: Deployment) -> tuple[list[tuple[str, int]], list]:
    """The deployment's Dockerfiles that no build definition names and that install jupyterhub or a server
    themselves, as (word of their path, index) sorted by word, and the units: built once per deployment (kept in
    its ``indexes``), so that each image looks up only the words of its base's name."""
    found = dep.indexes.get("unnamed-bases")
    if found is None:
        units = [
            u
            for us in dep.folders.values()
            for u in us
            if not u.names
            and u.own_role.role == "singleuser"
            and any(e.role == "singleuser" and e.reason.startswith("installs ") for e in u.evidence)
        ]
        keys = sorted({(w, n) for n, u in enumerate(units) for w in _WORD.split(_rel(u.path, dep.root).lower()) if w})
        found = dep.indexes["unnamed-bases"] = (keys, units)
    return found  # type: ignore[return-value]


_WORD = pattern(r"[-_.:/\\]+")
# words of image names and paths that say nothing of which image it is
_GENERIC = frozenset({"latest", "main", "master", "stable", "dev", "docker", "dockerfile", "image", "images",
                      "jupyter", "notebook", "singleuser", "lab", "hub", "v1", "v2"})  # fmt: skip


def _bare_build(name: str) -> bool:
    return "@" not in name and name == name.lower() and unserved_bare_name(name)


_TEST_PARTS = frozenset({"test", "tests", "e2e", "testing", "integration-tests"})


def _uid_everywhere(dep: Deployment) -> str | None:
    """Where the repository's deployments set the uid their pods run as, when each Kubernetes one does (z2jh:
    ``singleuser.uid``, 1000 by default; ``KubeSpawner.uid``) and every other one names a spawner that starts no
    pods — so an image none of them is known to spawn still runs under a set uid; None otherwise.  The deployments
    in a test folder (``tests/e2e/values-kind.yaml``) do not count when the repository has others."""
    where = []
    configs = dep.configs
    real = {p: c for p, c in configs.items() if not _TEST_PARTS & set(os.path.relpath(p, dep.root).split(os.sep)[:-1])}
    if real:  # a deployment in a test folder (an e2e run on kind) tests the real one: it starts no user's pods
        configs = real
    for path, cfg in configs.items():
        found = _merge_facts(DeploymentFacts(), cfg, mark(path))
        kube = found.spawner_class is None or "kube" in found.spawner_class.lower()
        if kube and found.uid is None:
            return None
        if found.uid is not None:
            where.append(mark(path))
    return ", ".join(where[:2]) + (" …" if len(where) > 2 else "") if where else None


def layers(dep: Deployment, config: str) -> list[str]:
    """The files of one release's values: the configuration, and the configurations of the same kind in its
    deployment's scope that spawn no image themselves (``common.yaml`` beside ``prod.yaml``; a file naming
    other images is another hub's, not a layer)."""
    from .scopes import config_scope

    cfg = dep.configs[config]
    scope = config_scope(dep, config)
    return [config] + [
        p
        for p, c in dep.configs.items()
        if p != config and c.kind == cfg.kind and not c.images and config_scope(dep, p) == scope
    ]


def server_of(dep: Deployment, configs: list[str]):
    """What the configurations that spawn an image all say about its servers (each with its layers combined):
    a :class:`hublint.deployment.serverspec.ServerSpec`, or None without configurations."""
    from ..deployment.serverspec import agree, combine, server_spec

    specs = [combine([server_spec(dep.configs[p], p) for p in layers(dep, c)]) for c in configs if c in dep.configs]
    return agree([s for s in specs if s is not None])


def config_facts(dep: Deployment, path: str, conflicts: tuple) -> DeploymentFacts:
    """The facts a deployment file's own rules read: its deployment's spec of the servers, the names of the
    images the repository builds, the references with a literal tag its builds build (``built_tags``, with
    where), and its Hub version conflicts; the files they name as marked paths (:mod:`.places`)."""
    from ..deployment.imagenames import computed, split

    built_tags = tuple(
        dict.fromkeys(
            (f"{name}:{tag}", mark_origin(b.origin))
            for b in dep.builds
            for name, tag in (split(n) for n in b.names if not computed(n))
            if tag
        )
    )
    server = server_of(dep, [path]) if path in dep.configs else None
    return DeploymentFacts(
        hub_conflicts=conflicts,
        server=server.relative(mark) if server is not None else None,
        built=tuple(sorted({n for b in dep.builds for n in b.names})),
        built_tags=built_tags,
        hub_packages=dep.hub_packages,
    )


_SPAWNER_PACKAGES = frozenset({"dockerspawner", "kubespawner", "jupyterhub-kubespawner"})


def hub_packages(dep: Deployment) -> tuple[tuple[str, object], ...]:
    """(package, the versions its install admits) for each spawner package a Hub image of the repository
    installs (``pip install dockerspawner==0.9.*``), and the version of a spawner whose source the repository
    carries (a vendored copy is there to be installed)."""
    from ..image.versions import provided_version_set

    out = []
    for _, project, version in dep.vendored:
        if project in _SPAWNER_PACKAGES and version is not None:
            out.append((project.replace("jupyterhub-", ""), provided_version_set(version)))
    for key, unit in dep.units.items():
        role = dep.roles.get(key)
        img = dep.analysis(unit) if role is not None and role.role == "hub" else None
        for inst in img.installs.installs if img is not None else ():
            if inst.name in _SPAWNER_PACKAGES:  # an upgrade counts too: unpinned, it is the newest
                out.append((inst.name.replace("jupyterhub-", ""), inst.versions))
        out += [(name, None) for name in _built_at_a_commit(img)] if img is not None else []
    return tuple(out)


# a project installed from its git repository: `pip install git+https://github.com/jupyterhub/kubespawner@804947a`,
# `git clone [--branch X] https://github.com/jupyter/jupyterhub.git`
_FROM_SOURCE = pattern(
    r"(git\+|git\s+clone\s+((?:-\S+\s+)*))\S*?github\.com/(?:jupyterhub|jupyter)/(jupyterhub|dockerspawner|kubespawner)"
    r"(?:\.git)?(@\S+)?(?![\w-])",
    re.I,
)


def _built_at_a_commit(img) -> list[str]:
    """The projects a Hub image builds from a chosen commit, tag or branch of their git repository (a `@ref`, a
    `git clone --branch`, a `git checkout` in the image), whose version hublint cannot tell; the default branch
    without one is the newest (a release's names hold)."""
    runs = [s.instruction.args for s in img.chain_steps if s.instruction.keyword == "RUN"]
    checkout = any(re.search(r"\bgit\s+(?:checkout|reset\s+--hard|switch)\b", r) for r in runs)
    found = []
    for text in runs:
        for m in _FROM_SOURCE.finditer(text):
            chosen = (
                m.group(4) if m.group(1).startswith("git+") else (re.search(r"-b\b|--branch", m.group(2)) or checkout)
            )
            if chosen:
                found.append(m.group(3).lower())
    return found


def _maybe_user(dep: Deployment, configs: list[str], unnamed: bool, mark) -> tuple[str, str] | None:
    """Who a configuration that may spawn an image it does not name runs it as (not root): one whose spawn images
    are all unread, or (``unnamed``: the image is built under no name) one that names an image hublint does not
    know; z2jh values that set up the single-user servers but name no image leave it to the deploy (`--set
    singleuser.image…`), and their uid holds (not a YAML only guessed at: no `singleuser:` of its own)."""
    for cfg_path in dict.fromkeys(configs):
        refs = [s.ref for s in dep.spawns if s.config == cfg_path]
        maybe = not any(refs) or (unnamed and any(r is None or not knows(r) for r in refs))
        cfg = dep.configs[cfg_path]
        chosen_later = not refs and cfg.kind == "z2jh" and any(k.startswith("singleuser.") for k in cfg.z2jh)
        user = container_user(cfg, mark(cfg_path)) if (refs and maybe) or chosen_later else None
        if user is not None and not _as_root(user[0]):  # a spawner that starts root weakens nothing
            return user
    return None


def container_user(cfg, path: str) -> tuple[str, str] | None:
    """(who the container runs as, where it is set: ``path:line``) when the spawner, not the image, decides the
    container's user — SystemUserSpawner (the user's own uid, or root with ``run_as_root``),
    ``extra_create_kwargs["user"]`` (any value), KubeSpawner ``uid``, z2jh ``singleuser.uid`` (1000 unless set to
    ``null``) — else None."""

    def shown(value) -> str:
        return f"`{value}`" if isinstance(value, (str, int)) and not isinstance(value, bool) else "a computed user"

    if cfg.kind == "z2jh":
        kube = _kube_uid(cfg, path, shown)  # `hub.config.KubeSpawner.uid` (or extraConfig's): set after the chart's
        if kube is not None:
            return kube
        uid = cfg.z2jh.get("singleuser.uid")
        if uid is None:
            return "uid 1000 (the chart's default singleuser.uid)", path
        return (f"uid {shown(uid.value)} (singleuser.uid)", f"{path}:{uid.span[0]}") if uid.value is not None else None
    cls = cfg.get("JupyterHub", "spawner_class")
    if cls is not None and isinstance(cls[0].value, str):
        name = cls[0].value.rsplit(".", 1)[-1].lower()
        if name in ("systemuserspawner", "docker-system-user"):
            return "the user's own uid (SystemUserSpawner)", f"{path}:{cls[0].span[0]}"
    kwargs = cfg.trait("extra_create_kwargs")
    if kwargs is not None and isinstance(kwargs.value, dict):
        user = kwargs.value.get("user")
        if user is not None and user.value is not None:
            return f"{shown(user.value)} (extra_create_kwargs['user'])", f"{path}:{user.span[0]}"
    return _kube_uid(cfg, path, shown)


def _kube_uid(cfg, path: str, shown) -> tuple[str, str] | None:
    """KubeSpawner's ``uid`` when the configuration sets it, as :func:`container_user` says it."""
    uid = cfg.trait("uid")
    if uid is not None and uid.value is not None and not isinstance(uid.value, bool):
        return f"uid {shown(uid.value)} (KubeSpawner.uid)", f"{path}:{uid.span[0]}"
    return None


def _as_root(who: str) -> bool:
    """Is :func:`container_user`'s "who" root (`` `root` ``, `` `0` ``, uid `` `0` ``)?"""
    return any(f"`{name}`" in who for name in ("root", "0", "0:0", "root:root"))


def rel_origin(origin: str, relative_to: str) -> str:
    path, sep, rest = origin.partition(":")
    return f"{os.path.relpath(path, relative_to)}{sep}{rest}" if sep else origin


def _merge_facts(facts: DeploymentFacts, cfg, path: str, containers: bool = True) -> DeploymentFacts:
    """``facts`` with what configuration ``cfg`` adds (``containers``: another configuration of the image's
    starts containers, so a bare ``jupyterhub_config.py`` does not make LocalProcessSpawner the spawner)."""
    updates: dict[str, Any] = {}
    cmd = _spawner_cmd(cfg, path)
    if cmd is not None and facts.spawner_cmd is None:
        updates["spawner_cmd"], updates["cmd_where"] = cmd
    if cfg.kind == "z2jh":
        _default_url(updates, cfg.z2jh.get("singleuser.defaultUrl"), path)
        storage = cfg.z2jh.get("singleuser.storage")
        if storage is not None and isinstance(storage.value, dict):
            kind = storage.value.get("type")
            mount = storage.value.get("homeMountPath")
            where = f"{path}:{storage.span[0]}"
            if kind is not None and kind.value == "none":
                updates["home_mounts"], updates["home_mounts_where"] = (), where
            elif mount is not None and isinstance(mount.value, str):
                updates["home_mounts"], updates["home_mounts_where"] = (mount.value,), f"{path}:{mount.span[0]}"
        uid = cfg.z2jh.get("singleuser.uid")
        updates["uid"] = uid.value if uid is not None else 1000
    else:
        _default_url(updates, cfg.trait("default_url"), path)
        mounts, mounts_where = _docker_mounts(cfg, path)
        if mounts is None:  # KubeSpawner's volume_mounts (its default: none)
            from ..deployment.serverspec import kube_mounts

            kube = kube_mounts(cfg)
            if kube is not None:
                mounts = kube[0]
                mounts_where = f"{path}:{kube[1][0]}" if kube[1] is not None else f"{path} (KubeSpawner's default)"
        if mounts is not None:
            from ..deployment.serverspec import docker_named_mounts

            updates["home_mounts"], updates["home_mounts_where"] = mounts, mounts_where
            updates["seeded_mounts"] = docker_named_mounts(cfg)
        if getattr(cfg, "delegated", None) is not None and facts.settings_elsewhere is None:
            updates["settings_elsewhere"] = f"{path}:{cfg.delegated}"
        cls = cfg.get("JupyterHub", "spawner_class")
        if cls is not None and isinstance(cls[0].value, str):
            updates["spawner_class"] = cls[0].value
        elif not containers and process_spawner(cfg):  # JupyterHub's default, when no configuration says more
            updates["spawner_class"] = "jupyterhub.spawner.LocalProcessSpawner"
        uid = cfg.trait("uid")
        if uid is not None and isinstance(uid.value, int) and not isinstance(uid.value, bool):
            updates["uid"] = uid.value  # KubeSpawner.uid: the pod's runAsUser
        args = cfg.trait("args")
        if args is not None:
            updates["args"], updates["args_where"] = args.value, f"{path}:{args.span[0]}"
    return facts._replace(**{k: v for k, v in updates.items() if getattr(facts, k) in (None, False)})


def _spawner_cmd(cfg, path: str) -> tuple[tuple[str, ...], str] | None:
    """(the command the spawner runs, where it is set), when the configuration sets it (an unknown part of it
    reads as ``\\uffff``)."""
    from ..deployment.hubconfig import UNKNOWN_VALUE

    cmd = cfg.spawner_cmd()
    if cmd is None:
        return None
    value = cmd.value
    argv = (
        [value]
        if isinstance(value, str)
        else [x.value for x in value if isinstance(x.value, str)]
        if isinstance(value, list)
        else None
    )
    where = (
        f"{path}:{cmd.span[0]}"
        if cfg.kind != "z2jh" or cfg.z2jh_cmd_present
        else f"{path} (the chart's default singleuser.cmd)"
    )
    if argv is not None or value is UNKNOWN_VALUE:
        return (tuple(argv) if argv else ("\uffff",)), where
    return None


def _default_url(updates: dict[str, Any], url, path: str) -> None:
    """The default URL a configuration sets, and where (a value hublint cannot read: only where it is set)."""
    if url is not None:
        updates["default_url"] = url.value if isinstance(url.value, str) else None
        updates["default_url_where"] = f"{path}:{url.span[0]}"


def _docker_mounts(cfg, path: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The container paths DockerSpawner mounts (``volumes`` and ``read_only_volumes``: host -> container path,
    or -> {"bind": path}), and where; ``()`` for a DockerSpawner configuration that mounts nothing (its default);
    None when unknown."""
    from ..deployment.hubconfig import UNKNOWN_VALUE
    from ..deployment.serverspec import docker_mounts

    paths, node, _ = docker_mounts(cfg)
    if paths is UNKNOWN_VALUE:
        return None, None
    if paths is not None:
        return paths, f"{path}:{node.span[0]}"
    cls = cfg.get("JupyterHub", "spawner_class")
    if (
        cls is not None
        and isinstance(cls[0].value, str)
        and "docker" in cls[0].value.lower()
        and not cfg.traits_named("volumes")
    ):
        return (), f"{path}:{cls[0].span[0]}"
    return None, None
