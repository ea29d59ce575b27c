"""Pragmas, selection, severities and the Python API."""

import pytest
from conftest import codes

import hublint


def test_pragma_next_instruction_only():
    text = ("# hublint ignore=HUB101\nFROM quay.io/jupyter/base-notebook AS a\n"
            "FROM quay.io/jupyter/base-notebook\n")
    assert codes(text, select=["HUB101"]) == [("HUB101", 3)]


def test_pragma_by_name_with_reason_and_global():
    text = "# hublint global ignore=untagged-base-image  # we rebuild nightly\nFROM python\nFROM ubuntu\n"
    assert codes(text, select=["HUB101"]) == []


def test_pragma_spans_a_multi_line_instruction():
    text = "# hublint ignore=HUB101\nFROM \\\n  quay.io/jupyter/base-notebook\n"
    assert codes(text, select=["HUB101"]) == []


def test_unknown_pragma_code_is_hub002_at_the_entry():
    (f,) = hublint.lint_text("FROM python:3.12\n# hublint ignore=HUB101, HUB9Z\nRUN true\n", select=["HUB0"])
    assert (f.code, f.line, f.column, f.end_column) == ("HUB002", 2, 26, 31)


def test_no_inline_ignores():
    text = "# hublint ignore=HUB101\nFROM python\n"
    assert codes(text, select=["HUB101"], inline_ignores=False) == [("HUB101", 2)]


def test_severity_override_by_name():
    (f,) = hublint.lint_text("FROM python\n", select=["HUB101"], severity={"untagged-base-image": "info"},
                             role="singleuser")
    assert f.severity == "info"


def test_api_rejects_unknown_options():
    with pytest.raises(TypeError):
        hublint.lint_text("FROM python\n", colour=True)
    with pytest.raises(ValueError, match="fail-on"):
        hublint.lint_text("FROM python\n", fail_on="often")


def test_finding_is_frozen_and_json_shaped():
    (f,) = hublint.lint_text("FROM python\n", select=["HUB101"], role="singleuser")
    with pytest.raises(AttributeError):
        f.line = 3
    assert set(f.to_json()) == {"code", "name", "severity", "message", "path", "line", "column", "end_line",
                                "end_column", "fix", "help", "confidence"}


def test_instructions_before_from_are_hub001():
    assert codes("RUN echo hi\nFROM python:3\n") == [("HUB001", 1)]
    assert codes("# only a fragment\n\nUSER 1000\n") == [("HUB001", 3)]


def test_lint_paths(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM python\nRUN pip install jupyterhub jupyterlab\n")
    assert [f.code for f in hublint.lint_paths([tmp_path], select=["HUB101"])] == ["HUB101"]
    with pytest.raises(ValueError, match="no such file"):
        hublint.lint_paths([tmp_path / "missing"])


def test_a_target_the_file_does_not_have_is_hub001():
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06 AS build\nRUN true\nFROM build AS final\n"
    (f,) = hublint.lint_text(text, target="nope")
    assert (f.code, f.line) == ("HUB001", 3) and "no build stage named `nope`" in f.message
    assert not [x for x in hublint.lint_text(text, target="BUILD") if x.code == "HUB001"]  # names ignore case


def test_two_settings_that_read_one_written_value_give_one_finding():
    """`DockerSpawner.image` and `allowed_images` both read `IMAGE`, which compose sets once: one finding there."""
    from conftest import lint_repo

    compose = ("services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n    command: jupyterhub\n"
               "    environment:\n      IMAGE: example.org/team/lab:latest\n")
    config = ("import os\nc.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
              "c.DockerSpawner.image = os.environ['IMAGE']\n"
              "c.DockerSpawner.allowed_images = {'default': os.environ['IMAGE']}\n")
    found = lint_repo({"docker-compose.yml": compose, "jupyterhub_config.py": config}, "HUB102")
    assert [(f.path, f.line) for f in found] == [("docker-compose.yml", 6)]
