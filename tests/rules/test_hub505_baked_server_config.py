import pytest
from conftest import lint, lint_repo

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def hub505(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB505"]


@pytest.mark.parametrize(("name", "content", "what"), [
    ("jupyter_server_config.py", "c = get_config()\nc.ServerApp.default_url = '/lab/tree/a.ipynb'\n",
     "ServerApp.default_url"),
    ("jupyter_server_config.json", '{"ServerApp": {"jpserver_extensions": {"jupyterhub": false}}}',
     "ServerApp.jpserver_extensions"),
    ("jupyter_notebook_config.py", "c.NotebookApp.default_url = '/tree'\n", "NotebookApp.default_url"),
    ("jupyter_server_config.py", "c.ServerApp.jpserver_extensions['jupyterhub'] = False\n",
     "ServerApp.jpserver_extensions"),
])
def test_config_files_the_image_ships(tmp_path, name, content, what):
    (tmp_path / name).write_text(content)
    for dest in ("/etc/jupyter/", "/opt/conda/etc/jupyter/", "/home/jovyan/.jupyter/", "/usr/local/etc/jupyter/"):
        (f,) = hub505(f"{BASE}COPY {name} {dest}\n", context=str(tmp_path))
        assert f.message.startswith(f"`{dest}{name}` sets `{what}`") and f.line == 2


def test_a_folder_copy_and_settings_that_do_no_harm(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "jupyter_server_config.py").write_text("c.ServerApp.default_url = '/lab'\n")
    assert len(hub505(f"{BASE}COPY conf/ /etc/jupyter/\n", context=str(tmp_path))) == 1
    (tmp_path / "conf" / "jupyter_server_config.py").write_text(
        "c.ServerApp.ip = '0.0.0.0'\nc.ServerApp.port = 8888\nc.ContentsManager.allow_hidden = True\n")
    assert hub505(f"{BASE}COPY conf/ /etc/jupyter/\n", context=str(tmp_path)) == []  # the extension overrides them
    # ... but jupyterhub < 4 reads config files over the Hub's settings
    old = "FROM jupyter/base-notebook:2022-10-03\n"
    (f,) = hub505(f"{old}COPY conf/ /etc/jupyter/\n", context=str(tmp_path))[:1]
    assert "jupyterhub < 4 takes it over the Hub's" in f.message


def test_a_default_url_equal_to_the_deployments_is_fine():
    files = {
        "jupyter_server_config.py": "c.ServerApp.default_url = '/lab'\n",
        "Dockerfile": f"{BASE}COPY jupyter_server_config.py /etc/jupyter/\n",
    }
    assert len(lint_repo(files, "HUB505")) == 1
    assert lint_repo({**files, "values.yaml": "singleuser:\n  defaultUrl: /lab\n"}, "HUB505") == []


def test_a_config_hublint_cannot_parse_is_not_executed(tmp_path):
    (tmp_path / "jupyter_server_config.py").write_text("import os\nos.system('touch /tmp/hublint-ran')\nc.ServerApp.default_url = (\n")
    assert hub505(f"{BASE}COPY jupyter_server_config.py /etc/jupyter/\n", context=str(tmp_path)) == []


@pytest.mark.parametrize(("cmd", "fires"), [
    ('CMD ["start-notebook.py", "--ip=0.0.0.0"]', True),
    ('CMD ["jupyterhub-singleuser", "--ServerApp.base_url=/app/"]', True),
    ('CMD ["jupyterhub-singleuser", "--port=9999"]', True),
    ('CMD ["jupyterhub-singleuser", "--port=8888"]', False),  # the spawners' own default
    ('CMD ["jupyterhub-singleuser", "--debug"]', False),
    ('CMD ["jupyter", "lab", "--ip=0.0.0.0"]', False),  # not a launcher: HUB402 says what is wrong
])
def test_command_line_options(cmd, fires):
    assert bool(hub505(f"{BASE}{cmd}\n")) is fires


def test_a_hub_before_2_passes_ip_and_port_on_the_command_line(tmp_path):
    """JupyterHub < 2.0 starts each server with `--ip`/`--port` (jupyterhub #3381 stopped that): a config file's
    ip and port lose to them; its base_url still counts. The Hub's version decides, else the image's jupyterhub."""
    (tmp_path / "c.py").write_text("c.NotebookApp.ip = '0.0.0.0'\nc.NotebookApp.port = 9999\n")
    old = "FROM jupyter/base-notebook:2022-10-03\nCOPY c.py /etc/jupyter/jupyter_notebook_config.py\n"
    assert len(hub505(old, context=str(tmp_path))) == 2  # the image's jupyterhub 3: config files win
    assert hub505(old, context=str(tmp_path), hub_version="1.5.0") == []
    assert len(hub505(old, context=str(tmp_path), hub_version="3.1.1")) == 2
    pinned = old + "RUN pip install --no-cache-dir 'jupyterhub==1.5.0'\n"
    assert hub505(pinned, context=str(tmp_path)) == []
    (tmp_path / "c.py").write_text("c.NotebookApp.base_url = '/x/'\n")
    assert len(hub505(pinned, context=str(tmp_path))) == 1


def test_a_baked_ip_or_port_overrides_nothing_in_a_server_older_than_2_or_on_the_spawners_port(tmp_path):
    """A single-user server older than 2.0 takes ip and port from the command line a Hub before 2.0 gives, and from
    nothing under a newer Hub (which passes none): whatever the Hub, a baked one overrides nothing — the mismatch
    is HUB204's. A config file's `port = 8888` is the port the spawners use, as on the command line."""
    (tmp_path / "c.py").write_text("c.NotebookApp.ip = '0.0.0.0'\nc.NotebookApp.port = 9999\n")
    old = "FROM jupyter/base-notebook:2022-10-03\nCOPY c.py /etc/jupyter/jupyter_notebook_config.py\n"
    pinned = old + "RUN pip install --no-cache-dir 'jupyterhub==1.4.0'\n"
    assert hub505(pinned, context=str(tmp_path), hub_version="5.2.1") == []
    assert len(hub505(old, context=str(tmp_path), hub_version="5.2.1")) == 2  # jupyterhub 3 in the image: it wins
    (tmp_path / "c.py").write_text("c.NotebookApp.port = 8888\n")
    assert hub505(old, context=str(tmp_path), hub_version="5.2.1") == []


def test_what_rests_on_a_weak_hub_is_an_info(tmp_path):
    """A Hub known only weakly (its moving `latest` image) decides whether a baked ip wins: an info."""
    compose = "services:\n  hub:\n    build: hub\n  user:\n    build: user\n    image: user:1\n"
    files = {
        "docker-compose.yml": compose,
        "hub/Dockerfile": "FROM jupyterhub/jupyterhub:latest\nCOPY jupyterhub_config.py /srv/jupyterhub/\n",
        "hub/jupyterhub_config.py": "c.JupyterHub.spawner_class = 'docker'\nc.DockerSpawner.image = 'user:1'\n",
        "user/Dockerfile": "FROM jupyter/base-notebook:2022-10-03\nCOPY c.py /etc/jupyter/jupyter_notebook_config.py\n",
        "user/c.py": "c.NotebookApp.ip = '0.0.0.0'\nc.NotebookApp.jpserver_extensions = {'jupyterhub': False}\n",
    }
    found = sorted((f.message.split("`")[3], f.severity, f.confidence) for f in lint_repo(files, "HUB505"))
    # the disabled extension does not rest on the Hub's version: it stays a warning
    assert found == [("NotebookApp.ip", "info", "weak"), ("NotebookApp.jpserver_extensions", "warning", "certain")]
    files["hub/Dockerfile"] = files["hub/Dockerfile"].replace(":latest", ":5.2.1")
    assert {(f.severity, f.confidence) for f in lint_repo(files, "HUB505")} == {("warning", "certain")}


def test_a_default_url_is_only_the_images_when_its_deployment_sets_none():
    """The image's `default_url` wins over the Hub's `Spawner.default_url` — where its deployment sets none, it is
    the only default URL: not reported; a value the configuration computes may be anything: reported."""
    config = "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\nc.DockerSpawner.image = 'team/lab:1'\n{more}"
    files = {
        "Makefile": "lab:\n\tdocker build -t team/lab:1 lab\n",
        "lab/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY c.py /etc/jupyter/jupyter_server_config.py\n",
        "lab/c.py": "c.ServerApp.default_url = '/lab/tree/Welcome.ipynb'\n",
    }
    for more, fires in (("", False), ("c.Spawner.default_url = '/tree'\n", True),
                        ("import os\nc.Spawner.default_url = os.environ['URL']\n", True)):
        found = lint_repo({**files, "jupyterhub_config.py": config.format(more=more)}, "HUB505")
        assert bool(found) is fires, more
    assert len(lint_repo(files, "HUB505")) == 1  # no deployment in view: the Hub may set one
