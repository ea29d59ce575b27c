import pytest
from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("copy", ["COPY cfg.py /home/jovyan/.jupyter/", "ADD notebooks/ /home/jovyan/work",
                                  "COPY --chown=1000:100 cfg.json ~/.jupyter/x.json", "COPY notebooks/ notebooks/",
                                  "COPY x ${HOME}/x"])
def test_fires(copy):
    assert ("HUB504", 2) in codes(f"{BASE}{copy}\n")


@pytest.mark.parametrize("copy", ["COPY cfg.py /etc/jupyter/", "COPY --from=builder /opt/env /home/jovyan/env",
                                  "WORKDIR /srv\nCOPY x x"])
def test_silent(copy):
    assert "HUB504" not in [c for c, _ in codes(f"{BASE}{copy}\n")]


def test_build_inputs_read_later_are_fine():
    text = f"{BASE}COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
    assert "HUB504" not in [c for c, _ in codes(text)]
