"""Encrypted files (git-crypt, sops, ansible-vault) are listed with kind `encrypted`, never read or linted, never
HUB001, whatever their name; a value encrypted inside a readable file is unknown (issue 29, class 3)."""

import json
import os

import pytest

from hublint.workspace.sources import Sources, encryption

GITCRYPT = b"\x00GITCRYPT\x00" + bytes(range(256)) * 3
VAULT = (
    "$ANSIBLE_VAULT;1.1;AES256\n"
    "62313365396662343061393464336163383764373764613633653634306231386433626436623361\n"
    "3538\n"
)
SOPS_YAML = """\
singleuser:
    image:
        tag: ENC[AES256_GCM,data:c2VjcmV0,iv:EEEE,tag:FFFF==,type:str]
sops:
    kms: []
    age:
        - recipient: age1example
    lastmodified: "2024-06-01T10:00:00Z"
    mac: ENC[AES256_GCM,data:bWFj,iv:GGGG,tag:HHHH==,type:str]
    version: 3.8.1
"""
SOPS_DOTENV = "SECRET=ENC[AES256_GCM,data:c2Vj,iv:MM,tag:NN==,type:str]\nsops_version=3.8.1\nsops_mac=ENC[x,y]\n"
SOPS_INI = "[app]\nsecret = ENC[AES256_GCM,data:c2Vj,type:str]\n\n[sops]\nmac = ENC[AES256_GCM,data:bWFj]\nversion = 3.8.1\n"
SOPS_JSON = json.dumps({"data": "ENC[AES256_GCM,data:x]", "sops": {"mac": "ENC[x]", "version": "3.8.1", "kms": []}})


# --------------------------------------------------------------------------- recognising them


@pytest.mark.parametrize(
    "raw, tool",
    [
        (GITCRYPT, "git-crypt"),
        (VAULT.encode(), "ansible-vault"),
        (b"\xef\xbb\xbf" + VAULT.encode(), "ansible-vault"),
        (SOPS_YAML.encode(), "sops"),
        (SOPS_YAML.replace("    ", "  ").encode(), "sops"),  # any indentation
        (SOPS_DOTENV.encode(), "sops"),
        (SOPS_INI.encode(), "sops"),
        (SOPS_JSON.encode(), "sops"),
    ],
)
def test_encrypted_files_are_recognised_by_content(raw, tool):
    assert encryption(raw) == tool


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"FROM python:3.12\n",
        b"GITCRYPT\x00",  # the header needs its leading NUL
        b"# $ANSIBLE_VAULT;1.1;AES256\n",  # not the first thing in the file
        b"sops:\n  enabled: true\n",  # a values key named sops, without sops' metadata
        b"hub:\n  sops:\n    mac: x\n    version: 1\n",  # not top-level
        b"sops:\n  version: 1\nother:\n  mac: x\n",  # `mac` belongs to another mapping
        b"sops:\n  config:\n    mac: x\n    version: 1\n",  # nested one level deeper
        b"sops_version=3\n",  # one sops_ line is not the metadata
        b'{"sops": "no"}',
        b"{not json sops",
        b"[sops]\nenabled = true\n",
    ],
)
def test_plain_files_are_not_encrypted(raw):
    assert encryption(raw) is None


def test_sources_never_hand_out_the_text_of_an_encrypted_file(tmp_path):
    (tmp_path / "values.yaml").write_text(SOPS_YAML)
    (tmp_path / "plain.yaml").write_text("singleuser: {}\n")
    sources = Sources()
    assert sources.encrypted(str(tmp_path / "values.yaml")) == "sops"
    assert sources.text(str(tmp_path / "values.yaml")) is None
    assert sources.text(str(tmp_path / "plain.yaml")) == "singleuser: {}\n"
    assert sources.encrypted(str(tmp_path / "missing.yaml")) is None
    assert sources.encrypted(str(tmp_path)) is None  # a folder
    assert sources.opens == 2  # each file opened once, for the check and the text alike
    # an editor's buffer is checked too
    buffered = Sources({str(tmp_path / "plain.yaml"): VAULT})
    assert buffered.text(str(tmp_path / "plain.yaml")) is None


# --------------------------------------------------------------------------- in a repository


def _run(tmp_path, files, paths=(".",)):
    from hublint.workspace.run import Request, run

    (tmp_path / ".git").mkdir()
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return run(Request(list(paths), use_config=False))
    finally:
        os.chdir(cwd)


def test_encrypted_files_are_listed_and_never_linted_whatever_their_name(tmp_path):
    report = _run(
        tmp_path,
        {
            "Dockerfile.secrets": GITCRYPT,
            "secrets.yaml": GITCRYPT,
            ".env": SOPS_DOTENV,
            "jupyterhub_config.py": VAULT,
            "docker-compose.yml": VAULT,
            "staging/values.yaml": SOPS_YAML,
            "Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
        },
    )
    assert report.findings == []
    assert not report.errors
    kinds = {e.path: (e.kind, e.linted, e.reason) for e in report.entries}
    assert kinds["Dockerfile.secrets"] == ("encrypted", False, "encrypted (git-crypt): not read")
    assert kinds["secrets.yaml"][0] == "encrypted"
    assert kinds[".env"] == ("encrypted", False, "encrypted (sops): not read")
    assert kinds["jupyterhub_config.py"] == ("encrypted", False, "encrypted (ansible-vault): not read")
    assert kinds["docker-compose.yml"][0] == "encrypted"
    assert kinds["staging/values.yaml"][0] == "encrypted"
    assert kinds["Dockerfile"][0] == "dockerfile"
    dep = report.deployments[0]
    assert not dep.configs and not dep.composes  # nothing of them was read as a deployment file


def test_an_encrypted_dockerfile_named_by_a_build_definition_is_listed_once(tmp_path):
    report = _run(
        tmp_path,
        {"Makefile": "build:\n\tdocker build -f docker/lab.df -t example.org/lab:1 docker\n", "docker/lab.df": GITCRYPT},
    )
    assert report.findings == []
    assert [(e.path, e.kind) for e in report.entries if e.path.startswith("docker")] == [("docker/lab.df", "encrypted")]


def test_an_encrypted_file_named_on_the_command_line_or_on_stdin(tmp_path, run_cli):
    (tmp_path / "Dockerfile").write_bytes(GITCRYPT)
    status, out, err = run_cli("--no-config", "--format", "json", str(tmp_path / "Dockerfile"))
    doc = json.loads(out)
    assert status == 0 and doc["findings"] == [] and not err
    assert doc["files"] == [
        {"path": str(tmp_path / "Dockerfile"), "kind": "encrypted", "role": None,
         "reason": "encrypted (git-crypt): not read", "linted": False, "certainty": None}
    ]
    status, out, _ = run_cli("--no-config", "--format", "json", "-", stdin=VAULT.encode())
    assert status == 0 and json.loads(out)["files"][0]["kind"] == "encrypted"


def test_the_json_schema_knows_the_kind(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    schema = json.loads(files("hublint.data").joinpath("findings.schema.json").read_text())
    assert "encrypted" in schema["$defs"]["file"]["properties"]["kind"]["enum"]
    from hublint.formatters import render

    report = _run(tmp_path, {"secrets.yaml": GITCRYPT, "Dockerfile": "FROM scratch\n"})
    import io

    out = io.StringIO()
    render("json", report, out)
    jsonschema.validate(json.loads(out.getvalue()), schema)


def test_a_binary_file_that_is_not_a_dockerfile_is_never_called_one(tmp_path):
    """A binary YAML or .env that discovery only guessed at is skipped; a Hub configuration that is not text is
    HUB001 without "not a Dockerfile"; a binary Dockerfile keeps its HUB001."""
    binary = b"\x00\x01\x02binary"
    report = _run(tmp_path, {"notes.yaml": binary, ".env": binary, "jupyterhub_config.py": binary, "Dockerfile": binary})
    by_path = {f.path: f for f in report.findings}
    assert set(by_path) == {"jupyterhub_config.py", "Dockerfile"}
    assert "not a Dockerfile" not in by_path["jupyterhub_config.py"].message
    assert by_path["jupyterhub_config.py"].message.startswith("hublint cannot read this file: binary file")
    assert "not a Dockerfile" in by_path["Dockerfile"].message
    skipped = {e.path: e for e in report.entries}
    assert not skipped["notes.yaml"].linted and not skipped[".env"].linted


# --------------------------------------------------------------------------- values encrypted in place


def test_a_value_encrypted_in_place_is_unknown_and_the_rest_is_read():
    from hublint.deployment.chartvalues import read_z2jh_values
    from hublint.deployment.hubconfig import UNKNOWN_VALUE

    cfg = read_z2jh_values(
        "singleuser:\n"
        "  image:\n"
        "    name: example.org/lab\n"
        "    tag: !vault |\n"
        "      $ANSIBLE_VAULT;1.1;AES256\n"
        "      6231\n"
        "  defaultUrl: ENC[AES256_GCM,data:L2xhYg==,type:str]\n"
        "  cmd: jupyterhub-singleuser\n"
    )
    assert cfg is not None
    assert cfg.images[0].ref == "example.org/lab"  # the tag is unknown: the name alone
    assert cfg.z2jh["singleuser.defaultUrl"].value is UNKNOWN_VALUE
    assert cfg.spawner_cmd().value == "jupyterhub-singleuser"


def test_an_encrypted_dotenv_value_is_unknown_not_its_ciphertext():
    from hublint.deployment.dotenv import env_values

    got = env_values(".env", "IMAGE=ENC[AES256_GCM,data:c2Vj,type:str]\nTAG=1\nREF=${IMAGE}:${TAG}\n")
    assert got["IMAGE"].value is None and got["TAG"].value == "1" and got["REF"].value is None


def test_hostile_files_are_checked_in_bounded_time():
    import time

    samples = [
        b"sops:\n" * 300_000,
        b"sops:\n" + b"  x: 1\n" * 250_000,
        b"[sops]\n" + b"k = v\n" * 250_000,
        b"{" + b'"sops": ' * 50_000 + b"1" + b"}" * 50_000,
        b"[" * 100_000 + b"sops",
        b"sops_mac=\n" * 100_000,
        b"\x00GITCRYPT" + b"\x00" * 1000,
    ]
    for raw in samples:
        start = time.perf_counter()
        encryption(raw)
        assert time.perf_counter() - start < 2, raw[:20]
