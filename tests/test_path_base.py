"""One path base per output (docs/usage.md, "Paths"), run from a subfolder as the GitHub Action's `working-directory`
does: the machine formats (json, sarif, github, gitlab, checkstyle) name files relative to the repository root,
the formats for people (full, concise) relative to the working folder, and a path inside a message — where the
Hub's version is written, where a build argument comes from, where the spawner's command is set — is on the
same base as the finding it belongs to."""

import json
import xml.etree.ElementTree as ET

import pytest

FILES = {
    ".env": "JUPYTERHUB_VERSION=5.2.1\nUSER_HUB=4.1.6\nUSER_IMAGE=example.org/lab/user:2025.02\n",
    "Makefile": (
        "include .env\n\n"
        "user:\n"
        "\tdocker build --build-arg JUPYTERHUB_VERSION=$(USER_HUB) -t $(USER_IMAGE) images/user\n"
    ),
    "docker-compose.yml": (
        "services:\n"
        "  hub:\n"
        "    build:\n"
        "      context: hub\n"
        "      args:\n"
        "        JUPYTERHUB_VERSION: ${JUPYTERHUB_VERSION}\n"
        "    command: jupyterhub -f /srv/jupyterhub/jupyterhub_config.py\n"
        "    volumes:\n"
        "      - ./hub/jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py:ro\n"
        "    environment:\n"
        "      USER_IMAGE: ${USER_IMAGE}\n"
    ),
    "hub/Dockerfile": (
        "ARG JUPYTERHUB_VERSION\nFROM quay.io/jupyterhub/jupyterhub:${JUPYTERHUB_VERSION}\n"
        "RUN pip install --no-cache-dir 'dockerspawner==14.0.0'\n"
    ),
    "hub/jupyterhub_config.py": (
        "import os\n\n"
        "c = get_config()  # noqa: F821\n"
        'c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\n'
        'c.DockerSpawner.image = os.environ["USER_IMAGE"]\n'
        'c.DockerSpawner.cmd = ["start-singleuser.sh"]\n'
    ),
    "images/user/Dockerfile": (
        "FROM python:3.12.8-slim\n"
        "ARG JUPYTERHUB_VERSION\n"
        'RUN pip install --no-cache-dir "jupyterhub==${JUPYTERHUB_VERSION}" jupyterlab==4.3.4\n'
        "USER 1000\n"
        'CMD ["jupyterhub-singleuser"]\n'
    ),
}
MACHINE = ("json", "sarif", "github", "gitlab", "checkstyle")
PEOPLE = ("full", "concise")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "deployment"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / ".git").mkdir()
    monkeypatch.chdir(root / "images")  # a subfolder, as the Action's working-directory
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return root


def _lint(run_cli, fmt, *paths):
    status, out, err = run_cli("--no-cache", "--format", fmt, *paths)
    assert status == 1, err
    return out


def _places(run_cli, fmt):
    """(the user image's path, its HUB204's text, its HUB409's text) as the format shows them."""
    out = _lint(run_cli, fmt, "..")
    if fmt == "json":
        found = json.loads(out)["findings"]
        texts = {f["code"]: (f["path"], f["message"] + " — " + (f.get("help") or "")) for f in found}
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        texts = {
            r["ruleId"]: (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["message"]["text"])
            for r in results
        }
    elif fmt == "gitlab":
        texts = {e["check_name"].split()[0]: (e["location"]["path"], e["description"]) for e in json.loads(out)}
    elif fmt == "checkstyle":
        texts = {
            e.get("source").removeprefix("hublint."): (f.get("name"), e.get("message"))
            for f in ET.fromstring(out)
            for e in f
        }
    elif fmt == "github":
        texts = {}
        for line in out.splitlines():
            head, _, message = line[2:].partition("::")
            props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
            texts[props["title"].split("%3A")[0].split()[1]] = (props["file"], message)
    else:
        texts = {}
        blocks = out.split("\n\n") if fmt == "full" else out.splitlines()
        for block in blocks:
            head = block.split(": ", 1)
            if len(head) == 2 and head[1].startswith("HUB"):
                code = head[1].split()[0]
                texts[code] = (head[0].rsplit(":", 2)[0], block)
    return texts["HUB204"], texts["HUB409"]


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_formats_name_files_from_the_repository_root(repo, run_cli, fmt):
    (path, mismatch), (_, cmd) = _places(run_cli, fmt)
    assert path == "images/user/Dockerfile"
    # where the build argument's value and the Hub's version are written, on the same base
    assert "`JUPYTERHUB_VERSION=4.1.6` comes from `.env:2 → Makefile:4`" in mismatch
    assert "(the Hub's 5.2.1: `.env:1` → `hub/Dockerfile:2`)" in mismatch
    assert "(hub/jupyterhub_config.py:6)" in cmd
    assert "../" not in mismatch + cmd


@pytest.mark.parametrize("fmt", PEOPLE)
def test_formats_for_people_name_files_from_the_working_folder(repo, run_cli, fmt):
    (path, mismatch), (_, cmd) = _places(run_cli, fmt)
    assert path == "../images/user/Dockerfile"
    assert "`JUPYTERHUB_VERSION=4.1.6` comes from `../.env:2 → ../Makefile:4`" in " ".join(mismatch.split())
    assert "(the Hub's 5.2.1: `../.env:1` → `../hub/Dockerfile:2`)" in mismatch
    assert "(../hub/jupyterhub_config.py:6)" in cmd


def test_a_file_named_in_the_subfolder(repo, run_cli):
    """The file named from where it is: people see it as named, machines from the repository root; the paths in
    the messages follow each."""
    out = _lint(run_cli, "concise", "user/Dockerfile")
    assert out.startswith("user/Dockerfile:") and "(../hub/jupyterhub_config.py:6)" in out
    doc = json.loads(_lint(run_cli, "json", "user/Dockerfile"))
    assert {f["path"] for f in doc["findings"]} == {"images/user/Dockerfile"}
    assert any("(hub/jupyterhub_config.py:6)" in f["message"] for f in doc["findings"])
    assert {e["path"] for e in doc["files"]} == {"images/user/Dockerfile"}


def test_json_files_and_deployment_on_the_same_base(repo, run_cli):
    doc = json.loads(_lint(run_cli, "json", ".."))
    assert {e["path"] for e in doc["files"]} >= {"images/user/Dockerfile", "hub/Dockerfile", ".env", "Makefile"}
    dep = doc["deployment"]
    assert dep["root"] == "."
    assert dep["hub"]["path"] == ".env" and dep["hub"]["source"].startswith("`.env:1`")
    assert {b["dockerfile"] for b in dep["builds"]} == {"hub/Dockerfile", "images/user/Dockerfile"}
    assert not any(p.startswith("../") for p in json.dumps(dep).split('"'))


def test_sarif_names_the_repository_root(repo, run_cli):
    run = json.loads(_lint(run_cli, "sarif", ".."))["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations and all(a["uriBaseId"] == "%SRCROOT%" and not a["uri"].startswith("..") for a in locations)


def test_the_same_report_from_the_root_and_from_a_subfolder(repo, run_cli, monkeypatch):
    """What a machine reads does not depend on where hublint ran."""
    below = {fmt: _lint(run_cli, fmt, "..") for fmt in MACHINE}
    monkeypatch.chdir(repo)
    for fmt in MACHINE:
        assert _lint(run_cli, fmt, ".") == below[fmt], fmt


def test_outside_any_repository(tmp_path, run_cli, monkeypatch):
    """No `.git` above: machines get the file as people do, as it was named (relative to the working folder)."""
    (tmp_path / "deploy" / "user").mkdir(parents=True)
    (tmp_path / "deploy" / "user" / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:latest\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    for fmt in MACHINE:
        out = _lint(run_cli, fmt, "--role", "singleuser", "../deploy/user/Dockerfile")
        assert "../deploy/user/Dockerfile" in out, fmt
    doc = json.loads(_lint(run_cli, "json", "../deploy"))
    assert {f["path"] for f in doc["findings"]} == {"../deploy/user/Dockerfile"}
    run = json.loads(_lint(run_cli, "sarif", "../deploy"))["runs"][0]
    (location,) = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert location == "../deploy/user/Dockerfile"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": (tmp_path / "elsewhere").as_uri() + "/"}}


def test_a_file_named_by_its_absolute_path(repo):
    """Editors and the Python API name files by absolute paths: the paths in their messages are relative to the
    repository root, not absolute."""
    import hublint

    found = {f.code: f for f in hublint.lint_paths([str(repo / "images" / "user" / "Dockerfile")])}
    assert found["HUB409"].path == str(repo / "images" / "user" / "Dockerfile")
    assert "(hub/jupyterhub_config.py:6)" in found["HUB409"].message
    assert "comes from `.env:2 → Makefile:4`" in found["HUB204"].help
