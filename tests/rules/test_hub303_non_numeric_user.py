import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize(("user", "fires"), [("jovyan", True), ("$NB_USER", True), ("jovyan:users", True),
                                             ("${NB_UID}", False), ("1000:100", False), ("root", False),
                                             ("$UNKNOWN", False)])
def test_user(user, fires):
    assert (("HUB303", 2) in codes(f"{BASE}USER {user}\n")) is fires
