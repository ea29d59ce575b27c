import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("line", ["ENV JUPYTERHUB_API_TOKEN=abc", "ENV JPY_API_TOKEN abc", "ARG JUPYTERHUB_API_TOKEN=abc",
                                  "ENV A=1 JUPYTERHUB_OAUTH_CLIENT_SECRET=\"s3cr3t\""])
def test_fires(line):
    assert ("HUB501", 2) in codes(f"{BASE}{line}\n")


@pytest.mark.parametrize("line", ["ARG JUPYTERHUB_API_TOKEN", "ENV JUPYTERHUB_API_TOKEN=", "ENV JUPYTERHUB_VERSION=5.3.0",
                                  "ENV JUPYTERHUB_OAUTH_SCOPES=x"])
def test_silent(line):
    assert "HUB501" not in [c for c, _ in codes(f"{BASE}{line}\n")]


def test_global_arg_counts():
    assert ("HUB501", 1) in codes(f"ARG JUPYTERHUB_API_TOKEN=abc\n{BASE}")
