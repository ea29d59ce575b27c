import pytest
from conftest import lint

R = "FROM quay.io/jupyter/r-notebook:2025-01-06\n"


def hub214(text, **options):
    return [f for f in lint(text, **options) if f.code == "HUB214"]


def test_rsession_and_vscode_proxies_without_their_programs():
    """failure-modes-2 t11."""
    found = hub214(f"{R}RUN pip install --no-cache-dir jupyter-rsession-proxy jupyter-vscode-proxy\n")
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 32, 54), (2, 55, 75)]
    assert found[0].message == ("`jupyter-rsession-proxy` starts RStudio Server (`rserver`), which the image does not "
                                "have: its launcher fails")
    assert "code-server" in found[1].message and "code-server" in found[1].help


def test_codeserver_proxy_name_is_not_a_mention_of_code_server():
    (f,) = hub214("FROM python:3.12.8-slim\nRUN pip install jupyterlab jupyter-codeserver-proxy\n")
    assert "`code-server`" in f.message


@pytest.mark.parametrize(("spec", "fires"), [
    ("jupyter-remote-desktop-proxy", True),  # unpinned: today's 2.x or later
    ("'jupyter-remote-desktop-proxy==2.0.1'", True),
    ("'jupyter-remote-desktop-proxy<2'", False),  # 1.x bundled a VNC server
])
def test_remote_desktop_proxy_version(spec, fires):
    assert bool(hub214(f"{R}RUN pip install {spec}\n")) is fires


@pytest.mark.parametrize("text", [
    f"{R}USER root\nRUN apt-get update && apt-get install -y gdebi-core && "
    "curl -fsSLo /tmp/r.deb https://download2.rstudio.org/server/jammy/amd64/rstudio-server-2024.12.0-467-amd64.deb "
    "&& gdebi -n /tmp/r.deb\nUSER 1000\nRUN pip install jupyter-rsession-proxy\n",
    f"{R}RUN mamba install --yes code-server && pip install jupyter-vscode-proxy\n",
    f"{R}USER root\nRUN apt-get update && apt-get install -y tigervnc-standalone-server xfce4\nUSER 1000\n"
    "RUN pip install jupyter-remote-desktop-proxy\n",
    f"{R}COPY --from=codercom/code-server:4.96.2 /usr/lib/code-server /usr/lib/code-server\n"
    "RUN pip install jupyter-vscode-proxy\n",
    f"{R}RUN curl -fsSL https://example.org/tools.sh | bash && pip install jupyter-vscode-proxy\n",  # opaque
    "FROM rocker/binder:4.4.1\nRUN pip install jupyter-rsession-proxy\n",  # unknown base (rocker has RStudio)
    "FROM quay.io/jupyter/r-notebook:latest\nRUN pip install jupyter-server-proxy\n",  # no launcher
])
def test_silent(text):
    assert hub214(text) == []


def test_unreadable_script_from_the_context_may_install_it(tmp_path):
    text = f"{R}COPY install-tools.sh /tmp/\nRUN bash /tmp/install-tools.sh && pip install jupyter-vscode-proxy\n"
    assert hub214(text, context=str(tmp_path)) == []  # the script is not in the context: unreadable
    (tmp_path / "install-tools.sh").write_text("apt-get update && apt-get install -y htop\n")
    assert len(hub214(text, context=str(tmp_path))) == 1  # read: it installs no code-server
    (tmp_path / "install-tools.sh").write_text("curl -fsSL https://code-server.dev/install.sh | sh\n")
    assert hub214(text, context=str(tmp_path)) == []
