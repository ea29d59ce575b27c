import pytest

import hublint


def codes(text, path="jupyterhub_config.py"):
    return [(f.code, f.line, f.column) for f in hublint.lint_text(text, path=path)]


@pytest.mark.parametrize("line", ['c.Spawner.cmd = "jupyterhub-singleuser --debug"',
                                  "c.DockerSpawner.cmd = 'start-singleuser.py --SingleUserNotebookApp.default_url=/lab'",
                                  'c.KubeSpawner.cmd = "a b"'])
def test_fires(line):
    assert [c for c, _, _ in codes(f"c = get_config()\n{line}\n")] == ["HUB601"]


@pytest.mark.parametrize("line", ['c.Spawner.cmd = "jupyterhub-singleuser"', 'c.Spawner.cmd = ["a", "--b"]',
                                  "c.Spawner.cmd = None", 'c.Spawner.default_url = "/lab tree"'])
def test_silent(line):
    assert codes(f"c = get_config()\n{line}\n") == []


def test_z2jh_singleuser_cmd():
    assert codes("singleuser:\n  cmd: jupyterhub-singleuser --debug\n", "values.yaml") == [("HUB601", 2, 8)]
    assert codes("singleuser:\n  cmd: [jupyterhub-singleuser, --debug]\n", "values.yaml") == []
