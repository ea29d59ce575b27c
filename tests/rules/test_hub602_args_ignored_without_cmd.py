import hublint


def codes(text, path="jupyterhub_config.py"):
    return [(f.code, f.line) for f in hublint.lint_text(text, path=path)]


def test_args_without_cmd():
    assert codes('c = get_config()\nc.KubeSpawner.args = ["--debug"]\n') == [("HUB602", 2)]
    kube = 'c = get_config()\nc.JupyterHub.spawner_class = "kubespawner.KubeSpawner"\n'
    assert codes(kube + 'c.Spawner.args = ["--debug"]\n') == [("HUB602", 3)]


def test_spawners_that_use_args():
    """LocalProcessSpawner (`simple`, the default) and DockerSpawner append the args to the command they run."""
    assert codes('c = get_config()\nc.Spawner.args = ["--debug"]\n') == []  # the default spawner
    for cls in ("simple", "dockerspawner.DockerSpawner", "docker", "jupyterhub.spawner.LocalProcessSpawner"):
        text = f'c = get_config()\nc.JupyterHub.spawner_class = "{cls}"\nc.Spawner.args = ["--debug"]\n'
        assert codes(text) == [], cls
        assert codes(text.replace("c.Spawner.args", "c.KubeSpawner.args")) == [], cls


def test_message_and_help():
    (f,) = hublint.lint_text('c = get_config()\nc.KubeSpawner.args = ["--debug"]\n', path="jupyterhub_config.py")
    assert f.message == "KubeSpawner `args` without a `cmd` are ignored: it starts the image's CMD alone"
    assert "c.KubeSpawner.cmd" in f.help


def test_cmd_set_or_empty_args():
    assert codes('c = get_config()\nc.Spawner.cmd = ["x"]\nc.KubeSpawner.args = ["--debug"]\n') == []
    assert codes("c = get_config()\nc.KubeSpawner.args = []\n") == []


def test_z2jh_has_a_default_cmd_unless_null():
    text = "hub:\n  config:\n    KubeSpawner:\n      args: [--debug]\n"
    assert codes(text, "values.yaml") == []
    assert codes(text + "singleuser:\n  cmd: null\n", "values.yaml") == [("HUB602", 4)]
