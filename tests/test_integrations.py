"""hublint as pre-commit, CI and editors use it: the real pre-commit tool, the JSON schema, and the
exact command lines and patterns of the editor setups (docs/editors.md, linked from the README)."""

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.resources import files

import pytest
from conftest import ROOT

BAD = "FROM quay.io/jupyterhub/k8s-singleuser-sample\nUSER root\n"  # HUB101, HUB301 (no start.sh)
GOOD = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
README = (ROOT / "README.md").read_text()
EDITORS = (ROOT / "docs" / "editors.md").read_text()


def hublint(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "hublint", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=60)


# --------------------------------------------------------------------------- JSON schema

def test_json_output_matches_the_shipped_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(files("hublint.data").joinpath("findings.schema.json").read_text())
    (tmp_path / "Dockerfile").write_text(BAD + "# hublint ignore=HUB9Z\nRUN true\n")
    r = hublint("--format", "json", "--no-config", str(tmp_path / "Dockerfile"))
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, schema)
    assert {f["code"] for f in doc["findings"]} == {"HUB101", "HUB301", "HUB002"}
    assert "hublint/data/findings.schema.json" in README


# --------------------------------------------------------------------------- pre-commit

def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_runs_the_hook_from_this_repository(tmp_path):
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if not rev:
        pytest.skip("no commit to install the hook from")
    work = tmp_path / "work"
    work.mkdir()
    _git("init", "-q", cwd=work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: hublint\n      - id: hublint-deployment\n")
    (work / "Dockerfile").write_text(BAD)
    (work / "images").mkdir()
    (work / "images" / "Dockerfile-lab").write_text(BAD)  # names pre-commit's `dockerfile` tag misses
    (work / "images" / "gpu.dockerfile").write_text(BAD)
    (work / "jupyterhub_config.py").write_text("c = get_config()\nc.DockerSpawner.remove_containers = True\n")
    (work / "README.md").write_text("not a Dockerfile\n")
    _git("add", ".", cwd=work)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    run = lambda: subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=work,  # noqa: E731
                                 capture_output=True, text=True, env=env, timeout=900)
    r = run()
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Dockerfile:1:6: HUB101 [error]" in r.stdout and "Dockerfile:2:6: HUB301 [error]" in r.stdout
    assert "jupyterhub_config.py:2:1: HUB603 [warning]" in r.stdout  # the deployment-files hook
    for name in ("images/Dockerfile-lab", "images/gpu.dockerfile"):
        assert f"{name}:1:6: HUB101 [error]" in r.stdout, r.stdout
    for name in ("Dockerfile", "images/Dockerfile-lab", "images/gpu.dockerfile"):
        (work / name).write_text(GOOD)
    (work / "jupyterhub_config.py").write_text("c = get_config()\nc.DockerSpawner.remove = True\n")
    _git("add", ".", cwd=work)
    r = run()
    assert r.returncode == 0, r.stdout + r.stderr
    assert "hublint" in r.stdout and "Passed" in r.stdout


def _discovery():
    """Discovery's own name lists and its verdict on a path (the one place that imports discovery)."""
    from hublint.deployment.names import CHART_NAMES
    from hublint.workspace.discover import _DOCKERFILE_PATTERNS, _NOT_DOCKERFILES, KINDS, kind_of

    return {"kind_of": kind_of, "dockerfile_patterns": _DOCKERFILE_PATTERNS, "not_dockerfiles": _NOT_DOCKERFILES,
            "chart_names": CHART_NAMES, "kinds": KINDS}


# Dockerfile names discovery is being extended to; the hook has them already (none pending now)
PENDING_DOCKERFILE_PATTERNS: tuple[str, ...] = ()
# deployment names written out (discovery's verdict on each decides what the hooks must do), and names no hook
# takes: Helm templates and schemas, workflows, dot-files, other files of a repository
DEPLOYMENT_SAMPLES = (
    "chartpress.yaml", "chartpress.yml", "helmfile.yaml", "helmfile.yml", "helmfile.prod.yaml",
    "helmfile.yaml.gotmpl", "helmfile.d/10-hub.yaml", "helmfile.d/hub.yaml.gotmpl", "helmfile.d/notes.txt", "helmfile.gotmpl",
    "values.yaml.gotmpl", "compose.yaml", "compose.override.yml", "docker-compose.yml",
    "docker-compose.prod.yaml", "values.yaml", "config.yaml", "secrets.yml", "values.schema.json",
    "values.schema.yaml", "mkdocs.yml", ".pre-commit-config.yaml", ".gitlab-ci.yml", "Makefile", "makefile",
    "GNUmakefile", "images.mk", "build.sh", "Makefile.am", "CMakeLists.txt", "build.bash", ".env", ".env.example",
    "env", "hub.env", "hub.env.example", "env.txt", "sample.env", "env-example", "env_example", ".env-example",
    ".env_example", "env-sample", "env-template", "env_sample", "hub.env-example", "scripts/build-Dockerfile",
    "bin/gen_Dockerfile", "hub.env.bak", "venv.txt", "jupyterhub_config.py", "jupyterhub_config_docker.py", "my_jupyterhub_config.py", "jupyterhub.py",
    "setup.py", "README.md", "pyproject.toml", "requirements.txt", "environment.yml", "docker-bake.hcl",
    "docker-bake.override.json", "docker-bake.ci.hcl", "hubploy.yaml", ".gitlab-ci.yaml", "bin/build",
    "scripts/publish", "tools/release", "docs/build", "bin/build.py", "bin/Dockerfile", "scripts/Dockerfile-gpu",
    "tools/Dockerfile_lab", "bin/Containerfile", "dockerfile", "bin/dockerfile", "deploy.py", "build_images.py",
    "noxfile.py", "tasks.py", "fabfile.py", "helpers.py", "mydeploy.py", "main.tf", "modules/hub/variables.tf",
)
OTHER_SAMPLES = ("DOCKERFILE", "Dockerfiles", "MyDockerfile", "Dockerfile~", "Containerfile-lab",
                 "Dockerfile.dockerignore", "Dockerfile.md", "lab.Dockerfile.bak", "Dockerfile.mk",
                 "Dockerfile_lab.sh", "Dockerfile_lab.mk", "Containerfile.ci.yaml", "config copy.yaml",
                 "values copy 2.yml", "jupyterhub_config.orig.py", "values-old.yaml", "values.backup.yml")
FOLDERS = ("", "images/user/", ".devcontainer/", "chart/templates/", ".github/workflows/", "deploy/templates/x/",
           "jupyterhub/", "templates2/")


def _hook_samples(d):
    """Paths to judge: each of discovery's Dockerfile patterns filled in several ways, the same with each suffix
    discovery refuses, the chart names, the deployment and other samples, in several folders."""
    names = set(OTHER_SAMPLES) | set(DEPLOYMENT_SAMPLES) | set(d["chart_names"])
    for pattern in (*d["dockerfile_patterns"], *PENDING_DOCKERFILE_PATTERNS):
        for filler in ("lab", "prod.gpu", "3.12-cuda", "a_b", ""):
            name = pattern.replace("*", filler)
            names.add(name)
            names.update(name + suffix for suffix in d["not_dockerfiles"])
    return sorted(folder + name for folder in FOLDERS for name in names)


def _expected_kind(path, d):
    import fnmatch

    name = path.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatchcase(name, p) for p in PENDING_DOCKERFILE_PATTERNS) and not name.endswith(
            d["not_dockerfiles"]):
        return "dockerfile"
    return d["kind_of"](path)


def test_pre_commit_hooks_match_what_discovery_lints():
    """The `hublint` hook takes exactly the paths discovery calls Dockerfiles; `hublint-deployment` exactly the
    deployment files (compose, .env, jupyterhub_config*.py, z2jh values, Chart.yaml, helmfiles, chartpress,
    and the build definitions: Makefiles and scripts, workflows, GitLab CI, bake files, hubploy); neither takes
    anything else."""
    yaml = pytest.importorskip("yaml")
    d = _discovery()
    hook, deployment = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "hublint" and deployment["id"] == "hublint-deployment"
    for h in (hook, deployment):
        assert h["entry"] == "hublint" and h["language"] == "python" and h["types"] == ["file"]
        assert h["require_serial"] is False
    dockerfiles, deployments = re.compile(hook["files"]), re.compile(deployment["files"])  # pre-commit: re.search
    kept_aside = re.compile(deployment.get("exclude", "(?!)"))
    samples = _hook_samples(d)
    kinds = {}
    for path in samples:
        kind = _expected_kind(path, d)
        kinds.setdefault(kind, []).append(path)
        got = (bool(dockerfiles.search(path)), bool(deployments.search(path)) and not kept_aside.search(path))
        assert got == (kind == "dockerfile", kind not in (None, "dockerfile")), (path, kind, got)
    assert set(kinds) == {*d["kinds"], None}, set(d["kinds"]) ^ set(kinds)  # a new kind needs samples here
    for name in ("Dockerfile-lab", "lab.dockerfile", "Containerfile.gpu", "Dockerfile_lab", "images/Dockerfile.prod",
                 "app.Containerfile"):
        assert dockerfiles.search(name), name
    for name in ("Chart.yaml", "chartpress.yaml", "helmfile.yaml", "Makefile", "scripts/build-images.sh"):
        assert deployments.search(name), name
    for name in (".github/workflows/ci.yml", ".gitlab-ci.yml", "docker-bake.hcl", "deployments/x/hubploy.yaml"):
        assert deployments.search(name) and not dockerfiles.search(name), name  # build definitions
    for name in ("Dockerfile.md", ".github/dependabot.yml", "chart/templates/deployment.yaml", "setup.py"):
        assert not dockerfiles.search(name) and not deployments.search(name), name


# --------------------------------------------------------------------------- editors
# Each editor section of docs/editors.md uses one of these command lines and patterns; the tests run them.

# the VS Code problem matcher's regexp and ALE's pattern (Vim "very magic" \\v, same syntax as Python here)
VSCODE_REGEXP = r"^(.+?):(\d+):(\d+): (HUB\d{3}) \[(error|warning|info)\] (.*)$"
ALE_PATTERN = r"\v^(.+):(\d+):(\d+): (HUB\d{3}) \[(error|warning|info)\] (.*)$"
EDITOR_SNIPPETS = [
    # Neovim nvim-lint
    "args = { '--format', 'json', '--stdin-filename', function() return vim.api.nvim_buf_get_name(0) end, '-' }",
    # Vim ALE
    "'command': 'hublint --format concise --stdin-filename %s -'",
    # Emacs flycheck
    ':command ("hublint" "--format" "concise" "--stdin-filename" source-original "-")',
    # VS Code task + problem matcher
    '"command": "hublint --format concise ${file}"',
    # VS Code SARIF viewer
    "hublint --format sarif . > hublint.sarif",
]


@pytest.mark.parametrize("snippet", EDITOR_SNIPPETS)
def test_readme_shows_the_tested_command_lines(snippet):
    assert snippet in EDITORS


def test_readme_shows_the_tested_patterns():
    assert json.dumps(VSCODE_REGEXP)[1:-1] in EDITORS
    assert f"let l:pattern = '{ALE_PATTERN}'" in EDITORS


def test_stdin_json_for_nvim_lint(tmp_path):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "sub" / "Dockerfile"
    r = hublint("--format", "json", "--stdin-filename", str(path), "-", stdin=BAD)
    findings = json.loads(r.stdout)["findings"]
    assert r.returncode == 1
    # JSON names the file from its repository's root (README, "Paths"); nvim-lint's parser reads the buffer's
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in findings] == [
        ("sub/Dockerfile", 1, 6, "HUB101"), ("sub/Dockerfile", 2, 6, "HUB301")]


def test_stdin_concise_for_ale_and_flycheck(tmp_path):
    r = hublint("--format", "concise", "--stdin-filename", "Dockerfile", "-", stdin=BAD, cwd=tmp_path)
    expected = [("Dockerfile", "1", "6", "HUB101", "error"), ("Dockerfile", "2", "6", "HUB301", "error")]
    for pattern in (VSCODE_REGEXP, ALE_PATTERN[2:]):
        parsed = [re.match(pattern, line).groups() for line in r.stdout.splitlines()]
        assert [p[:5] for p in parsed] == expected
    # flycheck's rx: (file-name) ":" line ":" column ": " (id "HUB" (= 3 digit)) " [error] " (message)
    flycheck = re.compile(r"^(.+?):(\d+):(\d+): (HUB[0-9]{3}) \[error\] (.*)$")
    assert all(flycheck.match(line) for line in r.stdout.splitlines())


def test_vscode_task_command_on_a_file(tmp_path):
    (tmp_path / "Dockerfile").write_text(BAD)
    r = hublint("--format", "concise", str(tmp_path / "Dockerfile"))
    assert all(re.match(VSCODE_REGEXP, line) for line in r.stdout.splitlines()) and r.stdout


def test_sarif_for_vscode_viewer(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(BAD)
    r = hublint("--format", "sarif", ".", cwd=tmp_path)
    doc = json.loads(r.stdout)
    assert doc["version"] == "2.1.0" and len(doc["runs"][0]["results"]) == 2


def test_stdin_filename_is_the_build_context(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text("jupyterlab\n")
    text = ("FROM python:3.12\nCOPY requirements.txt /tmp/\nRUN pip install -r /tmp/requirements.txt\n"
            "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n")
    r = hublint("--format", "concise", "--stdin-filename", str(tmp_path / "Dockerfile"), "-", stdin=text)
    assert "HUB201" in r.stdout  # the requirements file was read: no jupyterhub in it
    r = hublint("--format", "concise", "--stdin-filename", str(tmp_path / "elsewhere" / "Dockerfile"), "-",
                stdin=text)
    assert r.stdout == ""  # no such file in that context: the install is unknown


def test_cli_lists_extend_config_lists(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".hublint.toml").write_text('ignore = ["HUB101"]\n')
    (tmp_path / "Dockerfile").write_text(BAD)
    r = hublint("--format", "concise", "--ignore", "HUB301", str(tmp_path / "Dockerfile"))
    assert (r.returncode, r.stdout) == (0, "")
