import pytest
from conftest import codes, lint


@pytest.mark.parametrize("text", [
    "FROM quay.io/jupyter/base-notebook\n",
    "FROM python\n",
    "ARG BASE=python\nFROM $BASE\n",
    "FROM localhost:5000/team/base\n",
    "FROM --platform=linux/amd64 ubuntu AS builder\nFROM quay.io/jupyter/base-notebook:2025-01-06\n",
])
def test_fires(text):
    assert "HUB101" in [c for c, _ in codes(text)]


@pytest.mark.parametrize("text", [
    "FROM scratch\n",
    "FROM python:3.12 AS build\nFROM build\n",
    "FROM python@sha256:" + "a" * 64 + "\n",
    "FROM localhost:5000/team/base:1.0\n",
    "ARG BASE\nFROM $BASE\n",
    "FROM jupyter/minimal-notebook:${TAG}\n",
])
def test_silent(text):
    assert "HUB101" not in [c for c, _ in codes(text)]


def test_anchor_is_the_reference_even_on_a_continuation_line():
    (f,) = [f for f in lint("FROM \\\n    quay.io/jupyter/base-notebook AS x\n") if f.code == "HUB101"]
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 5, 2, 34)


def test_build_arg_option():
    assert ("HUB101", 2) in codes("ARG BASE\nFROM $BASE\n", build_args={"BASE": "python"})
