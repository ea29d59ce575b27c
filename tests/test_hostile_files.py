"""Deployment files under attack: alias bombs, deep nesting, huge files, invalid UTF-8, tabs, duplicate and
merge keys, interpolation loops, odd .env lines, broken Python.  Each bad file is one HUB001 finding (or read
as far as it can be), never a traceback, a hang or a crash; the other files of the repository are still linted.
Bounds: a deployment file over 2,000,000 bytes is not read (project.MAX_READ: one HUB001 "file too large to
read"); YAML text over 10,000,000 characters is not parsed and at most 200,000 YAML values are visited per file
(deployment/yamlnodes.py, aliases counted each time they are used); Python configurations are parsed by `ast`
(never executed)."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hublint

USER = ("FROM python:3.12.8-slim\nRUN pip install 'jupyterhub==5.3.0' 'jupyterlab==4.3.4'\nUSER 1000\n"
        'CMD ["jupyterhub-singleuser"]\n')

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)) + \
    "singleuser:\n  image:\n    name: *i\n"
HOSTILE = {
    "alias bomb": ("values.yaml", BOMB),
    "deep nesting": ("values.yaml", "singleuser: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "deep mapping": ("docker-compose.yml", "services:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(3000))),
    "huge": ("values.yaml", "singleuser:\n  image:\n    name: x\n" + "# pad\n" * 1_800_000),
    "invalid utf-8": ("values.yaml", b"singleuser:\n  image:\n    name: \xff\xfe\x80\n"),
    "tabs": ("docker-compose.yml", "services:\n\thub:\n\t\timage: x\n"),
    "duplicate keys": ("docker-compose.yml", "services:\n  hub:\n    image: a\n  hub:\n    image: b\n"),
    # Helm keeps the last of a key written twice in values: read as Helm reads it, no HUB001
    "duplicate values keys": ("values.yaml", "singleuser:\n  image: {name: a}\n  image: {name: b}\n"),
    "broken python": ("jupyterhub_config.py", "c = get_config(\nc.Spawner.cmd = [\n"),
    "deep python": ("jupyterhub_config.py", "c = get_config()\nc.Spawner.args = " + "[" * 5000 + "]" * 5000 + "\n"),
    "binary python": ("jupyterhub_config.py", b"\x00\x01\x02 c = get_config()\n"),
    "env loop": (".env", "A=${B}\nB=${A}\nC=${C:-${C}}\nexport D='unterminated\nE=\"multi\nline\"\n=nokey\n"),
    "compose loop": ("docker-compose.yml", "services:\n  hub:\n    image: ${X:-${X:-${X}}}\n    command: jupyterhub\n"
                     "    environment:\n      - A=${A}\n"),
    "merge keys": ("values.yaml", "base: &b {image: {name: quay.io/jupyter/base-notebook, tag: latest}}\n"
                   "singleuser:\n  <<: *b\n  <<: [*b, *b]\n"),
}


def _repo(tmp_path, name, content):
    (tmp_path / ".git").mkdir()
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "Dockerfile").write_text(USER)
    target = tmp_path / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    return tmp_path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_deployment_file(case, tmp_path):
    name, content = HOSTILE[case]
    repo = _repo(tmp_path, name, content)
    proc = subprocess.run([sys.executable, "-m", "hublint", "--no-cache", "--format", "json", "."], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr[-2000:]
    doc = json.loads(proc.stdout)
    on_file = [f for f in doc["findings"] if f["path"] == name]
    errors = [f for f in on_file if f["code"] == "HUB001"]
    assert len(errors) <= 1
    if case in ("alias bomb", "deep nesting", "huge", "tabs", "duplicate keys", "broken python",
                "deep python", "binary python"):
        assert len(errors) == 1, on_file
        assert errors[0]["message"] and "\n" not in errors[0]["message"]
    if case == "huge":
        assert "too large" in errors[0]["message"]
    if case == "duplicate values keys":
        assert errors == [] and [f["message"] for f in on_file if f["code"] == "HUB101"] == [
            "spawn image `b` has no tag or digest"
        ]
    # the repository's other files are still read and linted
    assert any(e["path"] == "user/Dockerfile" and e["linted"] for e in doc["files"])


def test_the_alias_budget_is_stated_and_small():
    from hublint.deployment import yamlnodes

    from hublint.workspace import sources

    assert yamlnodes.MAX_VISITS == 200_000 and yamlnodes.MAX_BYTES == 10_000_000 and sources.MAX_READ == 2_000_000


FUZZ = settings(max_examples=int(__import__("os").environ.get("HUBLINT_FUZZ_EXAMPLES", "150")), derandomize=True,
                deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAMLISH = st.lists(st.sampled_from(list("ab:- \n\t&*<[]{}'\"#!|>%@`,?$") + ["singleuser", "hub", "image",
                                                                            "services", "name", "tag", "\n  "]),
                   max_size=80).map("".join)


@FUZZ
@given(YAMLISH, st.sampled_from(["values.yaml", "config.yaml", "docker-compose.yml", ".env", "Chart.yaml"]))
def test_fuzzed_deployment_files_never_raise(text, name):
    findings = hublint.lint_text(text, path=name) if name.endswith((".yaml", ".yml")) else []
    assert all(f.code.startswith("HUB") for f in findings)


@FUZZ
@given(st.text(max_size=300))
def test_fuzzed_hub_configs_never_raise(text):
    findings = hublint.lint_text(text, path="jupyterhub_config.py")
    assert all(f.code.startswith("HUB") for f in findings)


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                   HealthCheck.function_scoped_fixture])
@given(YAMLISH, st.sampled_from(["docker-compose.yml", ".env", "values.yaml", "chartpress.yaml", "Chart.yaml"]))
def test_fuzzed_repositories_never_raise(tmp_path_factory, text, name):
    from hublint.workspace.run import Request, run

    repo = tmp_path_factory.mktemp("repo")
    (repo / ".git").mkdir()
    (repo / "Dockerfile").write_text(USER)
    (repo / name).write_text(text)
    import os

    cwd = os.getcwd()
    os.chdir(repo)
    try:
        report = run(Request(["."], use_config=False))
    finally:
        os.chdir(cwd)
    assert all(f.code.startswith("HUB") for f in report.findings)


def test_a_huge_yaml_file_only_its_extension_calls_values_is_listed_not_reported(tmp_path):
    """A YAML file over the read limit whose name does not say values (a test recording) and that no release names
    has nothing that makes it a deployment file: listed as not read, no HUB001; one named like values keeps it."""
    (tmp_path / "tests" / "cassettes").mkdir(parents=True)
    repo = _repo(tmp_path, "tests/cassettes/test_execute.yaml", "interactions:\n" + "- a: b\n" * 300_000)
    big = "singleuser:\n  image:\n    name: x\n" + "# pad\n" * 400_000
    (repo / "deploy").mkdir()
    (repo / "deploy" / "config-prod.yaml").write_text(big)
    doc = json.loads(subprocess.run([sys.executable, "-m", "hublint", "--no-cache", "--format", "json", "."], cwd=repo,
                                    capture_output=True, text=True, timeout=120).stdout)
    assert [(f["path"], f["code"]) for f in doc["findings"] if f["code"] == "HUB001"] == [
        ("deploy/config-prod.yaml", "HUB001")]
    entry = next(e for e in doc["files"] if e["path"] == "tests/cassettes/test_execute.yaml")
    assert not entry["linted"] and "too large" in entry["reason"]
