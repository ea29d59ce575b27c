"""The package shows its pipeline, and imports only go the way the sub-packages' docstrings say.

read → model → graph/roles/facts → lint → report, as packages (bottom first):

    dockerfile/ (syntax) → image/ (knowledge) → deployment/ (readers) → lint/ (rule vocabulary, engine)
    → checks/ (rules, registry) → settings/ → workspace/ (the application) → formatters/ → server/ → cli/

Every import is counted, including the lazy ones inside functions: a lazy import upwards is still a
dependency upwards.  There are no exemptions: the public API (``hublint/__init__.py``) and the language
server reach the application through ``workspace/``, never through ``cli/``; only ``__main__`` (the entry
point) imports ``cli/``.
"""

import ast
import importlib

import pytest
from conftest import ROOT

PACKAGE = ROOT / "hublint"

LEAVES = {"hublint._version", "hublint.edits", "hublint.data", "hublint.lazy", "hublint.records"}
ORDER = ("dockerfile", "image", "deployment", "lint", "checks", "settings", "workspace", "formatters", "server", "cli")


def layer(module: str) -> str:
    if module == "hublint":
        return "api"
    if module == "hublint.__main__":
        return "main"
    if module in LEAVES:
        return "leaf"
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in ORDER:
        return parts[1]
    if module == "hublint.catalog":
        return "catalog"
    raise AssertionError(f"{module}: a module outside the documented layout")


def _below(name: str) -> set[str]:
    return {"leaf", *ORDER[: ORDER.index(name) + 1]}


ALLOWED = {
    "leaf": {"leaf"},
    **{name: _below(name) for name in ORDER},
    "api": {"leaf", "dockerfile", "image", "lint", "settings", "workspace"},
    "main": {"cli"},
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), path, is_package


def _type_only(tree) -> set[int]:
    """The ids of import nodes under ``if TYPE_CHECKING:`` (for annotations; nothing runs them)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            out.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return out


def imports(module: str, path, is_package: bool, run_time_only: bool = False):
    """Absolute names of the hublint modules a file imports (``from .x import y`` counts ``.x`` and ``.x.y``
    when that is a module); ``run_time_only``: leave out the imports made for type checkers only."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if is_package else module.rpartition(".")[0]
    skip = _type_only(tree) if run_time_only else set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
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


@pytest.mark.parametrize(("module", "path", "is_package"), [pytest.param(*m, id=m[0]) for m in modules()])
def test_imports_follow_the_layers(module, path, is_package):
    here = layer(module)
    bad = []
    for target, line in imports(module, path, is_package):
        target = _known(target)
        there = layer(target)
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


@pytest.mark.parametrize("package", ORDER)
def test_each_stage_is_a_sub_package_that_says_what_it_may_import(package):
    mod = importlib.import_module(f"hublint.{package}")
    assert mod.__doc__ and mod.__doc__.strip(), f"hublint/{package}/__init__.py needs a docstring"
    assert "Imports:" in mod.__doc__, f"hublint/{package}/__init__.py must say what it may import"


def test_nothing_but_the_entry_point_imports_the_command_line():
    for module, path, is_package in modules():
        if layer(module) in ("cli", "main"):
            continue
        assert not any(_known(t).startswith("hublint.cli") for t, _ in imports(module, path, is_package)), module


@pytest.mark.parametrize("package", ORDER)
def test_no_import_circle_inside_a_package(package):
    """Inside a package the modules form layers too (an annotation may name a type of a module above)."""
    graph = {}
    for module, path, is_package in modules():
        if layer(module) == package and not is_package:
            graph[module] = {
                _known(t)
                for t, _ in imports(module, path, is_package, run_time_only=True)
                if _known(t).startswith(f"hublint.{package}.")
            }
            graph[module].discard(module)

    def reach(start, seen):
        for nxt in graph.get(start, ()):
            if nxt not in seen:
                seen.add(nxt)
                reach(nxt, seen)
        return seen

    for module in graph:
        assert module not in reach(module, set()), f"{module} imports itself through its package's modules"


def test_layout_modules_are_where_the_readme_says():
    expected = {
        "dockerfile": {"syntax", "model", "expand", "shell", "imageref"},
        "image": {"analysis", "installs", "versions", "launchers", "cmdcheck", "contextfiles", "knowledge", "spec"},
        "deployment": {"hubconfig", "compose", "dotenv", "charts", "buildscripts", "yamlnodes"},
        "lint": {"rule", "hits", "finding", "inputs", "engine", "pragmas", "fixes"},
        "checks": {"registry", "pages"},
        "settings": {"config", "options"},
        "workspace": {"root", "discover", "sources", "units", "evidence", "graph", "hubs", "roles", "facts",
                      "describe", "report", "workspace", "run"},
        "cli": {"command", "typer_app", "cache", "show", "writes"},
    }
    for package, names in expected.items():
        present = {p.stem for p in (PACKAGE / package).glob("*.py") if p.stem != "__init__"}
        assert names <= present, (package, names - present)
    assert (PACKAGE / "image" / "images.json").is_file()


def test_import_budget_of_a_one_line_lint(tmp_path):
    """Linting a one-line Dockerfile from the command line (no cache) loads none of the heavy modules: they are
    imported only by the files, formats and options that need them.  ``typing`` is one of them: hublint's records
    are typed ``NamedTuple`` s for type checkers, built at run time by ``hublint.records`` without importing
    ``typing`` or compiling their annotations (benchmarks/compare.py measures the start-up)."""
    import subprocess
    import sys

    (tmp_path / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\n")
    code = ("import sys, hublint.cli\nhublint.cli.main(['Dockerfile', '--format', 'concise', '--no-cache'])\n"
            "heavy = ('dataclasses', 'packaging', 'yaml', 'rich', 'typer', 'pygls', 'lsprotocol', 'ast',"
            " 'inspect', 'hashlib', '_strptime', 'typing')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
