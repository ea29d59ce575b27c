"""HUB214 proxy-without-program: a jupyter-server-proxy launcher is installed without the program it starts —
`jupyter-rsession-proxy` without RStudio Server, `jupyter-vscode-proxy` / `jupyter-codeserver-proxy` without
code-server, `jupyter-remote-desktop-proxy` 2 or later (which no longer bundles one) without a VNC server.  Judged
only where hublint knows what the base image has and can read every step of the build."""

from __future__ import annotations

from collections.abc import Iterator

from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB214",
    "proxy-without-program",
    "warning",
    "A server-proxy launcher is installed without the program it starts",
)

# launcher package -> (the program it starts, as image.programs knows it; for the message; what to do)
_LAUNCHERS = {
    "jupyter-rsession-proxy": (
        "rstudio-server",
        "RStudio Server (`rserver`)",
        "install RStudio Server (its .deb from posit.co) or build on a rocker image",
    ),
    "jupyter-vscode-proxy": (
        "code-server",
        "`code-server`",
        "install code-server (`mamba install code-server`, or its install script)",
    ),
    "jupyter-codeserver-proxy": (
        "code-server",
        "`code-server`",
        "install code-server (`mamba install code-server`, or its install script)",
    ),
    "jupyter-remote-desktop-proxy": (
        "vncserver",
        "a VNC server (2.x bundles none)",
        "install TigerVNC or TurboVNC and a desktop (`apt-get install tigervnc-standalone-server xfce4`)",
    ),
}


def check(inp: ImageInput) -> Iterator[Hit]:
    from ..image.programs import has_program

    seen: set[str] = set()
    for install in sorted(inp.image.installs.installs, key=lambda i: i.order):
        found = _LAUNCHERS.get(install.name)
        if found is None or install.name in seen:
            continue
        seen.add(install.name)
        program, shown, todo = found
        if program == "vncserver" and (install.versions is None or install.versions.below_major(2)):
            continue  # 1.x bundled a VNC server
        if has_program(inp.image, program, ignoring=r"jupyter[-_.]codeserver[-_.]proxy") is not False:
            continue
        yield Hit(
            f"`{install.name}` starts {shown}, which the image does not have: its launcher fails",
            *install.anchor,
            help=todo,
        )
