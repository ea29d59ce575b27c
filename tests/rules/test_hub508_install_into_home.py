import pytest
from conftest import lint, lint_repo

DS = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\n"


def hub508(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB508"]


@pytest.mark.parametrize(("run", "what", "target"), [
    ("pip install --no-cache-dir --user requests", "`pip install --user`", "/home/jovyan/.local"),
    ("python3 -m pip install --user requests", "`pip install --user`", "/home/jovyan/.local"),
    ("/opt/conda/envs/x/bin/python -m ipykernel install --user --name x", "a `--user` kernel install",
     "/home/jovyan/.local/share/jupyter"),
    ("ipython kernel install --user", "a `--user` kernel install", "/home/jovyan/.local/share/jupyter"),
    ("jupyter kernelspec install --user /tmp/spec", "a `--user` kernel install", "/home/jovyan/.local/share/jupyter"),
    ("R -e 'IRkernel::installspec()'", "`IRkernel::installspec()`", "/home/jovyan/.local/share/jupyter"),
    ("julia -e 'using Pkg; Pkg.add(\"IJulia\")'", "IJulia's kernel install", "/home/jovyan/.local/share/jupyter"),
    ("env GO111MODULE=on go install github.com/gopherdata/gophernotes@v0.7.5", "`go install`", "/home/jovyan/go"),
    ("curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y", "rustup/`cargo install`",
     "/home/jovyan/.cargo"),
    ("cargo install evcxr_jupyter", "rustup/`cargo install`", "/home/jovyan/.cargo"),
])
def test_installs_into_the_home(run, what, target):
    (f,) = hub508(f"{DS}RUN {run}\n")
    assert (f.line, f.column, f.end_column, f.severity) == (2, 1, 4, "info")  # no deployment: the volume is assumed
    assert f.message == f"{what} writes into `{target}`, which the home volume on `/home/jovyan` hides"


@pytest.mark.parametrize("run", [
    "pip install --no-cache-dir requests",
    "python -m ipykernel install --sys-prefix --name x",
    "R -e 'IRkernel::installspec(user = FALSE)'",
    "R -e \"IRkernel::installspec(prefix='/opt/conda')\"",
    "julia -e 'using Pkg; Pkg.add(\"IJulia\")' && mv ${HOME}/.local/share/jupyter/kernels/julia* /opt/conda/share/jupyter/kernels/",
    "jupyter labextension install @jupyter-widgets/jupyterlab-manager",
])
def test_silent(run):
    assert hub508(f"{DS}RUN {run}\n") == []


def test_an_install_moved_by_a_later_run():
    text = f"{DS}RUN python -m ipykernel install --user --name x\nRUN cp -r ~/.local/share/jupyter/kernels/x /opt/conda/share/jupyter/kernels/\n"
    assert hub508(text) == []


def test_where_the_home_is_elsewhere_or_unknown():
    assert hub508(f"{DS}ENV PYTHONUSERBASE=/opt/userbase\nRUN pip install --user requests\n") == []
    assert hub508(f"{DS}ENV JUPYTER_DATA_DIR=/opt/jupyter\nRUN python -m ipykernel install --user\n") == []
    assert hub508("FROM python:3.12.8-slim\nRUN pip install --user requests\n") == []  # no $HOME known


def test_the_deployments_volume_decides():
    chartpress = ("charts:\n  - name: hub\n    imagePrefix: example.org/team/\n    images:\n      lab:\n"
                  "        contextPath: image\n        valuesPath: singleuser.image\n")
    values = "singleuser:\n  image:\n    name: example.org/team/lab\n    tag: '1.0'\n"
    image = f"{DS}RUN pip install --user requests\n"
    files = {"chartpress.yaml": chartpress, "image/Dockerfile": image}
    (f,) = lint_repo({**files, "values.yaml": values}, "HUB508")
    assert f.severity == "warning" and "the volume (values.yaml, the chart's default" in f.help
    assert lint_repo({**files, "values.yaml": values + "  storage:\n    type: none\n"}, "HUB508") == []
    assert lint_repo({**files, "values.yaml": values + "  storage:\n    homeMountPath: /home/jovyan/work\n"},
                     "HUB508") == []
    assert lint_repo({"binder/Dockerfile": image}, "HUB508") == []  # Binder mounts no home
    assert len(lint_repo({"lab/Dockerfile": image}, "HUB508")) == 1


@pytest.mark.parametrize("run", [
    "<<EOF\nset -e\npip install --user requests\nEOF",  # a heredoc script
    '["/bin/bash", "-c", "pip install --user requests"]',  # exec form through a shell
])
def test_installs_in_heredocs_and_exec_form(run):
    (f,) = hub508(f"{DS}RUN {run}\n")
    assert (f.line, f.message) == (2, "`pip install --user` writes into `/home/jovyan/.local`, which the home "
                                      "volume on `/home/jovyan` hides")


def test_a_move_in_a_later_heredoc():
    text = f"{DS}RUN pip install --user requests\nRUN <<EOF\nmv /home/jovyan/.local /opt/userbase\nEOF\n"
    assert hub508(text) == []


def test_toolchains_follow_their_own_folder_settings():
    """Go writes binaries to `$GOBIN`, else the first entry of `$GOPATH`, else `~/go`; Rust to `$CARGO_HOME`, else
    `~/.cargo`: set outside the home, nothing is hidden; a `go` or `cargo` that installs nothing is not judged."""
    assert hub508(f"{DS}ENV GOPATH=/opt/go\nRUN go install github.com/x/y@v1\n") == []
    assert hub508(f"{DS}ENV GOBIN=/usr/local/bin\nRUN go install github.com/x/y@v1\n") == []
    (f,) = hub508(f"{DS}ENV GOPATH=/home/jovyan/gp:/opt/go\nRUN go install github.com/x/y@v1\n")
    assert "`/home/jovyan/gp`" in f.message and "GOPATH" in f.help
    assert hub508(f"{DS}ENV CARGO_HOME=/opt/cargo\nRUN cargo install evcxr_jupyter\n") == []
    assert hub508(f"{DS}RUN go build ./... && go version && cargo build --release\n") == []
    assert hub508(f"{DS}RUN go install github.com/x/y@v1 && mv /home/jovyan/go /opt/go\n") == []  # moved away
    assert hub508(f"{DS}RUN export GOBIN=/usr/local/bin && go install github.com/x/y@v1\n") == []  # set in the RUN
    assert hub508(f"{DS}RUN curl -sSf https://sh.rustup.rs | CARGO_HOME=/opt/cargo RUSTUP_HOME=/opt/r sh -s -- -y\n") == []
    assert hub508(f"{DS}RUN cargo install --root /usr/local ripgrep && cargo install --list && go get x/y\n") == []
    assert hub508("FROM example.org/team/golang:1\nENV HOME=/home/jovyan\nRUN go install x/y@v1\n") == []  # unknown base
    (f,) = hub508(f"{DS}RUN GO111MODULE=on go install github.com/x/y@v1\n")  # a setting before the command
    assert "`/home/jovyan/go`" in f.message
