from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_notebook_app_with_notebook7():
    assert ("HUB503", 2) in codes(f"{BASE}ENV JUPYTERHUB_SINGLEUSER_APP=notebook\n")
    text = "FROM quay.io/jupyter/base-notebook:2023-05-01\nENV JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp\n"
    assert "HUB503" not in [c for c, _ in codes(text)]


def test_shortcut_with_old_hub():
    text = f"{BASE}RUN pip install 'jupyterhub==3.1.1'\nENV JUPYTERHUB_SINGLEUSER_APP=jupyter-server\n"
    assert ("HUB503", 3) in codes(text)
    text = f"{BASE}RUN pip install 'jupyterhub==4.1.6'\nENV JUPYTERHUB_SINGLEUSER_APP=jupyter-server\n"
    assert "HUB503" not in [c for c, _ in codes(text)]


def test_conflict_with_extension():
    text = f"{BASE}ENV JUPYTERHUB_SINGLEUSER_EXTENSION=1 JUPYTERHUB_SINGLEUSER_APP=voila.app.Voila\n"
    assert ("HUB503", 2) in codes(text)
    text = f"{BASE}ENV JUPYTERHUB_SINGLEUSER_EXTENSION=0 JUPYTERHUB_SINGLEUSER_APP=voila.app.Voila\n"
    assert "HUB503" not in [c for c, _ in codes(text)]
