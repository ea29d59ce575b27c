from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def hub208(text: str):
    return [f for f in lint(text) if f.code == "HUB208"]


def test_conda_jupyterhub_only():
    assert ("HUB208", 2) in codes(f"{BASE}RUN conda install -y -c conda-forge jupyterhub=4.1.5\n")
    assert "HUB208" not in [c for c, _ in codes(f"{BASE}RUN pip install 'jupyterhub==4.1.5'\n")]
    assert "HUB208" not in [c for c, _ in codes(f"{BASE}RUN mamba install -y jupyterhub-base=4.1.5\n")]


def test_suggests_the_singleuser_package_with_the_same_version():
    (f,) = hub208(f"{BASE}RUN mamba install -y jupyterhub=4.1.5\n")
    assert f.message == "conda's `jupyterhub` is the whole Hub, with configurable-http-proxy and nodejs"
    assert f.help == "install `jupyterhub-singleuser=4.1.5` instead (jupyterhub-base plus jupyterlab)"


def test_quoted_ranges_keep_their_quotes():
    (f,) = hub208(f"{BASE}RUN mamba install -y 'jupyterhub>=4,<5'\n")
    assert "`'jupyterhub-singleuser>=4,<5'`" in f.help


def test_no_singleuser_package_before_1_1_0():
    """conda-forge split the package in 1.1.0: there is no `jupyterhub-singleuser=0.9.4` to suggest."""
    assert hub208(f"{BASE}RUN conda install -y 'jupyterhub=0.9.4'\n") == []
    assert hub208(f"{BASE}RUN conda install -y 'jupyterhub<1.1'\n") == []
    assert hub208(f"{BASE}RUN conda install -y 'jupyterhub=1.0|0.9'\n") == []
    assert len(hub208(f"{BASE}RUN conda install -y 'jupyterhub>=1.0'\n")) == 1
    assert len(hub208(f"{BASE}RUN conda install -y 'jupyterhub=1.1.0'\n")) == 1
    assert len(hub208(f"{BASE}RUN conda install -y 'jupyterhub=1'\n")) == 1


def test_silent_when_the_base_already_has_condas_hub():
    """docker-stacks installed conda's `jupyterhub` until 2024-11-08: re-installing it adds nothing."""
    assert hub208("FROM quay.io/jupyter/scipy-notebook:2024-04-01\nRUN mamba install -y jupyterhub==4.1.5\n") == []
    assert len(hub208("FROM quay.io/jupyter/scipy-notebook:2024-12-02\n"
                      "RUN mamba install -y jupyterhub==4.1.5\n")) == 1


def test_conda_update_is_not_an_install():
    assert hub208(f"{BASE}RUN conda update -y jupyterhub\n") == []
    assert hub208(f"{BASE}RUN mamba update --yes jupyterhub\n") == []


def test_nodejs_the_image_uses_stays_in_the_suggestion():
    """The Hub's proxy is never needed in a user image, nodejs may be: the help keeps nodejs beside the switch."""
    (f,) = hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5 && jupyter labextension install @x/y\n")
    assert f.help == (
        "install `jupyterhub-singleuser=4.1.5 nodejs` instead (jupyterhub-base, jupyterlab and the nodejs this image"
        " uses)"
    )
    (f,) = hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5\nRUN jlpm install\n")
    assert "nodejs` instead" in f.help
    # nodejs used only before the install does not depend on it
    (f,) = hub208(f"{BASE}RUN npm --version\nRUN conda install -y jupyterhub=4.1.5\n")
    assert "nodejs` instead" not in f.help


def test_silent_when_the_image_installs_the_proxy_itself():
    assert hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5\nRUN npm install -g configurable-http-proxy\n") == []
    assert hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5 configurable-http-proxy\n") == []
    assert hub208(f"{BASE}RUN npm install -g configurable-http-proxy\nRUN conda install -y jupyterhub=4.1.5\n") == []
    # removing it is no install
    assert len(hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5\nRUN conda remove -y configurable-http-proxy\n")) == 1


def test_a_cache_clean_is_no_need_for_nodejs_but_must_go_with_it():
    """`npm cache clean` is there only because conda's `jupyterhub` brought nodejs: the switch is right, and the
    help says to drop the command, which fails without nodejs."""
    (f,) = hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5 && npm cache clean --force && conda clean -ay\n")
    assert f.help.endswith(", and drop `npm cache clean --force` (no nodejs then)")
    (f,) = hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5 && npm cache clean --force && npm i -g x\n")
    assert "nodejs` instead" in f.help and "drop" not in f.help
    # a path that names a tool is not a use of it
    assert len(hub208(f"{BASE}RUN conda install -y jupyterhub=4.1.5 && rm -rf /home/jovyan/.cache/yarn\n")) == 1


def test_unresolved_version_shows_the_variable_never_a_sentinel():
    (f,) = hub208(f"{BASE}ARG HUB\nRUN mamba install -y jupyterhub=$HUB\n")
    assert "`jupyterhub-singleuser=$HUB`" in f.help
    assert "\uffff" not in f.message + f.help
