from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
CMD = "CMD [\"start-notebook.py\"]\n"


def test_fires_when_start_sh_is_gone():
    assert ("HUB406", 2) in codes(f"{BASE}ENTRYPOINT [\"tini\", \"--\"]\n{CMD}")
    assert ("HUB406", 2) in codes(f"{BASE}ENTRYPOINT [\"bash\", \"-c\", \"exec \\\"$@\\\"\", \"--\"]\n{CMD}")


def test_start_sh_kept_or_other_bases():
    assert codes(f"{BASE}ENTRYPOINT [\"tini\", \"-g\", \"--\", \"/usr/local/bin/start.sh\"]\n{CMD}") == []
    text = "FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\nUSER 1000\nENTRYPOINT [\"tini\", \"--\"]\n" \
           "CMD [\"jupyterhub-singleuser\"]\n"
    assert codes(text) == []


def test_wrapper_scripts(tmp_path):
    text = f"{BASE}COPY entry.sh /usr/local/bin/entry.sh\nENTRYPOINT [\"tini\", \"-g\", \"--\", \"entry.sh\"]\n{CMD}"
    assert "HUB406" not in [c for c, _ in codes(text)]  # unreadable: not judged
    (tmp_path / "entry.sh").write_text("#!/bin/bash\nsetup-things\nexec start.sh \"$@\"\n")
    assert "HUB406" not in [c for c, _ in codes(text, context=str(tmp_path))]
    (tmp_path / "entry.sh").write_text("#!/bin/bash\nsetup-things\nexec \"$@\"\n")
    assert ("HUB406", 3) in codes(text, context=str(tmp_path))
