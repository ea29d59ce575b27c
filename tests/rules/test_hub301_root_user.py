import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("user", ["root", "0", "root:users", "0:0", "$U"])
def test_fires(user):
    assert ("HUB301", 3) in codes(f"{BASE}ARG U=root\nUSER {user}\n")


@pytest.mark.parametrize("user", ["${NB_UID}", "$NB_USER", "1000", "jovyan:users", "$UNKNOWN_ARG"])
def test_silent(user):
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER {user}\n")]


def test_last_user_of_the_chain_only():
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER root\nRUN true\nUSER 1000\n")]
    text = "FROM python:3.12 AS build\nUSER root\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
    assert "HUB301" not in [c for c, _ in codes(text)]
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06 AS base\nUSER root\nFROM base\nRUN true\n"
    assert ("HUB301", 2) in codes(text)
