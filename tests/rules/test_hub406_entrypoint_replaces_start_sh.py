from conftest import codes, lint

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


def test_a_base_built_before_start_sh_was_its_entrypoint_loses_no_start_sh(tmp_path):
    """Before 2024-01-22 docker-stacks' ENTRYPOINT was `tini -g --` and its launchers ran start.sh: replacing the
    ENTRYPOINT drops no start.sh (a dated tag, a series tag whose releases ended: `jupyterhub/singleuser:0.8`); an
    undated base makes the finding a weak info."""
    (tmp_path / "entry.sh").write_text("#!/bin/bash\nsetup-things\nexec \"$@\"\n")
    wrapper = "COPY entry.sh /usr/local/bin/entry.sh\nENTRYPOINT [\"tini\", \"-g\", \"--\", \"entry.sh\"]\n"
    for base, expected in (
        ("quay.io/jupyter/base-notebook:2025-01-06", [("HUB406", "warning")]),
        ("jupyter/base-notebook:2023-10-20", []),
        ("jupyter/base-notebook:hub-1.4.2", []),
        ("jupyterhub/singleuser:0.8", []),
        ("jupyterhub/singleuser:1.4", [("HUB406", "info")]),  # a 1.4.x build hublint cannot date
    ):
        found = lint(f"FROM {base}\n{wrapper}CMD [\"start-notebook.sh\"]\n", context=str(tmp_path))
        assert [(f.code, f.severity) for f in found if f.code == "HUB406"] == expected, base
