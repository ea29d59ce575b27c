import pytest
from conftest import lint_repo

CLASSIC = "notebook.notebookapp.NotebookApp"
CHARTPRESS = (
    "charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
    "        contextPath: image\n        valuesPath: singleuser.image\n"
)


def values(image, env):
    text = f"singleuser:\n  image:\n    name: {image.split(':')[0]}\n    tag: '{image.split(':')[1]}'\n  extraEnv:\n"
    return text + "".join(f"    {k}: '{v}'\n" for k, v in env.items())


def test_values_with_a_notebook7_image():
    (f,) = lint_repo({"values.yaml": values("quay.io/jupyter/scipy-notebook:2025-01-06",
                                            {"JUPYTERHUB_SINGLEUSER_APP": CLASSIC})}, "HUB605")
    assert (f.path, f.line, f.column, f.severity) == ("values.yaml", 6, 32, "error")
    assert f.message == (
        f"JUPYTERHUB_SINGLEUSER_APP `{CLASSIC}` needs the classic server: the spawn image has notebook 7"
    )
    assert f.help.startswith("spawn image `quay.io/jupyter/scipy-notebook:2025-01-06`: remove it")


@pytest.mark.parametrize(("image", "env"), [
    ("quay.io/jupyter/scipy-notebook:2023-05-01", {"JUPYTERHUB_SINGLEUSER_APP": CLASSIC}),  # notebook 6
    ("quay.io/jupyter/scipy-notebook:2025-01-06", {"JUPYTERHUB_SINGLEUSER_APP": "jupyter_server.serverapp.ServerApp"}),
    ("example.org/team/unknown:1.0", {"JUPYTERHUB_SINGLEUSER_APP": CLASSIC}),  # not known
    ("quay.io/jupyter/scipy-notebook:2025-01-06", {"JUPYTERHUB_SINGLEUSER_EXTENSION": "0"}),
])
def test_silent_on_values(image, env):
    assert lint_repo({"values.yaml": values(image, env)}, "HUB605") == []


def test_a_shortcut_with_an_old_jupyterhub():
    (f,) = lint_repo({"values.yaml": values("jupyterhub/singleuser:3.1.1",
                                            {"JUPYTERHUB_SINGLEUSER_APP": "jupyter-server"})}, "HUB605")
    assert "is a shortcut jupyterhub 3.1.1 does not know (4.0+ does)" in f.message


def test_extension_conflict():
    (f,) = lint_repo({"values.yaml": values("quay.io/jupyter/scipy-notebook:2025-01-06", {
        "JUPYTERHUB_SINGLEUSER_EXTENSION": "1", "JUPYTERHUB_SINGLEUSER_APP": "voila.app.Voila"})}, "HUB605")
    assert f.line == 6 and "cannot run JUPYTERHUB_SINGLEUSER_APP `voila.app.Voila`" in f.message


def test_an_image_built_here_is_judged_at_its_from():
    text = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1.0'\n  extraEnv:\n"
    text += f"    JUPYTERHUB_SINGLEUSER_APP: {CLASSIC}\n"
    image = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' notebook\n"
    (f,) = lint_repo({"values.yaml": text, "chartpress.yaml": CHARTPRESS, "image/Dockerfile": image}, "HUB605")
    assert (f.path, f.line, f.column, f.severity) == ("image/Dockerfile", 1, 6, "error")
    assert f.message.endswith("needs the classic server: this image has notebook 7")
    assert f.help.startswith("set in values.yaml:6: remove it")
    pinned = image.replace("notebook", "'notebook==6.5.7'")
    assert lint_repo({"values.yaml": text, "chartpress.yaml": CHARTPRESS, "image/Dockerfile": pinned}, "HUB605") == []


def test_a_dockerspawner_environment():
    config = (
        'c = get_config()\nc.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"\n'
        'c.DockerSpawner.image = "quay.io/jupyter/base-notebook:2025-01-06"\n'
        f'c.Spawner.environment = {{"JUPYTERHUB_SINGLEUSER_APP": "{CLASSIC}"}}\n'
    )
    (f,) = lint_repo({"jupyterhub_config.py": config}, "HUB605")
    assert (f.path, f.line) == ("jupyterhub_config.py", 4)


def test_another_layer_that_sets_another_value_leaves_it_unknown():
    chart = values("quay.io/jupyter/scipy-notebook:2025-01-06", {"JUPYTERHUB_SINGLEUSER_APP": CLASSIC})
    override = "singleuser:\n  extraEnv:\n    JUPYTERHUB_SINGLEUSER_APP: jupyter_server.serverapp.ServerApp\n"
    assert lint_repo({"config/common.yaml": chart, "config/prod.yaml": override}, "HUB605") == []
    same = override.replace("jupyter_server.serverapp.ServerApp", CLASSIC)
    assert len(lint_repo({"config/common.yaml": chart, "config/prod.yaml": same}, "HUB605")) == 1


def test_the_image_env_is_hub503s():
    image = f"FROM quay.io/jupyter/base-notebook:2025-01-06\nENV JUPYTERHUB_SINGLEUSER_APP={CLASSIC}\n"
    found = lint_repo({"Dockerfile": image}, role="singleuser")
    assert [f.code for f in found if f.code in ("HUB503", "HUB605")] == ["HUB503"]
