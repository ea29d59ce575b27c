import pytest
from conftest import lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def hub215(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB215"]


def test_environment_file_env_never_registered(tmp_path):
    """failure-modes-2 t21."""
    (tmp_path / "environment.yml").write_text(
        "name: analysis\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - numpy\n  - ipykernel\n")
    text = (f"{BASE}COPY --chown=${{NB_UID}}:${{NB_GID}} environment.yml /tmp/environment.yml\n"
            "RUN mamba env create -n analysis -f /tmp/environment.yml && mamba clean --all -f -y\n")
    (f,) = hub215(text, context=str(tmp_path))
    assert f.severity == "info" and f.line == 3
    assert f.message == ("ipykernel goes into `/opt/conda/envs/analysis`, which no step registers as a kernel: it never "
                         "shows in the launcher")
    assert f.help == ("register it: `/opt/conda/envs/analysis/bin/python -m ipykernel install --prefix=/opt/conda "
                      "--name=analysis` (or install nb_conda_kernels)")


@pytest.mark.parametrize("register", [
    'RUN "${CONDA_DIR}/envs/py311/bin/python" -m ipykernel install --user --name=py311',  # t01 (HUB504-like: #6)
    "RUN /opt/conda/envs/py311/bin/python -m ipykernel install --prefix=/opt/conda --name=py311",
    "RUN mamba install --yes nb_conda_kernels",
    "RUN conda run -n py311 ipython kernel install --prefix=/opt/conda --name=py311",
    "COPY kernel.json /opt/conda/share/jupyter/kernels/py311/kernel.json",
    "ENV JUPYTER_PATH=/opt/conda/envs/py311/share/jupyter",
    "ENV PATH=/opt/conda/envs/py311/bin:$PATH",
])
def test_registered(register):
    text = f"{BASE}RUN mamba create --yes -n py311 python=3.11 ipykernel\n{register}\n"
    assert hub215(text) == []


@pytest.mark.parametrize("text", [
    f"{BASE}RUN mamba create --yes -n lab python=3.12 ipykernel jupyterlab jupyterhub-singleuser\n",  # the server's
    f"{BASE}RUN pip install --user ipykernel\n",
    f"{BASE}RUN mamba install --yes ipykernel\n",  # the default environment
    f"{BASE}RUN mamba create --yes -n tools python=3.11 ruff\n",  # no ipykernel
    f"{BASE}RUN curl -fsSL https://example.org/kernels.sh | bash && mamba create -y -n py311 ipykernel\n",  # opaque
])
def test_silent(text):
    assert hub215(text) == []


def test_venv_of_a_python_image():
    text = ("FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
            "RUN python -m venv /opt/ml && /opt/ml/bin/pip install ipykernel torch\n")
    (f,) = hub215(text)
    assert "`/opt/ml`" in f.message and "--prefix=/usr/local --name=ml" in f.help
