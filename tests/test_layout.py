"""The package shows its pipeline, and imports only go the way the sub-packages' docstrings say.

dockerfile/ -> image/ -> deployment/ -> the lint core -> checks/, formatters/ -> cli/ (and the public API).
Every import is counted, including the lazy ones inside functions: a lazy import upwards is still a
dependency upwards.
"""

import ast
import importlib

import pytest
from conftest import ROOT

PACKAGE = ROOT / "hublint"

LEAVES = {"hublint.lint.hits", "hublint.settings.options", "hublint._version", "hublint.data", "hublint.workspace.root"}
# transitional (the architecture issue's moves): the new packages are one "core" layer until their edits land
CORE = {"hublint.lint.engine", "hublint.image.analysis", "hublint.checks.registry", "hublint.lint.finding",
        "hublint.lint.pragmas", "hublint.lint.fixes", "hublint.settings.config", "hublint.checks.pages",
        "hublint.workspace.discover", "hublint.workspace.evidence", "hublint.workspace.graph", "hublint.workspace.run",
        "hublint.lint", "hublint.settings", "hublint.workspace"}


def layer(module: str) -> str:
    if module in ("hublint", "hublint.__main__"):
        return "api"
    if module in LEAVES:
        return "leaf"
    if module in CORE:
        return "core"
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in ("dockerfile", "image", "deployment", "checks", "formatters", "cli", "server"):
        return parts[1]
    if module == "hublint.catalog":
        return "catalog"
    raise AssertionError(f"{module}: a module outside the documented layout")


ALLOWED = {
    "leaf": set(),
    "dockerfile": {"dockerfile"},
    "image": {"dockerfile", "image", "leaf"},
    "deployment": {"dockerfile", "image", "deployment", "leaf"},
    "core": {"dockerfile", "image", "deployment", "leaf", "core"},
    "checks": {"dockerfile", "image", "deployment", "leaf", "core", "checks"},
    "formatters": {"leaf", "core", "formatters"},
    "server": {"dockerfile", "image", "deployment", "leaf", "core", "formatters", "cli", "server"},
    "cli": {"dockerfile", "image", "deployment", "leaf", "core", "checks", "formatters", "cli"},
    "api": {"dockerfile", "image", "deployment", "leaf", "core", "cli"},
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), path, is_package


def imports(module: str, path, is_package: bool):
    """Absolute names of the hublint modules a file imports (``from .x import y`` counts ``.x`` and ``.x.y``
    when that is a module)."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("hublint"):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("hublint"):
                continue
            if node.module:
                yield target, node.lineno
            for alias in node.names:  # `from . import x` / `from .pkg import module`
                candidate = f"{target}.{alias.name}"
                if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() or \
                        (PACKAGE.parent / candidate.replace(".", "/") / "__init__.py").exists():
                    yield candidate, node.lineno


def _known(name: str) -> str:
    """The module an imported name lives in (``hublint.checks.hub101_x`` stays, ``hublint.hits.Hit`` -> hits)."""
    while name.count(".") and not ((PACKAGE.parent / (name.replace(".", "/") + ".py")).exists()
                                   or (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists()):
        name = name.rpartition(".")[0]
    return name


# The one way up: `hublint --server` starts the language server, which sits beside the CLI (both are outer
# layers; the server lints through cli.runner).  The import is inside a function, so the command line's start-up
# never loads the server (test_cli_startup_does_not_import_the_server).
ENTRY_POINTS = {("hublint.cli.command", "hublint.server"), ("hublint.server.session", "hublint.workspace.run")}


@pytest.mark.parametrize(("module", "path", "is_package"), [pytest.param(*m, id=m[0]) for m in modules()])
def test_imports_follow_the_layers(module, path, is_package):
    here = layer(module)
    bad = []
    for target, line in imports(module, path, is_package):
        target = _known(target)
        there = layer(target)
        if (module, target) in ENTRY_POINTS:
            continue
        if there != here and there not in ALLOWED[here]:
            bad.append(f"{path.relative_to(ROOT)}:{line} imports {target} ({here} -> {there})")
    assert not bad, "\n".join(bad)


def test_dockerfile_imports_nothing_else_of_hublint():
    for module, path, is_package in modules():
        if layer(module) == "dockerfile":
            assert {layer(_known(t)) for t, _ in imports(module, path, is_package)} <= {"dockerfile"}, module


def test_cli_startup_does_not_import_the_server():
    import subprocess
    import sys

    code = ("import sys, hublint.cli\nhublint.cli.main(['--version'])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('hublint.server', 'pygls', 'lsprotocol'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


@pytest.mark.parametrize("package", ["dockerfile", "image", "deployment", "cli", "checks", "formatters", "server"])
def test_each_stage_is_a_sub_package_that_says_what_it_may_import(package):
    mod = importlib.import_module(f"hublint.{package}")
    assert mod.__doc__ and mod.__doc__.strip(), f"hublint/{package}/__init__.py needs a docstring"
    if package in ("dockerfile", "image", "deployment"):
        assert "Imports:" in mod.__doc__


def test_no_import_circle_between_the_command_line_modules():
    graph = {}
    for module, path, is_package in modules():
        if layer(module) == "cli":
            graph[module] = {_known(t) for t, _ in imports(module, path, is_package) if layer(_known(t)) == "cli"}
            graph[module].discard(module)

    def reach(start, seen):
        for nxt in graph.get(start, ()):
            if nxt not in seen:
                seen.add(nxt)
                reach(nxt, seen)
        return seen

    for module in graph:
        assert module not in reach(module, set()), f"{module} imports itself through the command-line modules"


def test_layout_modules_are_where_the_readme_says():
    expected = {
        "dockerfile": {"syntax", "model", "expand", "shell", "imageref"},
        "image": {"installs", "versions", "launchers", "cmdcheck", "contextfiles", "knowledge"},
        "deployment": {"hubconfig", "compose", "dotenv", "charts", "buildscripts", "yamlnodes"},
        "cli": {"command", "typer_app"},
    }
    for package, names in expected.items():
        present = {p.stem for p in (PACKAGE / package).glob("*.py") if p.stem != "__init__"}
        assert names <= present, (package, names - present)
    assert (PACKAGE / "image" / "images.json").is_file()


def test_import_budget_of_a_one_line_lint(tmp_path):
    """Linting a one-line Dockerfile from the command line (no cache) loads none of the heavy modules: they are
    imported only by the files, formats and options that need them."""
    import subprocess
    import sys

    (tmp_path / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\n")
    code = ("import sys, hublint.cli\nhublint.cli.main(['Dockerfile', '--format', 'concise', '--no-cache'])\n"
            "heavy = ('dataclasses', 'packaging', 'yaml', 'rich', 'typer', 'pygls', 'lsprotocol', 'typing', 'ast',"
            " 'inspect', 'hashlib', '_strptime')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
