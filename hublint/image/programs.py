"""Programs an image has besides its Python packages — ``nodejs``, ``rstudio-server``, ``code-server``, a VNC
server — as far as hublint can tell: what its base has (:func:`hublint.image.knowledge.base_program`) and what
its build may install, read from the text of the ``RUN``, ``COPY`` and ``ADD`` instructions of the chain and its
feeders, the scripts they run that hublint can read, and the package installs it read.

The reading is lenient on purpose: any mention of a program (``apt-get install nodejs``, a nodesource script, a
``COPY --from=node:20``, ``conda install nodejs``) counts as installing it, so that a rule saying a program is
*missing* speaks only when nothing in the build could bring it.  Steps hublint cannot see into — an install it
cannot read, a script piped from the network or copied from the build context and unreadable — make the answer
unknown.
"""

from __future__ import annotations

import re
from functools import cache

from ..lazy import pattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .analysis import ImageAnalysis

__all__ = ["PROGRAMS", "has_program", "build_mentions", "build_texts"]

# program -> what in a build's text (or a package name) says it may be installed
PROGRAMS = {
    "nodejs": r"node|npm|nvm|yarn|volta|\bfnm\b",
    "rstudio-server": r"rstudio|rserver|rocker",
    "code-server": r"code-?server|code_server|openvscode|vscode-server|coder\.com|\bcoder/",
    "vncserver": r"vnc|websockify",
}

_PIPED = pattern(r"\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:/\S*/)?(?:ba|da|z|k)?sh\b")
_SHELLS = {"sh", "bash", "dash", "zsh", "ash", "ksh"}


@cache
def _pattern(program: str) -> re.Pattern:
    return re.compile(PROGRAMS[program], re.IGNORECASE)


def has_program(image: ImageAnalysis, program: str, ignoring: str | None = None) -> bool | None:
    """Does the final image have ``program``?  True when its build mentions it or its base has it; False when
    the base is known to lack it and nothing the build does could bring it; None when hublint cannot tell.
    ``ignoring``: a pattern of words that do not count as a mention (the launcher's own package name)."""
    from .knowledge import base_program

    texts, opaque = image.build_texts
    names = [i.name for i in image.installs.installs]
    if ignoring is not None:
        drop = re.compile(ignoring, re.IGNORECASE)
        texts, names = [drop.sub(" ", t) for t in texts], [drop.sub(" ", n) for n in names]
    found = _pattern(program)
    if any(found.search(t) for t in texts) or any(found.search(n) for n in names):
        return True
    base = base_program(image.base_info, program)
    if base is None or base:
        return base
    return None if opaque else False


def build_mentions(image: ImageAnalysis, regex: re.Pattern) -> bool:
    """Does the text of the build (its RUN, COPY and ADD instructions, scripts they run) match ``regex``?"""
    texts, _ = image.build_texts
    return any(regex.search(t) for t in texts)


def build_texts(image: ImageAnalysis) -> tuple[list[str], bool]:
    """The texts of the chain's and its feeders' RUN, COPY and ADD instructions (heredocs included) and of the
    scripts their RUNs execute that hublint can read; and whether some step is opaque to hublint (an install it
    cannot read, a script piped into a shell, a script copied from the build context that it cannot read).
    Kept on the analysis as :attr:`ImageAnalysis.build_texts`."""
    from .contextfiles import copied_from_context, locate_in_context, workdirs
    from .installs import run_commands

    esc = image.dockerfile.escape
    texts: list[str] = []
    opaque = bool(image.installs.unknown)
    stages = {s.index: s for s in [*image.chain, *image.feeders]}
    for stage in sorted(stages.values(), key=lambda s: s.index):
        steps = stage.steps
        cwds = workdirs(steps, esc)
        for idx, step in enumerate(steps):
            ins = step.instruction
            if ins.keyword not in ("RUN", "COPY", "ADD"):
                continue
            texts.append(ins.original)
            texts.extend(doc.content for doc in ins.heredocs)
            if ins.keyword != "RUN":
                continue
            if _PIPED.search(ins.original):
                opaque = True
            for cmd in run_commands(ins, step.env):
                words = cmd.argv
                if not words:
                    continue
                head = words[0].rsplit("/", 1)[-1]
                script = None
                if head in _SHELLS and len(words) > 1 and not words[1].startswith("-"):
                    script = words[1]
                elif "/" in words[0] or head.endswith((".sh", ".bash")):
                    script = words[0]
                if script is None or not copied_from_context(script, steps, idx, cwds, esc):
                    continue
                text = image.read_file(locate_in_context(script, steps, idx, cwds, esc, image.context_dir))
                if text is None:
                    opaque = True
                else:
                    texts.append(text)
    return texts, opaque
