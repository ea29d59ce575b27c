"""The Hub configuration a Hub is started with, whatever its file name.

``jupyterhub -f PATH`` / ``--config PATH`` / ``--config=PATH`` — in a compose Hub service's ``command`` or
``entrypoint`` (also inside ``sh -c "…"``), or in the CMD/ENTRYPOINT of the Dockerfile the service builds — names the
configuration; without it, the Hub reads ``jupyterhub_config.py`` in its working directory.  The path inside the
container is mapped back to a file of the repository through the service's bind mounts (``./config/x.py:/etc/x.py``,
or a folder mounted above it) or the Dockerfile's COPY/ADD from its build context.  The file found is read as a Hub
configuration (kind ``hub-config``) of that service's deployment.  A Hub image started without ``-f`` that copies a
file in as ``jupyterhub_config.py`` is started with that file, whatever its name in the repository.  A shell script of
the repository that starts a Hub with ``-f PATH`` names a file beside it (a relative PATH, from the script's folder)
that reads as a Hub configuration.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex

from ..lazy import pattern
from ..records import TYPE_CHECKING

if TYPE_CHECKING:
    from ..deployment.compose import Service
    from .graph import Deployment

__all__ = ["started_hub_configs", "config_argument", "mounted_source"]


def config_argument(argv: list[str]) -> str | None:
    """The ``-f``/``--config`` value after a ``jupyterhub`` program in ``argv`` (words holding a shell script —
    ``sh -c "…"`` — are split and searched too)."""
    words: list[str] = []
    for w in argv[:200]:
        if any(c.isspace() for c in w):
            try:
                words += shlex.split(w, comments=True)
            except ValueError:
                words += w.split()
        else:
            words.append(w)
    seen = False
    for i, w in enumerate(words):
        if posixpath.basename(w) == "jupyterhub":
            seen = True
            continue
        if not seen:
            continue
        if w in ("&&", ";", "||", "|"):
            seen = False
            continue
        if w in ("-f", "--config") and i + 1 < len(words):
            return words[i + 1]
        if w.startswith("--config="):
            return w.split("=", 1)[1]
        if w.startswith("-f") and len(w) > 2 and not w.startswith("--"):
            return w[2:]
    return None


def mounted_source(svc: Service, container_path: str) -> str | None:
    """The repository file a bind mount of the service puts at ``container_path`` (absolute), if any."""
    folder = os.path.dirname(svc.path)
    for vol in svc.volumes:
        parts = vol.split(":")
        if len(parts) < 2:
            continue
        src, dst = parts[0], parts[1]
        if not src or not src.startswith((".", "/")) or not dst.startswith("/"):
            continue  # a named volume
        source = os.path.normpath(os.path.join(folder, src))
        dst = posixpath.normpath(dst)
        if container_path == dst:
            return source
        if container_path.startswith(dst.rstrip("/") + "/"):
            return os.path.normpath(os.path.join(source, container_path[len(dst.rstrip("/")) + 1 :]))
    return None


def _dockerfile_argv(dep: Deployment, svc: Service) -> tuple[list[str], object] | None:
    """The CMD (after the ENTRYPOINT) of the Dockerfile the service builds, and its analysis."""
    if svc.build is None or svc.build.dockerfile is None:
        return None
    for unit in dep.units_of(svc.build.dockerfile):
        img = dep.analysis(unit)
        if img is not None:
            return _argv(img), img
    return None


def _argv(img) -> list[str]:
    """An image's ENTRYPOINT then CMD, as words (a shell form is one word: :func:`config_argument` splits it)."""
    argv: list[str] = []
    launch = img.launch
    for step in (launch.entrypoint, launch.cmd):
        if step is None:
            continue
        ins = step.instruction
        if ins.json:
            argv += [str(v) for v in ins.value]
        else:
            argv.append(ins.args)
    return argv


def _copied_source(img, container_path: str) -> str | None:
    """The build-context file the image's COPY/ADD put at ``container_path``."""
    from ..image.contextfiles import locate_in_context, workdirs

    steps = img.chain_steps
    esc = img.dockerfile.escape
    return locate_in_context(container_path, steps, len(steps), workdirs(steps, esc), esc, img.context_dir)


def started_hub_configs(dep: Deployment) -> None:
    """Each Hub service's configuration files (``dep.hub_service_configs``); those discovery did not find by name
    become Hub configurations of the deployment (``dep.files``)."""
    known = {p for p, _ in dep.files}
    for svc in dep.hub_services:
        found: set[str] = set()
        folder = os.path.dirname(svc.path)
        for vol in svc.volumes:  # the default: jupyterhub_config.py mounted into the Hub's working directory
            src = vol.split(":")[0]
            if src.endswith("jupyterhub_config.py"):
                found.add(os.path.normpath(os.path.join(folder, src)))
            elif src.startswith((".", "/")):  # a bind-mounted folder holding the configuration
                found.add(os.path.normpath(os.path.join(folder, src, "jupyterhub_config.py")))
        named = config_argument(svc.runs())
        image = _dockerfile_argv(dep, svc)
        if named is None and image is not None:
            named = config_argument(image[0])
        if named is not None and posixpath.isabs(named):
            path = mounted_source(svc, posixpath.normpath(named))
            if path is None and image is not None:
                path = _copied_source(image[1], posixpath.normpath(named))
            if path is not None:
                found.add(os.path.abspath(path))
        found = {p for p in found if p.endswith(".py") and dep.inside(p) and os.path.isfile(p)}
        dep.hub_service_configs[(svc.path, svc.name)] = found
        for path in sorted(found - known):
            dep.files.append((path, "hub-config"))
            known.add(path)
    built = {svc.build.dockerfile for svc in dep.hub_services if svc.build is not None}
    for unit in list(dep.units.values()):  # a Hub image no compose service builds: its own CMD, through COPY
        is_hub = unit.own_role.role == "hub" or any(b.purpose == "hub" for b in unit.built)
        img = dep.analysis(unit) if is_hub and unit.path not in built else None
        named = config_argument(_argv(img)) if img is not None else None
        path = _copied_source(img, posixpath.normpath(named)) if named and posixpath.isabs(named) else None
        paths = [path] if path is not None else _copied_configs(img) if img is not None and named is None else []
        for path in paths:
            if path.endswith(".py") and dep.inside(path) and os.path.isfile(path):
                path = os.path.abspath(path)
                if path not in known:
                    dep.files.append((path, "hub-config"))
                    known.add(path)
    _script_configs(dep, known)


def _script_configs(dep: Deployment, known: set[str]) -> None:
    """A shell script of the repository that starts a Hub with ``-f PATH`` / ``--config PATH`` (``jupyterhub -f
    config.py``; ``$JHUB -f config.py`` with the program in a variable) names its Hub configuration: a relative
    PATH from the script's folder, when that file is there and reads as one (``get_config()`` and a setting of
    JupyterHub, a spawner or an authenticator)."""
    for path, kind in list(dep.files):
        if kind != "build-script" or not path.endswith((".sh", ".bash")):
            continue
        text = dep.sources.text(path) or ""
        if "-f" not in text and "--config" not in text:
            continue
        for line in text.splitlines()[:2000]:
            m = _CONFIG_OPTION.search(line.partition(" #")[0][:1000])  # a comment is no command
            if m is None or line.lstrip().startswith("#"):
                continue
            found = os.path.abspath(os.path.join(os.path.dirname(path), m.group(1)))
            if found in known or not dep.inside(found) or not os.path.isfile(found):
                continue
            config = dep.sources.text(found) or ""
            if "get_config()" in config and _HUB_SETTING.search(config):
                dep.files.append((found, "hub-config"))
                known.add(found)


# `jupyterhub [options] -f X.py`, or the program in a variable (`$JHUB -f X.py`, `${JHUB} --config=X.py`)
_CONFIG_OPTION = pattern(
    r"(?:^|[\s;&|(])(?:[\w./-]*/)?(?:jupyterhub|\$\{?\w+\}?)\s+(?:[^\s;&|#]+\s+)*?(?:-f|--config)[=\s]+['\"]?([\w./-]+\.py)\b"
)
_HUB_SETTING = pattern(r"^[ \t]*c\.(?:JupyterHub|\w*Spawner|\w*Authenticator)\.\w+[ \t]*=", re.M)


def _copied_configs(img) -> list[str]:
    """The build-context files a Hub image started without ``-f`` copies in as ``jupyterhub_config.py`` (``COPY
    hub_config.py /srv/jupyterhub_config.py``): the Hub reads that name, whatever the file is called here."""
    from ..image.contextfiles import copied_as, workdirs

    steps = img.chain_steps
    esc = img.dockerfile.escape
    found = [_copied_source(img, dest) for dest in copied_as("jupyterhub_config.py", steps, workdirs(steps, esc), esc)]
    return [p for p in found if p is not None]
