"""HUB604: the deployment's files disagree on the Hub's version — reported once, where the unused one is."""

import json


def tree(tmp_path, files):
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)


def lint(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli("--format", "json", ".")
    return [(f["path"], f["line"], f["code"], f["message"]) for f in json.loads(out)["findings"]]


def test_hub_dockerfile_pin_beats_its_base_tag(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5.2.1\n"
                                      "RUN pip install 'jupyterhub==4.1.6' dockerspawner\nCMD [\"jupyterhub\"]\n"})
    (found,) = [f for f in lint(tmp_path, monkeypatch, run_cli) if f[2] == "HUB604"]
    assert found[:2] == ("hub/Dockerfile", 1)
    assert "jupyterhub 5.2.1" in found[3] and "says 4.1.6" in found[3]


def test_a_stale_chart_version(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: jupyterhub\n"
                                  "    version: 3.3.8\n",
                    "images/hub/Dockerfile": "FROM quay.io/jupyterhub/k8s-hub:4.0.0\n",
                    "chartpress.yaml": "charts:\n  - name: x\n    images:\n      hub:\n        valuesPath: hub.image\n"})
    found = [f for f in lint(tmp_path, monkeypatch, run_cli) if f[2] == "HUB604"]
    assert [f[:2] for f in found] == [("Chart.yaml", 6)]


def test_agreeing_sources_are_no_conflict(tmp_path, monkeypatch, run_cli):
    tree(tmp_path, {"Chart.yaml": "name: x\ndependencies:\n  - name: jupyterhub\n    version: 4.0.0\n",
                    "values.yaml": "jupyterhub:\n  hub:\n    image:\n      name: quay.io/jupyterhub/k8s-hub\n"
                                   "      tag: \"4.0.0\"\n",
                    "hub/Dockerfile": "FROM quay.io/jupyterhub/jupyterhub:5\nCMD [\"jupyterhub\"]\n"})
    assert not [f for f in lint(tmp_path, monkeypatch, run_cli) if f[2] == "HUB604"]


def test_not_on_a_single_file():
    import hublint

    text = "FROM quay.io/jupyterhub/jupyterhub:5.2.1\nRUN pip install 'jupyterhub==4.1.6'\n"
    assert "HUB604" not in {f.code for f in hublint.lint_text(text, role="hub")}
