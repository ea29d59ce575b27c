"""An unpinned jupyterhub is today's release only where the image's Python can install it: on a system Python 3.4
(`apt-get install python3.4`) `pip install jupyterhub` gets 0.8.1, so the rules that rest on jupyterhub ≥ 4 (HUB408)
or ≥ 2 (HUB505's command line) say nothing."""

from conftest import lint_in as lint

CMD = "CMD jupyterhub-singleuser --ip=0.0.0.0 --user=\"$JPY_USER\"\n"


def _codes(tmp_path, python: str) -> set[str]:
    dockerfile = (
        "FROM debian:12\nRUN apt-get update && apt-get install --yes " + python + " python3-pip\n"
        "RUN pip3 install jupyterhub notebook\nUSER 1000\n" + CMD
    )
    return {f.code for f in lint(tmp_path, {"Dockerfile": dockerfile})}


def test_an_old_system_python_caps_an_unpinned_jupyterhub(tmp_path):
    assert not {"HUB408", "HUB505"} & _codes(tmp_path, "python3.4")
    assert {"HUB408", "HUB505"} <= _codes(tmp_path, "python3.11")  # today's jupyterhub installs there
    assert {"HUB408", "HUB505"} <= _codes(tmp_path, "python3")  # the distribution's Python: not known here
