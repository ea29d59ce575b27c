"""HUB213 extension-step-cannot-run: a RUN step for classic-notebook or npm-built extensions on an image that
cannot run it — `jupyter nbextension`, `jupyter contrib nbextension`, `jupyter serverextension`,
`jupyter nbextensions_configurator` where the image has notebook 7 at that point (notebook 7 removed them), and
`jupyter labextension install|link|update` or `jupyter lab build` where the image has no nodejs (docker-stacks
stopped shipping it on 2024-11-08)."""

from __future__ import annotations

from collections.abc import Iterator

from ..dockerfile.shell import Command
from ..image.analysis import PackageFacts
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule
from ._common import MESSAGE_LIMIT, base_named
from ._suggest import unpinned_notebook_is_6

RULE = Rule(
    "HUB213",
    "extension-step-cannot-run",
    "warning",
    "A classic-notebook or npm extension step the image cannot run",
)

# `jupyter SUB` (or `jupyter-SUB`) commands of the classic notebook, gone in notebook 7, with what to do instead
_CLASSIC = {
    "nbextension": "use `jupyter nbclassic-extension` (nbclassic), or the extension's JupyterLab version",
    "serverextension": "use `jupyter server extension enable …` (Jupyter Server)",
    "bundlerextension": "drop the step: notebook 7 has no bundler extensions",
    "contrib": "pin `notebook<7` for jupyter_contrib_nbextensions, or use JupyterLab extensions",
    "nbextensions_configurator": "pin `notebook<7` for it, or drop it (notebook 7 uses JupyterLab extensions)",
}
_NPM = {"labextension": ("install", "link", "update"), "lab": ("build",)}


def _command(cmd: Command) -> tuple[int, int, str, str] | None:
    """(index of `jupyter`, index of the last word naming the step, the step's kind "classic"/"npm", its name)
    for a `jupyter …` extension command among the words, else None."""
    words = [w.value for w in cmd.words]
    for k, word in enumerate(words):
        if k and words[0].rsplit("/", 1)[-1] in ("conda", "mamba", "micromamba", "pixi", "uv", "poetry"):
            return None  # run in another environment, whose notebook hublint does not follow
        base = word.rsplit("/", 1)[-1]
        if base == "jupyter" and k + 1 < len(words):
            sub, rest = words[k + 1], words[k + 2 :]
            end = k + 1
        elif base.startswith("jupyter-") and base != "jupyter-":
            sub, rest = base[len("jupyter-") :], words[k + 1 :]
            end = k
        else:
            continue
        if sub in _CLASSIC:
            if sub == "contrib" and (not rest or rest[0] not in ("nbextension", "nbextensions")):
                return None  # jupyter_contrib_nbextensions registers both spellings
            return k, end + (1 if sub == "contrib" else 0), "classic", sub
        actions = _NPM.get(sub)
        if actions is not None and rest and rest[0] in actions:
            return k, end + 1, "npm", f"{sub} {rest[0]}"
        return None
    return None


def _notebook_at(inp: ImageInput, order: tuple[int, int]) -> PackageFacts | None:
    """The notebook package of the default environment as it is when the step at ``order`` (stage, step) runs:
    the last install into it up to that step (an "already satisfied" unpinned one keeps the base's), else the
    base's."""
    from ..image.versions import provided_version_set

    installs = sorted(
        (
            i
            for i in inp.image.installed({"pip": {"notebook"}, "conda": {"notebook"}})
            if i.order <= order and i.prefix is None  # the default environment, whose `jupyter` runs
        ),
        key=lambda i: i.order,
    )
    info = inp.image.base_info
    provided = info.provides.get("notebook") if info is not None else None
    base = PackageFacts(None, provided_version_set(provided), inp.image.missing_anchor) if provided else None
    if installs:
        last = installs[-1]
        if base is not None and last.versions is not None and last.versions.unconstrained and not last.upgrade:
            return base
        return PackageFacts(last, last.versions, last.anchor)
    return base


def _default_environment(inp: ImageInput, program: str) -> bool:
    """Is ``program`` (`jupyter`, or a path to it) the default environment's: found on the image's PATH?"""
    if "/" not in program:
        return True
    folder = program.rsplit("/", 1)[0]
    path, _ = inp.image.final_env("PATH")
    entries = (path or "/usr/local/bin:/usr/bin:/bin").split(":")
    return folder in entries or folder in ("/usr/local/bin", "/usr/bin", "/bin")


def _old_nbclassic(inp: ImageInput) -> bool:
    """nbclassic 0.4.0-0.4.3 shipped `jupyter-nbextension`, `-serverextension` and `-bundlerextension` too (renamed
    `jupyter-nbclassic-*` in 0.4.4, nbclassic 044e0e8): an image that pins one of those has the commands."""
    from ..image.versions import admits_only

    installs = inp.image.installed({"pip": {"nbclassic"}, "conda": {"nbclassic"}})
    return any(i.versions is not None and admits_only(i.versions, "0.4.0", "0.4.4") for i in installs)


def _span(inp: ImageInput, cmd: Command, first: int, last: int, step) -> tuple[int, int, int, int]:
    from ..image.installs import instruction_anchor

    if not cmd.exact:
        return inp.image.keyword_span(step.instruction)
    line, col = cmd.position(cmd.words[first].start)
    end_line, end_col = cmd.position(max(cmd.words[last].start, cmd.words[last].end - 1))
    return instruction_anchor(step.instruction, (line, col, end_line, end_col + 1))


def check(inp: ImageInput) -> Iterator[Hit]:
    from ..image.installs import run_commands
    from ..image.programs import has_program

    nodejs: bool | None = None
    for stage in inp.image.chain:
        for idx, step in enumerate(stage.steps):
            if step.instruction.keyword != "RUN" or "jupyter" not in step.instruction.original:
                continue
            for cmd in run_commands(step.instruction, step.env):
                found = _command(cmd)
                if found is None:
                    continue
                first, last, kind, name = found
                if not _default_environment(inp, cmd.words[first].value):
                    continue  # `/opt/venv/bin/jupyter …`: another environment, not followed
                shown = f"`jupyter {name}`" if name != "contrib" else "`jupyter contrib nbextension`"
                if kind == "classic":
                    if name != "contrib" and _old_nbclassic(inp):
                        continue
                    notebook = _notebook_at(inp, (stage.index, idx))
                    versions = notebook.versions if notebook is not None else None
                    if versions is None or versions.below_major(7) or unpinned_notebook_is_6(inp):
                        continue
                    have = f"notebook {versions.shown}" if versions.shown else "an unpinned notebook (7 or later)"
                    yield Hit(
                        f"{shown} needs the classic notebook, and the image has {have} here: this step fails",
                        *_span(inp, cmd, first, last, step),
                        help=_CLASSIC[name],
                    )
                    break  # the build stops at the first step that fails
                if nodejs is None:
                    nodejs = has_program(inp.image, "nodejs") is not False
                if nodejs:
                    continue
                tail = " has none and no step installs it"
                room = MESSAGE_LIMIT - len(shown) - len(tail) - len(" needs nodejs: ")
                yield Hit(
                    f"{shown} needs nodejs: {base_named(inp, room)}{tail}",
                    *_span(inp, cmd, first, last, step),
                    help="install the extension's prebuilt package with pip (most have one), or install nodejs "
                    "first (`mamba install nodejs`)",
                )
                break  # the build stops at the first step that fails
