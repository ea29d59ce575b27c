"""An unpinned jupyterhub is today's release only where the image's Python can install it: on a conda Python 3.5
`pip install jupyterhub` gets 1.2.2, so the rules that rest on jupyterhub ≥ 4 (HUB408) or on a Hub ≥ 2 (HUB505's
ip and port on the command line) say nothing; a system `python3.X` from apt says nothing of pip's Python where the
base's Python is known (conda's `pip` is the base's), and is the one Python hublint sees where it is not (`debian:jessie`
with `apt-get install python3.4`: pip3 there gets jupyterhub 0.8)."""

from conftest import lint_in as lint

CMD = "CMD jupyterhub-singleuser --ip=0.0.0.0 --NotebookApp.base_url=/x --user=\"$JPY_USER\"\n"


def _found(tmp_path, install: str) -> dict[str, str]:
    dockerfile = "FROM continuumio/miniconda3:24.1.2-0\n" + install + "RUN pip install jupyterhub notebook\nUSER 1000\n" + CMD
    return {f.code: f.message for f in lint(tmp_path, {"Dockerfile": dockerfile})}


def test_an_old_python_caps_an_unpinned_jupyterhub(tmp_path):
    old = _found(tmp_path, "RUN conda install -y python=3.5\n")
    assert "HUB408" not in old
    assert "base_url" in old["HUB505"] and "--ip" not in old["HUB505"]  # only ip and port were the Hub's then
    today = _found(tmp_path, "RUN conda install -y python=3.12\n")
    assert "HUB408" in today and "--ip" in today["HUB505"]
    apt = _found(tmp_path, "RUN apt-get update && apt-get install -y python3.4\n")
    assert "HUB408" in apt and "--ip" in apt["HUB505"]


def test_a_versioned_system_python_on_a_base_of_unknown_python_caps_an_unpinned_jupyterhub(tmp_path):
    dockerfile = (
        "FROM debian:jessie\nRUN apt-get update\nRUN apt-get install --yes --no-install-recommends \\\n"
        "        python3.4 python3-pip\nRUN pip3 install jupyterhub notebook\nUSER 1000\n" + CMD
    )
    found = {f.code for f in lint(tmp_path, {"Dockerfile": dockerfile})}
    assert "HUB408" not in found and "HUB505" in found  # --NotebookApp.base_url still beats the Hub's
    two = dockerfile.replace("python3.4 python3-pip", "python3.4 python3.11 python3-pip")
    assert "HUB408" in {f.code for f in lint(tmp_path, {"Dockerfile": two})}  # two Pythons: which pip is unknown


def test_a_python_2_beside_pip3_says_nothing_of_pip3s_python(tmp_path):
    dockerfile = (
        "FROM debian:buster\nRUN apt-get update && apt-get install -y python2.7 python3-pip"
        " && pip3 install jupyterhub notebook\nUSER 1000\n" + CMD
    )
    assert "HUB408" in {f.code for f in lint(tmp_path, {"Dockerfile": dockerfile})}
