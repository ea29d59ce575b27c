"""How a spawned container starts: its ENTRYPOINT, the command after it (the spawner's, else the image's CMD),
whether docker-stacks' ``start.sh`` runs, the user it starts as and whether it leaves root before the server
starts — shared by HUB301, HUB302, HUB304 and HUB411."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence

from ..dockerfile.expand import is_known
from ..image.cmdcheck import copied_by, step_argvs
from ..lazy import pattern
from ..lint.inputs import ImageInput
from ..records import TYPE_CHECKING
from ._common import clip, last_user

if TYPE_CHECKING:
    from ..dockerfile.model import Step

__all__ = [
    "entrypoint",
    "command",
    "runs_start_sh",
    "runs_ssh_daemon",
    "cmd_unknown",
    "CMD_UNKNOWN",
    "image_user_root",
    "leaves_root",
    "ROOT",
    "START_SCRIPTS",
]

# docker-stacks' scripts that run start.sh: the launchers exec it in images built before start.sh became the
# ENTRYPOINT (knowledge.START_SH_ENTRYPOINT); runs_start_sh asks for them only where the base's ENTRYPOINT has
# no start.sh, i.e. in those images
START_SCRIPTS = frozenset(
    {"start.sh", "start-notebook.sh", "start-singleuser.sh", "start-notebook.py", "start-singleuser.py"}
)


def entrypoint(inp: ImageInput) -> tuple[list[str] | None, Step | None]:
    """(the final image's ENTRYPOINT as an argv, the chain step that sets it — None: the base's); the argv is None
    when it is not known (an unknown base, a shell form)."""
    ent = inp.image.launch.entrypoint
    if ent is not None:
        ins = ent.instruction
        return (list(ins.value) if ins.json else None), ent
    info = inp.image.base_info
    if info is None:
        return None, None
    return list(info.entrypoint or ()), None


def command(inp: ImageInput) -> list[str] | None:
    """The command the ENTRYPOINT receives: the spawner's (DeploymentFacts.spawner_cmd), else the image's CMD
    (none after an ENTRYPOINT that resets it); None when not known (a shell-form CMD, an unknown base, a spawner
    command given only as a setting)."""
    facts = inp.facts
    if facts is not None and facts.spawner_cmd is not None:
        argv = list(facts.spawner_cmd)
        return argv if all(isinstance(w, str) and "\uffff" not in w for w in argv) else None
    if inp.spawner_cmd:
        return None  # --spawner-cmd: the deployment's command, not known here
    launch = inp.image.launch
    cmd = launch.cmd
    if cmd is not None:
        if launch.entrypoint is not None and not launch.cmd_after_entrypoint:
            return []  # an ENTRYPOINT after the CMD resets it
        return list(cmd.instruction.value) if cmd.instruction.json else None
    if launch.entrypoint is not None:
        return []
    info = inp.image.base_info
    return list(info.cmd) if info is not None and info.cmd is not None else None


def runs_start_sh(inp: ImageInput) -> bool | None:
    """Does docker-stacks' start.sh run when the container starts?  None when it cannot be told (an ENTRYPOINT
    set in the Dockerfile is HUB406's to judge)."""
    info = inp.image.base_info
    if info is None or not info.docker_stacks:
        return None
    ent, step = entrypoint(inp)
    if step is not None or ent is None:
        return None
    if any(posixpath.basename(w) == "start.sh" for w in ent):
        return True
    argv = command(inp)
    if argv is None:
        return None
    return any(posixpath.basename(w) in START_SCRIPTS for w in argv)


def image_user_root(inp: ImageInput) -> tuple[bool | None, str]:
    """(does the image's own user — its last USER, else its base's — run as root, how to show that user)."""
    step, user = last_user(inp)
    if step is not None:
        if user is None or not is_known(user):
            return None, ""
        name = user.split(":", 1)[0]
        return name in ("root", "0"), f"USER `{user}`"
    info = inp.image.base_info
    if info is None or info.user is None:
        return None, ""
    return info.user in ("root", "0"), f"the base's user `{info.user}`"


ROOT = ("root", "0")
# an SSH daemon as the container's program: a host a Hub reaches over SSH (SSHSpawner's remote hosts), which
# starts each server in a login of its user; the image's CMD is not the server's command
SSH_DAEMONS = frozenset({"sshd", "dropbear"})
# process supervisors: they run as root and start the services the build copies in, each as its own user
# (s6-overlay's /init and s6-svscan, supervisord, runit's runsvdir, systemd)
SUPERVISORS = frozenset({"s6-svscan", "supervisord", "runsvdir", "systemd"})
SUPERVISOR_PATHS = frozenset({"/init", "/sbin/init", "/usr/sbin/init"})


def runs_ssh_daemon(inp: ImageInput) -> bool:
    """Is the container's program an SSH daemon (:func:`_programs`)?"""
    return any(posixpath.basename(p) in SSH_DAEMONS for p in _programs(inp))


def runs_supervisor(inp: ImageInput) -> str | None:
    """The process supervisor the container's program is (:func:`_programs`), or None."""
    return next((p for p in _programs(inp) if p in SUPERVISOR_PATHS or posixpath.basename(p) in SUPERVISORS), None)


def _programs(inp: ImageInput) -> Iterator[str]:
    """The programs the container may start: of the command, else the ENTRYPOINT, after wrappers; shell forms
    read as the shell reads them."""
    from ..image.cmdcheck import step_argvs
    from ..image.launchers import strip_wrappers

    launch = inp.image.launch
    ent, _ = entrypoint(inp)
    argvs = [command(inp), ent]
    spawner_cmd = inp.facts is not None and inp.facts.spawner_cmd is not None
    for step in (None if spawner_cmd else launch.cmd, launch.entrypoint):
        if step is not None and not step.instruction.json:
            argvs += step_argvs(step)
    for argv in argvs:
        args = strip_wrappers(argv or ())
        if args:
            yield args[0]


def _assignment(word: str) -> bool:
    """Is a command's word a ``NAME=value`` it sets for the program after it?"""
    return "=" in word and not word.startswith(("-", "/"))


def _after_init(argv: Sequence[str]) -> list[str]:
    """``argv`` without the leading ``tini``/``dumb-init``/``env``/``exec`` (and their options and assignments)."""
    args = list(argv)
    while args and posixpath.basename(args[0]) in ("tini", "tini-static", "dumb-init", "env", "exec"):
        args = args[args.index("--") + 1 :] if "--" in args else args[1:]
        while args and (args[0].startswith("-") or _assignment(args[0])):
            args = args[1:]
    return args


def _switch(argv: Sequence[str]) -> tuple[str, str] | None:
    """(the program, the user) when ``argv`` — after the leading ``tini``/``dumb-init``/``env``/``exec`` — starts with
    a program that runs its command as a user who is not root (``gosu jovyan``, ``sudo -u jovyan``)."""
    from ..image.launchers import switched_user

    found = switched_user(_after_init(argv))
    if found is None:
        return None
    program, user, rest = found
    if not user or "$" in user or (program == "su" and not rest):  # su without -c runs a shell, not the server
        return None
    name = user.split(":", 1)[0]
    if name.startswith("#"):  # sudo's `#UID`
        name = name[1:]
    return None if name in ROOT else (program, user)


_SCRIPT_LEAD = frozenset({"then", "else", "do", "!", "{"})
_HANDED = ("$@", "$*", "\ufffe$@")
_WHOLE_ARRAY = pattern(r'"?\$\{\w+\[[@*]\]\}"?')
_LOOKUPS = 512  # distinct programs a switch-of-user search looks up in the build context
_SCRIPT_BYTES = 1_000_000  # and characters of scripts it reads, in all
_SCRIPT_SIZE = 200_000  # a longer script is no start script: not read


class _Search:
    """One search for a start script's switch of user: the programs looked up and the scripts read so far, each
    once (a script that runs another on every line, or names one file a thousand ways), within bounds."""

    def __init__(self, img) -> None:
        from ..image.cmdcheck import program_file

        self.img, self.find = img, program_file(img)
        self.files: dict[str, str | None] = {}
        self.read: set[str] = set()
        self.budget = _SCRIPT_BYTES

    def done(self, prog: str) -> bool:
        """Was ``prog`` looked up already, and found nowhere or read?"""
        if prog not in self.files:
            return False
        full = self.files[prog]
        return full is None or full in self.read

    def script(self, prog: str) -> str | None:
        """The text of the build-context script at ``prog``, the first time it is asked for."""
        if prog not in self.files:
            self.files[prog] = self.find(prog) if len(self.files) < _LOOKUPS else None
        full = self.files[prog]
        if full is None or full in self.read:
            return None
        self.read.add(full)
        text = self.img.read_file(full)
        if text is None or len(text) > min(self.budget, _SCRIPT_SIZE):
            return None
        self.budget -= len(text)
        return text


def _script_switch(img, argv: Sequence[str], search: _Search | None = None, depth: int = 0):
    """(the program, the user) when the container's program is a script the build context holds (through a
    folder copy too, ``start.sh`` included) that hands the server to a user who is not root, as its last command
    or with ``exec`` (``exec gosu "$NB_USER" "$@"``, ``exec su $NB_USER -c "jupyterhub-singleuser …"``), directly
    or through scripts it runs that the context also holds (three deep).  A user the script names by a variable
    counts: the shell expands it, and such scripts switch to the notebook user."""
    from ..image.launchers import script_commands, strip_wrappers

    search = _Search(img) if search is None else search
    args = _after_init(argv)
    if args and posixpath.basename(args[0]) in ("sh", "bash", "dash") and len(args) > 1:
        args = args[1:]
    text = None
    for prog in dict.fromkeys([*args[:1], *strip_wrappers(args)[:1]]):  # a copied start.sh is read, not skipped
        text = search.script(prog)
        if text is not None:
            break
    if text is None:
        return None
    cmds = script_commands(text)
    for n, cmd in enumerate(cmds):
        words = cmd.words
        i = 0
        while i < len(words) and (words[i].value in _SCRIPT_LEAD or _assignment(words[i].value)):
            i += 1
        execs = i < len(words) and words[i].value == "exec"
        # a whole array expanded (`"${cmd[@]}"`, docker-stacks' start.sh: `cmd=( "$@" )`) is the command handed on
        values = ["$@" if _WHOLE_ARRAY.fullmatch(w.raw) else w.value for w in words[i + execs :]]
        if values[:1] in (["."], ["source"]):
            values = values[1:]  # `. /usr/local/bin/start.sh …`: the sourced script runs in this shell
        found = _handover(values)
        if found is None:
            if values and depth < 2 and not search.done(values[0]):
                nested = _script_switch(img, values, search, depth + 1)
                if nested is not None:
                    return nested
            continue
        if execs or n == len(cmds) - 1:  # the script ends there: nothing runs as root after it
            named = next((w.raw for w in words[i + 1 :] if w.value == found[1]), found[1])
            return found[0], named.strip("\"'")
    return None


def _handover(values: list[str]) -> tuple[str, str] | None:
    """(the program, the user) when a command runs the server, or the script's own arguments, as a user who is
    not root (a user named by a variable counts); None otherwise."""
    from ..image.launchers import classify_argv, script_runs_launcher, strip_wrappers, switched_user

    found = switched_user(values)
    if found is None:
        return None
    program, user, rest = found
    runs = strip_wrappers(rest)
    while runs and _assignment(runs[0]):
        runs = runs[1:]  # `sudo --user "$NB_USER" PATH="$PATH" … "$@"` (docker-stacks' start.sh)
    if len(runs) > 2 and posixpath.basename(runs[0]) in ("sh", "bash", "dash") and runs[1] == "-c":
        body = runs[2]  # `gosu jovyan bash -c "$*"`
        serves = any(h in body for h in _HANDED) or script_runs_launcher(body)
    else:
        serves = bool(runs) and (runs[0] in _HANDED or classify_argv(runs) in ("launcher", "server"))
    if user is None or not serves or user.split(":", 1)[0] in ROOT:
        return None
    return program, user


def _stacks_launcher(inp: ImageInput) -> str | None:
    """The docker-stacks launcher (``start-singleuser.sh``, ``start-notebook.sh``…, not one the Dockerfile copies)
    the container's command starts, on any base, when the ENTRYPOINT hands the command over (none, ``tini --``,
    or a script of the build context ending ``exec "$@"``): those launchers run start.sh, which switches to NB_USER
    when the container starts as root."""
    from ..image.cmdcheck import entrypoint_hands_over, program_file
    from ..image.launchers import strip_wrappers

    argv = strip_wrappers(command(inp) or ())
    name = posixpath.basename(argv[0]) if argv else ""
    if name not in START_SCRIPTS:
        return None
    find = program_file(inp.image)
    for own in (argv[0], "start.sh"):  # a launcher or a start.sh of the Dockerfile's own is not docker-stacks'
        base = posixpath.basename(own)
        if copied_by(inp.image, base) is not None or find(own) is not None:
            return None
        if any(s.instruction.keyword == "RUN" and base in s.instruction.args for s in inp.image.chain_steps):
            return None  # a RUN may write it
    step = inp.image.launch.entrypoint
    if step is not None and step.instruction.json and strip_wrappers(list(step.instruction.value)):
        if not entrypoint_hands_over(inp.image, step):
            return None
    elif step is not None and not step.instruction.json:
        return None  # a shell-form ENTRYPOINT drops the command
    return name


def leaves_root(inp: ImageInput) -> str | None:
    """How the container leaves root before the server starts, or None when nothing says it does: the enclosing
    deployment's spawner may decide the user (``DeploymentFacts.user_maybe_set_by``) or runs its pods as a uid that
    is not root (z2jh's ``singleuser.uid``, ``KubeSpawner.uid``), docker-stacks' own ``start.sh`` runs (not one
    the Dockerfile copies over it, and ``NB_USER`` is not set to root), its program is an SSH daemon (servers
    start in their users' logins) or a process supervisor (s6-overlay's ``/init``, ``supervisord``, ``runsvdir``:
    root by design, its services choose their users), or the ENTRYPOINT or the command starts with
    ``gosu``/``su-exec``/``s6-setuidgid``/``runuser -u``/``setpriv --reuid``/``sudo -u``/``chpst -u``/``su -c``
    naming a user that is not root (or is a script the build context holds that does, :func:`_script_switch`),
    or the ENTRYPOINT is an unknown base's (hublint cannot tell whether it hands the
    server to another user, as docker-stacks' start.sh and many in-house bases do)."""
    if inp.facts is not None and inp.facts.user_maybe_set_by is not None:
        return f"the spawner may run it as {clip(inp.facts.user_maybe_set_by[0], 45)}"
    uid = inp.facts.pods_uid if inp.facts is not None else None
    if uid is not None:  # the deployment around it runs its pods as that uid (z2jh: 1000)
        return f"its deployment runs pods as uid {uid}"
    nb_user, _ = inp.image.final_env("NB_USER")
    to_root = nb_user in ("root", "0")  # `ENV NB_USER root`: start.sh hands the server to root
    if runs_start_sh(inp) and copied_by(inp.image, "start.sh") is None and not to_root:
        info, (_, step) = inp.image.base_info, entrypoint(inp)
        by_cmd = any(posixpath.basename(w) in START_SCRIPTS for w in command(inp) or ())
        if step is None and not by_cmd and info is not None and info.built is None and inp.image.root is not None:
            # a digest or a tag hublint cannot date: its ENTRYPOINT is the family's current one only by guess
            # (older builds started the CMD without start.sh)
            base = clip(inp.image.root.image_raw, 40)
            return f"`{base}` (a build hublint cannot date) may run docker-stacks' start.sh, which drops root"
        return "docker-stacks' start.sh hands the server to NB_USER"
    launcher = _stacks_launcher(inp) if not to_root else None
    if launcher is not None:
        return f"docker-stacks' `{launcher}` runs start.sh, which hands the server to NB_USER"
    if runs_ssh_daemon(inp):
        return "its SSH daemon starts each server in a login of its user"
    supervisor = runs_supervisor(inp)
    if supervisor is not None:
        return f"its process supervisor `{clip(supervisor, 30)}` starts the services, which may drop root"
    ent, _ = entrypoint(inp)
    for argv in (ent, command(inp), *_shell_forms(inp)):
        found = _switch(argv or ()) or _script_switch(inp.image, argv or ())
        if found is not None:
            return f"`{found[0]}` hands the server to `{found[1]}`"
    if (
        inp.image.launch.entrypoint is None
        and inp.image.base_state in ("unknown", "unresolved")
        and inp.image.root is not None
    ):
        return f"its ENTRYPOINT, from the unknown base `{clip(inp.image.root.image_raw, 40)}`, may switch users"
    return None


def _shell_forms(inp: ImageInput) -> list[list[str]]:
    """The commands of a shell-form ENTRYPOINT, and of a shell-form CMD that runs (no spawner command replaces
    it, no later ENTRYPOINT resets it), each read as the shell reads its string."""
    launch = inp.image.launch
    steps = [launch.entrypoint] if launch.entrypoint is not None else []
    replaced = inp.spawner_cmd or (inp.facts is not None and inp.facts.spawner_cmd is not None)
    if launch.cmd is not None and not replaced and (launch.entrypoint is None or launch.cmd_after_entrypoint):
        steps.append(launch.cmd)
    return [a for s in steps if not s.instruction.json for a in step_argvs(s)]


# for a finding that rests on the spawner running the image's own CMD, when no deployment is in view
CMD_UNKNOWN = "no deployment in view: DockerSpawner and KubeSpawner run the image's CMD, z2jh its singleuser.cmd"


def cmd_unknown(inp: ImageInput) -> str | None:
    """The certainty of the premise "the spawner runs the image's CMD": "weak" when no configuration of a
    deployment applies to the image and no ``--spawner-cmd`` is declared — DockerSpawner and KubeSpawner run it
    unless ``cmd`` is set, zero-to-jupyterhub sets ``singleuser.cmd`` by default; None (certain) otherwise."""
    if inp.spawner_cmd or (inp.facts is not None and inp.facts.server is not None):
        return None
    return "weak"
