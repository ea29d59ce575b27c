import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("ent", ['["jupyter", "lab"]', '["jupyterhub-singleuser"]', '["tini", "--", "start-notebook.py"]',
                                 "/usr/local/bin/entrypoint.sh"])
def test_fires(ent):
    assert ("HUB405", 2) in codes(f"{BASE}ENTRYPOINT {ent}\nCMD [\"--debug\"]\n")


@pytest.mark.parametrize("ent", ['["tini", "-g", "--", "start.sh"]', '["/usr/local/bin/entrypoint.sh"]',
                                 '["tini", "--"]'])
def test_wrappers_are_fine(ent):
    assert "HUB405" not in [c for c, _ in codes(f"{BASE}ENTRYPOINT {ent}\nCMD [\"jupyterhub-singleuser\"]\n")]
