import pytest
from conftest import lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"  # notebook 7.3.2, no nodejs (built after 2024-11-08)
OLD = "FROM quay.io/jupyter/base-notebook:2024-03-18\n"  # notebook 7.1.x, nodejs still installed


def hub213(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB213"]


def test_contrib_nbextension_on_notebook7():
    """failure-modes-2 t09: one finding per RUN, at the first step that fails."""
    text = (f"{BASE}RUN pip install --no-cache-dir jupyter_contrib_nbextensions && \\\n"
            "    jupyter contrib nbextension install --sys-prefix && \\\n"
            "    jupyter nbextension enable --py widgetsnbextension --sys-prefix\n")
    (f,) = hub213(text)
    assert (f.line, f.column, f.end_line) == (2, 1, 3)  # from the RUN to the end of `jupyter contrib nbextension`
    assert f.message == ("`jupyter contrib nbextension` needs the classic notebook, and the image has notebook 7.3.2 "
                         "here: this step fails")


@pytest.mark.parametrize(("step", "fix"), [
    ("jupyter nbextension enable --py widgetsnbextension --sys-prefix", "jupyter nbclassic-extension"),
    ("jupyter serverextension enable --sys-prefix nbgitpuller", "jupyter server extension enable"),
    ("jupyter-nbextension install --py mypkg --sys-prefix", "jupyter nbclassic-extension"),
    ("jupyter nbextensions_configurator enable --sys-prefix", "notebook<7"),
])
def test_classic_commands(step, fix):
    (f,) = hub213(f"{BASE}RUN {step}\n")
    assert f.line == 2 and fix in f.help
    assert f.column == 5  # the command itself


def test_the_notebook_at_that_step_decides():
    # notebook 6 installed before the step: it has the classic commands
    assert hub213(f"{BASE}RUN pip install 'notebook<7' && jupyter nbextension enable --py x --sys-prefix\n") == []
    # notebook 7 installed by an unpinned install before the step on a notebook-6 base
    (f,) = hub213("FROM python:3.11.11-slim\nRUN pip install notebook\nRUN jupyter nbextension list\n")
    assert f.line == 3
    # a base whose notebook version hublint cannot know
    assert hub213("FROM quay.io/jupyter/base-notebook:latest\nRUN jupyter nbextension list\n") == []
    assert hub213("FROM example.org/team/base:1\nRUN jupyter nbextension list\n") == []


def test_old_nbclassic_shipped_the_classic_names():
    assert hub213(f"{BASE}RUN pip install 'nbclassic==0.4.3' && jupyter nbextension list\n") == []
    assert hub213(f"{BASE}RUN pip install 'nbclassic==1.2.0' && jupyter nbextension list\n") != []


def test_labextension_install_without_nodejs():
    """failure-modes-2 t10."""
    (f,) = hub213(f"{BASE}RUN jupyter labextension install @jupyter-widgets/jupyterlab-manager && jupyter lab build\n")
    assert (f.line, f.column, f.end_column) == (2, 5, 33)
    assert f.message == ("`jupyter labextension install` needs nodejs: the base `base-notebook:2025-01-06` has none and "
                         "no step installs it")


@pytest.mark.parametrize("text", [
    f"{OLD}RUN jupyter labextension install @jupyter-widgets/jupyterlab-manager\n",  # the base still had nodejs
    f"{BASE}RUN mamba install --yes nodejs && jupyter lab build\n",
    f"{BASE}USER root\nRUN apt-get update && apt-get install -y nodejs npm\nUSER 1000\nRUN jupyter lab build\n",
    f"{BASE}RUN curl -fsSL https://example.org/setup.sh | bash && jupyter lab build\n",  # opaque
    f"{BASE}COPY --from=node:20-slim /usr/local/bin/node /usr/local/bin/node\nRUN jupyter lab build\n",
    "FROM example.org/team/base:1\nRUN jupyter lab build\n",  # unknown base
    f"{BASE}RUN jupyter labextension enable @jupyter-widgets/jupyterlab-manager\n",  # no build
    f"{BASE}RUN jupyter labextension list\n",
])
def test_nodejs_silent(text):
    assert hub213(text) == []


def test_environment_file_with_nodejs(tmp_path):
    (tmp_path / "environment.yml").write_text("dependencies:\n  - nodejs=20\n")
    text = f"{BASE}COPY environment.yml /tmp/\nRUN mamba env update -n base -f /tmp/environment.yml\nRUN jupyter lab build\n"
    assert hub213(text, context=str(tmp_path)) == []
    (tmp_path / "environment.yml").write_text("dependencies:\n  - numpy=2.2\n")
    assert [f.line for f in hub213(text, context=str(tmp_path))] == [4]


def test_python_base_has_no_nodejs():
    text = "FROM python:3.12.8-slim\nRUN pip install 'jupyterlab==4.3.4' && jupyter lab build\n"
    (f,) = hub213(text)
    assert "`jupyter lab build` needs nodejs" in f.message


def test_other_environments_are_not_followed():
    old = "FROM quay.io/jupyter/base-notebook:2023-05-30\n"  # notebook 6.5.x
    # notebook 7 into another environment: the default environment's `jupyter nbextension` still works
    assert hub213(f"{old}RUN mamba create --yes -n new notebook && jupyter nbextension list\n") == []
    # a command run in another environment: its notebook is not followed
    assert hub213(f"{BASE}RUN mamba run -n old jupyter nbextension list\n") == []
    assert hub213(f"{BASE}RUN /opt/venvs/old/bin/jupyter nbextension list\n") == []
    # the default environment's `jupyter` by its path
    assert len(hub213(f"{BASE}RUN /opt/conda/bin/jupyter nbextension list\n")) == 1


def test_an_unpinned_notebook_is_named_as_such():
    text = ("FROM python:3.12\nRUN pip install notebook 'jupyterhub==5.2.1'\n"
            "RUN jupyter nbextension enable --py widgetsnbextension\n")
    (f,) = [f for f in lint(text) if f.code == "HUB213"]
    assert "the image has an unpinned notebook (7 or later) here" in f.message and "  " not in f.message


def test_an_unpinned_notebook_on_python_3_7_is_a_6_where_classic_extensions_work():
    text = ("FROM python:3.7\nRUN pip install notebook 'jupyterhub==1.5.0'\n"
            "RUN jupyter nbextension enable --py widgetsnbextension\n")
    assert [f for f in lint(text) if f.code == "HUB213"] == []


def test_contrib_nbextensions_is_the_same_command():
    """jupyter_contrib_nbextensions registers `nbextensions` as an alias of its `nbextension` subcommand."""
    text = f"{BASE}RUN pip install --no-cache-dir jupyter_contrib_nbextensions && jupyter contrib nbextensions install --system\n"
    (f,) = hub213(text)
    assert f.line == 2
    assert hub213(f"{BASE}RUN jupyter contrib nbextensions_other install\n") == []
