"""The command line: formats, exit codes 0/1/2, stdin, config discovery and validation."""

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES

UNTAGGED = b"FROM quay.io/jupyter/base-notebook\n"
GOOD = b"FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def write(path, data=UNTAGGED):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("fmt", ["concise", "full", "json", "sarif", "github"])
def test_hub101_in_every_format(tree, run_cli, fmt):
    path = write(tree / "Dockerfile")
    status, out, err = run_cli("--format", fmt, path)
    assert status == 1 and err == ""
    if fmt == "json":
        (f,) = json.loads(out)["findings"]
        assert (f["code"], f["line"], f["column"], f["end_column"]) == ("HUB101", 1, 6, 35)
    elif fmt == "sarif":
        (r,) = json.loads(out)["runs"][0]["results"]
        assert r["ruleId"] == "HUB101" and r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 6
    elif fmt == "github":
        # machine formats name files from the repository root (the tree holds .git), people's as named
        assert out.startswith("::error file=Dockerfile,line=1,col=6,endLine=1,endColumn=35,title=hublint HUB101 (untagged-base-image)::")
    else:
        assert f"{path}:1:6: HUB101 [error] base image `quay.io/jupyter/base-notebook` has no tag" in out
    if fmt == "full":
        assert "^" * len("quay.io/jupyter/base-notebook") in out and "Found 1 problem (1 error) in 1 file." in out


def test_clean_file_exits_0(tree, run_cli):
    status, out, _ = run_cli("--format", "concise", write(tree / "Dockerfile", GOOD))
    assert (status, out) == (0, "")


def test_default_format_is_concise_when_piped(tree):
    path = write(tree / "Dockerfile")
    r = subprocess.run([sys.executable, "-m", "hublint", path], capture_output=True, text=True)
    assert r.returncode == 1 and r.stdout.startswith(f"{path}:1:6: HUB101 [error]") and r.stderr == ""


def test_full_format_keeps_brackets_and_markup_as_written(tree, run_cli):
    path = write(tree / "Dockerfile", b"ARG BASE=notebook[test]/[bold]x[/bold]\nFROM $BASE # [red]\n")
    status, out, _ = run_cli("--format", "full", "--role", "singleuser", path)
    assert "the base image `notebook[test]/[bold]x[/bold]` is not an image reference" in out
    assert "2 | FROM $BASE # [red]" in out


def test_stdin_with_filename(tree, run_cli):
    status, out, _ = run_cli("--format", "concise", "--stdin-filename", "sub/Dockerfile", "-", stdin=UNTAGGED)
    assert status == 1 and out.startswith("sub/Dockerfile:1:6: HUB101")


def test_folder_discovery_skips_hidden_folders(tree, run_cli):
    write(tree / "a" / "Dockerfile")
    write(tree / "b" / "x.Dockerfile")
    write(tree / "c" / "Containerfile.gpu")
    write(tree / ".hidden" / "Dockerfile")
    write(tree / "c" / "README.md", b"FROM x")
    status, out, _ = run_cli("--format", "json", str(tree))
    paths = sorted(f["path"] for f in json.loads(out)["findings"])  # relative to the repository root
    assert paths == ["a/Dockerfile", "b/x.Dockerfile", "c/Containerfile.gpu"]


def test_missing_path_is_exit_2_and_others_are_still_linted(tree, run_cli):
    path = write(tree / "Dockerfile")
    status, out, err = run_cli("--format", "concise", str(tree / "nope"), path)
    assert status == 2
    assert f"{path}:1:6: HUB101" in out
    assert err == f"hublint: error: {tree / 'nope'}: no such file or folder\n"


def test_folder_without_dockerfiles(tree, run_cli):
    (tree / "empty").mkdir()
    status, _, err = run_cli(str(tree / "empty"))
    assert status == 2 and "no Dockerfile found" in err and err.count("\n") == 1


def test_unknown_option_is_one_line_exit_2(run_cli):
    status, out, err = run_cli("--frobnicate")
    assert status == 2 and err.startswith("hublint: error: ") and err.count("\n") == 1


def test_build_arg_without_equals(tree, run_cli):
    status, _, err = run_cli("--build-arg", "NOVALUE", write(tree / "Dockerfile"))
    assert status == 2 and err == "hublint: error: --build-arg 'NOVALUE': expected NAME=VALUE\n"


def test_build_arg_resolves_from(tree, run_cli):
    path = write(tree / "Dockerfile", b"ARG BASE\nFROM $BASE\n")
    status, out, _ = run_cli("--format", "concise", "--select", "HUB101", "--build-arg", "BASE=python", "--role",
                             "singleuser", path)
    assert status == 1 and "base image `python` (from `$BASE`)" in out


@pytest.mark.parametrize(("fail_on", "status"), [("error", 1), ("never", 0), ("info", 1)])
def test_fail_on(tree, run_cli, fail_on, status):
    assert run_cli("--fail-on", fail_on, write(tree / "Dockerfile"))[0] == status


def test_select_ignore_by_code_name_prefix(tree, run_cli):
    path = write(tree / "Dockerfile")
    assert run_cli("--ignore", "untagged-base-image", path)[0] == 0
    assert run_cli("--ignore", "HUB1", path)[0] == 0
    assert run_cli("--select", "HUB0", path)[0] == 0
    status, _, err = run_cli("--select", "HUB9X", path)
    assert status == 2 and "HUB9X" in err


def test_config_discovery_and_severity_override(tree, run_cli):
    (tree / ".hublint.toml").write_text('[severity]\nHUB101 = "info"\n')
    path = write(tree / "sub" / "Dockerfile")
    status, out, _ = run_cli("--format", "concise", path)
    assert status == 0 and "HUB101 [info]" in out
    assert run_cli("--no-config", path)[0] == 1


def test_pyproject_tool_hublint(tree, run_cli):
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.hublint]\nignore = ["HUB101"]\n')
    assert run_cli(write(tree / "Dockerfile"))[0] == 0


def test_config_stops_at_git_folder(tmp_path, run_cli):
    (tmp_path / ".hublint.toml").write_text('ignore = ["HUB101"]\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert run_cli(write(tmp_path / "repo" / "Dockerfile"))[0] == 1


@pytest.mark.parametrize(("content", "message"), [
    ('hub_version = "5"\n', "unknown key `hub_version` (did you mean `hub-version`?)"),
    ('fail-on = "sometimes"\n', "`fail-on` must be one of error, warning, info, never"),
    ('select = 3\n', "`select` must be a list of strings"),
    ('[severity]\nHUB101 = "fatal"\n', "`severity.HUB101` must be one of error, warning, info"),
    ('spawner-cmd = "yes"\n', "`spawner-cmd` must be true or false"),
    ('[images."x/y"]\nuser = "1000"\nshell = "bash"\n', 'unknown key `images."x/y".shell`'),
    ("not toml = = \n", "not valid TOML"),
])
def test_bad_config_is_exit_2_naming_the_key(tree, run_cli, content, message):
    (tree / ".hublint.toml").write_text(content)
    path = write(tree / "Dockerfile")
    status, out, err = run_cli(path)
    assert status == 2
    assert message in err and str(tree / ".hublint.toml") in err and err.count("\n") == 1


def test_explicit_config_file(tree, run_cli):
    cfg = tree / "custom.toml"
    cfg.write_text('ignore = ["HUB101"]\n')
    assert run_cli("--config", str(cfg), write(tree / "Dockerfile"))[0] == 0
    status, _, err = run_cli("--config", str(tree / "missing.toml"), write(tree / "Dockerfile"))
    assert status == 2 and "missing.toml" in err


def test_version_and_list_rules(run_cli):
    from hublint import __version__

    assert run_cli("--version") == (0, f"hublint {__version__}\n", "")
    status, out, _ = run_cli("--list-rules")
    assert status == 0 and "HUB101  untagged-base-image" in out


def test_statistics(tree, run_cli):
    status, out, _ = run_cli("--format", "concise", "--statistics", write(tree / "Dockerfile"))
    assert out.endswith("    1  HUB101  untagged-base-image\n    1  single-user image\n")


def test_parse_error_is_hub001_at_position(tree, run_cli):
    path = write(tree / "Dockerfile", b"FROM a:1\nCMD [\"a\", 1]\n")
    status, out, _ = run_cli("--format", "json", path)
    (f,) = json.loads(out)["findings"]
    assert status == 1 and (f["code"], f["line"]) == ("HUB001", 2) and "strings only" in f["message"]


def test_bundled_example_runs(run_cli):
    status, out, _ = run_cli("--format", "concise", "--no-config", str(FIXTURES / "examples" / "Dockerfile"))
    assert status == 1 and "HUB101" in out


def test_sarif_validates_against_the_official_schema(tree, run_cli):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import shared_dir

    schema = json.loads((shared_dir("schemas") / "sarif-schema-2.1.0.json").read_text())
    path = write(tree / "Dockerfile", b"FROM quay.io/jupyter/base-notebook\n# hublint ignore=HUB9Z\nRUN true\n")
    status, out, _ = run_cli("--format", "sarif", path)
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["primaryLocationLineHash"]
    assert {r["ruleId"] for r in run["results"]} == {"HUB101", "HUB002"}


def test_the_typer_app_is_built_from_the_one_declaration():
    import typer.main

    from hublint.cli import OPTIONS
    from hublint.cli.typer_app import app

    command = typer.main.get_command(app)
    declared = {}
    for param in command.params:
        if param.param_type_name != "option":
            continue
        kind = "flag" if param.is_flag else ("multi" if param.multiple else "value")
        declared[param.name] = (tuple(param.opts), kind, param.metavar, param.help)
    assert declared == {o.dest: (o.names, o.kind, o.metavar, o.help) for o in OPTIONS}


def test_help_lists_every_format(run_cli):
    from hublint.formatters import FORMATS

    status, out, _ = run_cli("--help")
    flat = " ".join(out.split())
    assert status == 0 and f"{'|'.join(FORMATS)} (default" in flat and f"{'|'.join(FORMATS)}: the report" in flat


def test_the_run_cache_leaves_out_what_the_declaration_says():
    from hublint.cli.cache import key
    from hublint.cli.options import NOT_CACHED, OPTIONS

    assert set(NOT_CACHED) == {o.dest for o in OPTIONS if not o.cached} and "fix" in NOT_CACHED
    assert key({"fix": True}, ["Dockerfile"], NOT_CACHED) is None


@pytest.mark.parametrize("argv", [
    ["--format=json", "-fconcise", "--select", "HUB1", "--select=HUB2", "--fix", "--", "-weird-name"],
    ["x", "--build-arg", "A=1", "--build-arg=B=2", "--spawner-cmd", "-"],
])
def test_fast_parser_reads_what_typer_reads(argv, monkeypatch):
    import hublint.cli as cli
    import hublint.cli.typer_app as typer_app

    seen = []
    monkeypatch.setattr(typer_app, "run", lambda values: seen.append(dict(values)) or 0)
    assert typer_app.typer_main(argv) == 0
    fast = cli.fast_parse(argv)
    typer_values = seen[0]
    typer_values["paths"] = typer_values["paths"] or []
    assert fast == typer_values


def test_help_goes_through_typer(run_cli):
    status, out, _ = run_cli("--help")
    assert status == 0 and "--hub-version" in out and "--stdin-filename" in out


@pytest.mark.parametrize("value", ["x; rm -rf /", "5.3.0 && echo", "", "latest", "5.3.0\n"])
def test_hub_version_must_be_a_version(run_cli, tmp_path, value):
    """--hub-version is compared and written into files by --fix: anything but a PEP 440 version is a usage error
    (exit 2, one line), in the configuration too."""
    (tmp_path / "Dockerfile").write_text("FROM python:3.12.8-slim\nRUN pip install jupyterhub jupyterlab\n")
    status, out, err = run_cli("--hub-version", value, "--fix", str(tmp_path / "Dockerfile"))
    assert status == 2 and err.count("\n") == 1 and "--hub-version" in err
    assert (tmp_path / "Dockerfile").read_text().endswith("jupyterlab\n")  # nothing written
    (tmp_path / ".hublint.toml").write_text(f"hub-version = {value!r}\n".replace("'", '"'))
    (tmp_path / ".git").mkdir()
    status, out, err = run_cli(str(tmp_path / "Dockerfile"))
    assert status == 2 and "hub-version" in err
    import hublint

    with pytest.raises(ValueError):
        hublint.lint_text("FROM python:3.12\n", hub_version=value)


def _console(tmp_path, prelude: str, *args: str, **kw):
    """``hublint`` as the console script runs it (``hublint.cli.console``), after ``prelude``."""
    code = f"import sys\n{prelude}\nfrom hublint.cli import console\nsys.argv = ['hublint', *{list(args)!r}]\nconsole()\n"
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, **kw)


def test_console_exit_keeps_the_status_and_the_whole_output(tree):
    for i in range(200):
        write(tree / f"d{i}" / "Dockerfile")
    r = _console(tree, "", "--no-cache", "--format", "json", ".")
    assert r.returncode == 1 and r.stderr == b""
    assert len(json.loads(r.stdout)["findings"]) == 200  # all of it, although the process skips its teardown


def test_console_exit_runs_what_was_registered_to_run_at_exit(tree):
    """A coverage tool or a logging set-up registers ``atexit`` callbacks: then the interpreter exits as usual."""
    write(tree / "Dockerfile", GOOD)
    r = _console(tree, "import atexit\natexit.register(lambda: print('at exit'))", "--no-cache", "Dockerfile")
    assert (r.returncode, r.stdout.decode().splitlines()[-1:]) == (0, ["at exit"])


def test_console_exit_when_the_reader_goes_away_is_status_1_without_noise(tree):
    for i in range(300):  # 300 findings fill the pipe; --fail-on never: the run's own status is 0
        write(tree / f"d{i}" / "Dockerfile")
    code = ("import sys\nfrom hublint.cli import console\n"
            "sys.argv = ['hublint', '--no-cache', '--format', 'full', '--fail-on', 'never', '.']\nconsole()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # as `hublint . | head -c 10` does
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert b"Exception ignored" not in err and b"Traceback" not in err
