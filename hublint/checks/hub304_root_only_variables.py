"""HUB304 root-only-variables: docker-stacks' root-only variables (GRANT_SUDO, CHOWN_HOME, CHOWN_EXTRA, NB_USER,
NB_UID, NB_GID) set where nothing can act on them.

start.sh acts on them only when the container starts as root; started as another user it only warns
(``images/docker-stacks-foundation/start.sh``).  Judged: the image's own ``ENV`` (GRANT_SUDO, CHOWN_HOME,
CHOWN_EXTRA, on a docker-stacks base) and the environment the deployment gives its spawn images (all six; NB_*
only when they change what the image has), against who starts the container (the spawner's user setting, else the
image's USER), whether start.sh runs at all, and — for GRANT_SUDO on Kubernetes — privilege escalation."""

from __future__ import annotations

from collections.abc import Iterator

from ..deployment.serverspec import OWN_UID, ServerSpec, Setting, is_root
from ..dockerfile.expand import is_known
from ..lint.hits import Hit
from ..lint.inputs import ConfigInput, ImageInput
from ..lint.rule import CONFIG, IMAGE, Rule
from ..records import NamedTuple
from ._common import clip_ref
from ._spawned import kept, known_spawn_images, own_spec, scope_only
from ._startup import START_SCRIPTS, entrypoint, image_user_root, runs_start_sh

RULE = Rule(
    "HUB304",
    "root-only-variables",
    "warning",
    "Root-only docker-stacks variables are set where nothing acts on them",
    takes=(IMAGE, CONFIG),
)

_SWITCHES = ("GRANT_SUDO", "CHOWN_HOME", "CHOWN_EXTRA")
_IDENTITY = ("NB_USER", "NB_UID", "NB_GID")
_STOCK = {"NB_USER": "jovyan", "NB_UID": "1000", "NB_GID": "100"}


class _Var(NamedTuple):
    name: str
    value: str
    setting: Setting | None  # the deployment's (None: the image's ENV)


def _acts(name: str, value: str, image_value: str | None) -> bool:
    """Would start.sh (as root) act on this value?  GRANT_SUDO and CHOWN_HOME only take ``1``/``yes``; an
    identity variable acts when it changes what the image has."""
    if name in ("GRANT_SUDO", "CHOWN_HOME"):
        return value.strip() in ("1", "yes")
    if name == "CHOWN_EXTRA":
        return bool(value.strip())
    return value.strip() not in (_STOCK[name], image_value)


def _shown(found: list[_Var]) -> str:
    names = [f"`{v.name}`" for v in found]
    return ", ".join(names[:3]) + (", …" if len(names) > 3 else "")


def _old_kubespawner(options) -> bool:
    """A Hub older than 2.0: KubeSpawner before 2.0 (z2jh before 2.0) did not turn privilege escalation off."""
    from ..image.pep440 import version
    from ._common import hub_version

    known = hub_version(options)
    return known is not None and known[1] < version("2")


def _judge(found, start, root, platform, escalation) -> tuple[str, str] | None:
    """(the fault: ``no-start`` / ``not-root`` / ``no-sudo``, its detail) for variables that act, given whether
    start.sh runs, whether the container starts as root and (Kubernetes) privilege escalation."""
    if not found:
        return None
    if start is False:
        return "no-start", ""
    if root is False:
        return "not-root", ""
    sudo = any(v.name == "GRANT_SUDO" for v in found)
    if root and start and sudo and platform == "kubernetes" and escalation is not None and escalation.value is False:
        return "no-sudo", ""
    return None


def _messages(kind: str, names: str, who: str, platform: str | None, escalation: Setting | None):
    if kind == "not-root":
        how = (
            "z2jh `singleuser.uid: 0` or KubeSpawner `uid = 0`"
            if platform == "kubernetes"
            else "DockerSpawner `extra_create_kwargs = {'user': 'root'}`"
            if platform == "docker"
            else "the spawner's user setting"
        )
        return (
            f"start.sh acts on {names} only when the container starts as root; it starts as {who}",
            f"start it as root ({how}): start.sh then switches to NB_USER",
        )
    if kind == "no-start":
        return (
            f"{names}: only docker-stacks' start.sh acts on them, and it never runs in this container",
            "start the server through start.sh (a spawner cmd `start-singleuser.sh`), or do this in the Dockerfile",
        )
    where = escalation.where() if escalation is not None else ""
    return (
        "`GRANT_SUDO` cannot work: sudo needs privilege escalation, which the deployment leaves off",
        f"set `singleuser.allowPrivilegeEscalation: true` (z2jh) or KubeSpawner `allow_privilege_escalation` ({where})",
    )


# ---------------------------------------------------------------------- an image of the repository
def _image_vars(inp: ImageInput, server: ServerSpec | None) -> tuple[list[tuple[object, list[_Var]]], list[_Var]]:
    """The acting variables of the image's ENV (grouped by ENV step) and of the deployment."""
    info = inp.image.base_info
    docker_stacks = info is not None and info.docker_stacks
    own: dict[int, tuple[object, list[_Var]]] = {}  # ENV line -> (its step, its variables)
    for name in _SWITCHES if docker_stacks else ():
        if server is not None and server.variable(name) is not None:
            continue  # the deployment's value replaces it
        value, step = inp.image.final_env(name)
        if step is not None and value is not None and is_known(value) and _acts(name, value, None):
            own.setdefault(step.instruction.start_line, (step, []))[1].append(_Var(name, value, None))
    deployed = []
    for name, setting in server.env if server is not None else ():
        if name not in _SWITCHES + _IDENTITY or not isinstance(setting.value, str):
            continue
        if name in _IDENTITY:
            image_value, _ = inp.image.final_env(name)
            if not docker_stacks or image_value is None or not is_known(image_value):
                continue
            if name == "NB_UID" and server is not None and _same_uid(setting.value, server.user):
                continue
            if not _acts(name, setting.value, image_value):
                continue
        elif not _acts(name, setting.value, None):
            continue
        deployed.append(_Var(name, setting.value, setting))
    return [own[line] for line in sorted(own)], deployed


def _same_uid(value: str, user: Setting | None) -> bool:
    """NB_UID equal to the uid the container runs as: start.sh has nothing to change."""
    return user is not None and str(user.value).split(":", 1)[0] == value.strip()


def _start(inp: ImageInput, deployed: bool) -> bool | None:
    """Does start.sh (or, on another known base, anything that could act) run?"""
    info = inp.image.base_info
    if info is None:
        return None
    if info.docker_stacks:
        return runs_start_sh(inp)
    if not deployed:
        return None
    from ..image.launchers import classify_argv
    from ._startup import command

    ent, _ = entrypoint(inp)
    argv = command(inp)
    if ent is None or argv is None or not argv:
        return None
    if any(w.rsplit("/", 1)[-1] in START_SCRIPTS for w in ent + argv):
        return None
    if classify_argv(ent + argv) not in ("launcher", "server"):
        return None  # a script or program that may read them
    return False


def _who(user: Setting) -> str:
    if user.value == OWN_UID:
        return "each user's own uid"
    value = str(user.value).split(":", 1)[0]
    return f"uid {value}" if value.isdigit() else f"`{value}`"


def _root(inp: ImageInput, server: ServerSpec | None) -> tuple[bool | None, str, str, str | None]:
    """(does the container start as root, who it starts as, where that is decided, the confidence: "weak" when no
    deployment in view says how it is started)."""
    user = server.user if server is not None else None
    if user is not None and user.value is not None:
        return is_root(user), _who(user), user.where(), scope_only(inp)
    root, who = image_user_root(inp)
    # a spawner hublint does not know (nor its platform) may set the user itself
    known = server is not None and server.platform is not None
    return root, who, "the image", scope_only(inp) if known else "weak"


def check(inp: ImageInput) -> Iterator[Hit]:
    info = inp.image.base_info
    if info is None:
        return  # what an unknown base does with them is not known
    if info.docker_stacks and entrypoint(inp)[1] is not None:
        return  # an ENTRYPOINT that replaces start.sh: HUB406
    server = inp.facts.server if inp.facts is not None else None
    own, deployed = _image_vars(inp, server)
    if not own and not deployed:
        return
    start = _start(inp, bool(deployed))
    if not info.docker_stacks and start is not False:
        return  # another base: only "nothing runs that could act on them" is judged
    root, who, decided, confidence = _root(inp, server)
    platform = server.platform if server is not None else None
    escalation = server.privilege_escalation if server is not None and not _old_kubespawner(inp) else None
    groups: list[tuple[object, list[_Var]]] = [*own, *([(None, deployed)] if deployed else [])]
    for step, found in groups:
        fault = _judge(found, start, root, platform, escalation)
        if fault is None:
            continue
        message, help = _messages(fault[0], _shown(found), who, platform, escalation)
        if fault[0] == "not-root" and decided != "the image":
            help = f"{who} comes from {decided}; {help}"
        if step is None:
            places = sorted({v.setting.where() for v in found if v.setting is not None})
            anchor = inp.image.missing_anchor
            help = f"set in {', '.join(places[:2])}; {help}"
        else:
            ins = step.instruction  # type: ignore[attr-defined]
            at = ins.original.find(found[0].name)
            anchor = inp.image.span(ins, at, at + len(found[0].name)) if at >= 0 else inp.image.keyword_span(ins)
        weak = confidence if fault[0] == "not-root" else scope_only(inp) if step is None else None
        yield Hit(message, *anchor, help=help, confidence=weak)


# ---------------------------------------------------------------------- a deployment file and a known image
def check_config(inp: ConfigInput) -> Iterator[Hit]:
    own = own_spec(inp)
    server = inp.facts.server if inp.facts is not None else None
    applied = server if server is not None else own
    found = []
    for name, setting in own.env:
        if name not in _SWITCHES + _IDENTITY or not isinstance(setting.value, str):
            continue
        if kept(inp, setting, "env", name):
            found.append(_Var(name, setting.value, setting))
    if not found:
        return
    for image, _ref, info in known_spawn_images(inp):
        if not info.docker_stacks:
            continue
        acting = [
            v
            for v in found
            if _acts(v.name, v.value, info.env.get(v.name))
            and not (v.name == "NB_UID" and _same_uid(v.value, applied.user))
        ]
        start = _known_start(info, applied)
        if applied.user is not None and applied.user.value is not None:
            root, who, decided = is_root(applied.user), _who(applied.user), applied.user.where()
        else:
            root, who, decided = (info.user in ("root", "0")) if info.user else None, f"`{info.user}`", ""
        escalation = applied.privilege_escalation if not _old_kubespawner(inp) else None
        fault = _judge(acting, start, root, applied.platform, escalation)
        if fault is None:
            continue
        message, help = _messages(fault[0], _shown(acting), who, applied.platform, escalation)
        if fault[0] == "not-root" and decided:
            help = f"{who} comes from {decided}; {help}"
        help = f"spawn image `{clip_ref(image.ref)}`: {help}"
        first = acting[0].setting
        assert first is not None and first.span is not None
        yield Hit(message, *first.span, help=help)
        return  # one finding for the file's variables


def _known_start(info, server: ServerSpec) -> bool | None:
    """Does start.sh run in a known docker-stacks image started by this deployment?"""
    import posixpath

    if any(posixpath.basename(w) == "start.sh" for w in info.entrypoint or ()):
        return True
    cmd = server.cmd
    argv = cmd.value if cmd is not None and cmd.value is not None else info.cmd
    if not isinstance(argv, (tuple, list)) or not all(isinstance(w, str) for w in argv):
        return None
    return any(posixpath.basename(w) in START_SCRIPTS for w in argv)
