import pytest
from conftest import codes, lint


@pytest.mark.parametrize("text", [
    "FROM quay.io/jupyter/base-notebook:latest\n",
    "FROM quay.io/jupyter/pytorch-notebook:cuda12-latest\n",
    "ARG TAG=latest\nFROM python:${TAG}\n",
    "FROM example.org/x:latest AS feeder\nFROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY --from=feeder /a /a\n",
])
def test_fires(text):
    assert "HUB102" in [c for c, _ in codes(text)]


@pytest.mark.parametrize("text", [
    "FROM python:latest@sha256:" + "b" * 64 + "\n",
    "FROM python:3.12-latestish\n",
    "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
])
def test_silent(text):
    assert "HUB102" not in [c for c, _ in codes(text)]


def test_points_at_the_tag():
    (f,) = [f for f in lint("FROM quay.io/jupyter/base-notebook:latest\n") if f.code == "HUB102"]
    assert (f.column, f.end_column) == (36, 42)
