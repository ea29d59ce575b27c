import hublint


def codes(text, path="jupyterhub_config.py"):
    return [(f.code, f.line) for f in hublint.lint_text(text, path=path)]


def test_args_without_cmd():
    assert codes('c = get_config()\nc.KubeSpawner.args = ["--debug"]\n') == [("HUB602", 2)]
    assert codes('c = get_config()\nc.Spawner.args = ["--debug"]\n') == [("HUB602", 2)]


def test_cmd_set_or_empty_args():
    assert codes('c = get_config()\nc.Spawner.cmd = ["x"]\nc.KubeSpawner.args = ["--debug"]\n') == []
    assert codes("c = get_config()\nc.KubeSpawner.args = []\n") == []


def test_z2jh_has_a_default_cmd_unless_null():
    text = "hub:\n  config:\n    KubeSpawner:\n      args: [--debug]\n"
    assert codes(text, "values.yaml") == []
    assert codes(text + "singleuser:\n  cmd: null\n", "values.yaml") == [("HUB602", 4)]
