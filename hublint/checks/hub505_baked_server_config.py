"""HUB505 baked-server-config: the image sets what the Hub must control — in a server config file it ships, or
on the CMD's command line.

What wins, from `jupyterhub/singleuser/extension.py` (jupyterhub ≥ 4): the extension derives ip, port and
base_url from `JUPYTERHUB_SERVICE_URL` and `JUPYTERHUB_SERVICE_PREFIX` and puts them above config files, but
command-line options are merged above its own (`load_config_file`: "CLI should come before env"), and
`get_default_url` takes a `default_url` from config files first ("explicit via _user_ config"), before the Hub's
`JUPYTERHUB_DEFAULT_URL`. Disabling the `jupyterhub` server extension (`jpserver_extensions`) leaves a server
that cannot talk to the Hub (jupyterhub #4859). Config files are read with `ast` / `json`, never executed."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from ..dockerfile.expand import is_known
from ..image.cmdcheck import launch_facts, step_argvs
from ..image.contextfiles import locate_in_context, workdirs
from ..image.launchers import classify_argv
from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import every_hub_below
from ._suggest import python_cap

RULE = Rule("HUB505", "baked-server-config", "warning", "The image sets server options the Hub must control")

_NAMES = (
    "jupyter_server_config.py",
    "jupyter_server_config.json",
    "jupyter_notebook_config.py",
    "jupyter_notebook_config.json",
    "jupyter_config.py",
    "jupyter_config.json",
)
_APPS = ("ServerApp", "NotebookApp")
_NET = ("ip", "port", "base_url")
_CLI = pattern(r"--(?:(?:ServerApp|NotebookApp)\.)?(ip|port|base_url|default_url)(?==|\Z)")


def _dirs(inp: ImageInput) -> list[str]:
    conda, _ = inp.image.final_env("CONDA_DIR")
    home, _ = inp.image.final_env("HOME")
    out = ["/etc/jupyter", "/usr/local/etc/jupyter", f"{conda or '/opt/conda'}/etc/jupyter"]
    out.append(f"{home if home and is_known(home) else '/home/jovyan'}/.jupyter")
    return [d for d in dict.fromkeys(out) if is_known(d)]


def _settings_py(text: str) -> dict[tuple[str, str], object]:
    """(class, trait) -> value of `c.Class.trait = value` (and `c.Class.jpserver_extensions[...] = ...`)."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    out: dict[tuple[str, str], object] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            sub_key = None
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                sub_key, target = target.slice.value, target.value
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Attribute)
                and isinstance(target.value.value, ast.Name)
                and target.value.value.id == "c"
            ):
                try:
                    value = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, RecursionError):
                    value = ...
                key = (target.value.attr, target.attr)
                if sub_key is not None:
                    value = {sub_key: value}
                out[key] = value
    return out


def _settings_json(text: str) -> dict[tuple[str, str], object]:
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        (cls, trait): value
        for cls, section in data.items()
        if isinstance(section, dict)
        for trait, value in section.items()
    }


def _subclass_mode(inp: ImageInput) -> bool:
    """Is the image's jupyterhub known to be < 4 (the single-user app reads its config files last)?"""
    hub = inp.image.hub
    return hub is not None and hub.versions is not None and hub.versions.below_major(4)


def _hub_passes_ip_port(inp: ImageInput) -> bool:
    """Does a baked ip or port override nothing the Hub sets?  A Hub before 2.0 starts servers with ``--ip``/``--port``
    on their command line (``Spawner.get_args``: jupyterhub #3381), which beats config files; a single-user server
    older than 2.0 (the image's jupyterhub below 2) takes them from there or, under a newer Hub that passes none,
    from nothing the Hub sets.  Else the Hub's version decides; without one, an unpinned jupyterhub the image's
    Python cannot install at 2.0 (:func:`._suggest.python_cap`)."""

    hub = inp.image.hub
    if hub is not None and hub.versions is not None and hub.versions.below_major(2):
        # a single-user server older than 2.0 takes ip and port from that command line, or — under a newer Hub,
        # which passes none — from nothing the Hub sets: a baked one overrides nothing (the mismatch is HUB204's)
        return True
    if inp.hub_version:  # a range passes them only when its every version does
        return every_hub_below(inp.hub_version, 2)
    cap = python_cap(inp)
    return cap is not None and cap.major < 2


def _problems(
    settings: dict, subclass: bool, deployment_url: str | None, cli_net: bool = False
) -> list[tuple[str, str, str]]:
    """(what is set, why it matters, what to do) for the settings the Hub must control (a default URL equal to the
    one the deployment sets does no harm; ``cli_net``: the Hub passes ip and port on the command line)."""
    out = []
    for app in _APPS:
        if (app, "default_url") in settings and settings[(app, "default_url")] != deployment_url:
            out.append(
                (
                    f"{app}.default_url",
                    "it wins over the Hub's `Spawner.default_url`",
                    "remove it: the deployment sets the default URL (`Spawner.default_url`)",
                )
            )
        exts = settings.get((app, "jpserver_extensions"))
        if isinstance(exts, dict) and exts.get("jupyterhub") is False:
            out.append(
                (
                    f"{app}.jpserver_extensions",
                    "it disables the `jupyterhub` extension",
                    "keep `jupyterhub` enabled: remove it from `jpserver_extensions`",
                )
            )
        if subclass:
            for trait in _NET:
                if (app, trait) in settings and not (cli_net and trait in ("ip", "port")):
                    if trait == "port" and str(settings[(app, trait)]) == "8888":
                        continue  # the port DockerSpawner and KubeSpawner give by default
                    out.append(
                        (
                            f"{app}.{trait}",
                            "jupyterhub < 4 takes it over the Hub's",
                            "remove it: the Hub sets ip, port and base URL for each server",
                        )
                    )
    return out


def _copies_into(inp: ImageInput, steps, cwds, dirs: list[str]) -> list[str]:
    """The config folders some COPY/ADD of the chain may write into (a destination in, above or unknown)."""
    from ..dockerfile.expand import expand

    hit = []
    for i, step in enumerate(steps):
        ins = step.instruction
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from"):
            continue
        words = list(ins.value) if ins.json else ins.args.split()
        if len(words) < 2:
            continue
        dest = expand(words[-1], step.env, inp.image.dockerfile.escape)
        if not is_known(dest) or not is_known(cwds[i]):
            return dirs  # cannot tell: look everywhere
        full = posixpath.normpath(posixpath.join(cwds[i], dest))
        for d in dirs:
            if d not in hit and (full == d or d.startswith(full.rstrip("/") + "/") or full.startswith(d + "/")):
                hit.append(d)
    return hit


def check(inp: ImageInput) -> Iterator[Hit]:
    steps = inp.image.chain_steps
    esc = inp.image.dockerfile.escape
    cwds = workdirs(steps, esc)
    subclass = _subclass_mode(inp)
    for directory in _copies_into(inp, steps, cwds, _dirs(inp)):
        for name in _NAMES:
            path = posixpath.join(directory, name)
            full = locate_in_context(path, steps, len(steps), cwds, esc, inp.image.context_dir)
            text = inp.image.read_file(full)
            if text is None:
                continue
            settings = _settings_json(text) if name.endswith(".json") else _settings_py(text)
            found = _problems(settings, subclass, _deployment_url(inp), subclass and _hub_passes_ip_port(inp))
            if _no_hub_url(inp):  # its deployment sets none: the image's is the only default URL
                found = [p for p in found if not p[0].endswith(".default_url")]
            if not found:
                continue
            step = _provider(inp, path, full, steps, cwds)
            for what, why, help in found:
                yield Hit(
                    f"`{path}` sets `{what}`: {why}",
                    *(inp.image.keyword_span(step.instruction) if step is not None else inp.image.missing_anchor),
                    help=help,
                    confidence=_net_confidence(inp) if what.endswith((".ip", ".port")) else None,
                )
    yield from _cli(inp)


def _net_confidence(inp: ImageInput) -> str | None:
    """Whether a baked ip or port wins rests on the Hub's version (a Hub before 2.0 passes its own on the command
    line): as sure as where that version comes from."""
    return "weak" if inp.hub_version and inp.hub_certainty == "weak" else None


def _no_hub_url(inp: ImageInput) -> bool:
    """Do the configurations that apply to the image (that spawn it, else that enclose it) set no default URL
    (`Spawner.default_url`, z2jh `singleuser.defaultUrl`) at all — not even to a value hublint cannot read?"""
    facts = inp.facts
    return facts is not None and facts.configured and facts.default_url is None and facts.default_url_where is None


def _deployment_url(inp: ImageInput) -> str | None:
    facts = inp.facts
    return facts.default_url if facts is not None else None


def _provider(inp: ImageInput, path: str, full: str | None, steps, cwds):
    esc = inp.image.dockerfile.escape
    for i in range(len(steps) - 1, -1, -1):
        if locate_in_context(path, steps, i, cwds, esc, inp.image.context_dir) != full:
            return steps[i]
    return None


def _cli(inp: ImageInput) -> Iterator[Hit]:
    launch = launch_facts(inp.image)
    if launch.cmd is None or launch.verdict != "launcher":
        return
    # before JupyterHub 2.0 the Hub gave ip and port on the server's command line itself: those are not overridden
    old = _hub_passes_ip_port(inp)
    ins = launch.cmd.instruction
    for argv in step_argvs(launch.cmd):
        if classify_argv(argv) != "launcher":
            continue
        for word in argv[1:]:
            m = _CLI.match(word)
            if m is None:
                continue
            if m.group(1) == "default_url" and word.partition("=")[2] == _deployment_url(inp):
                continue  # the deployment asks for the same
            if m.group(1) == "port" and word.partition("=")[2] == "8888":
                continue  # DockerSpawner's and KubeSpawner's own default port
            if old and m.group(1) in ("ip", "port"):
                continue
            yield Hit(
                f"the CMD sets `{word.split('=', 1)[0]}`, which beats what the Hub gives the server",
                *inp.image.span(ins, ins.args_offset, ins.args_offset + len(ins.args)),
                help="drop it: the Hub sets ip, port, base URL and default URL for each server",
            )
            return
