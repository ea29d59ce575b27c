"""Roles weighed by how sure they are, and severity that follows certainty (docs/deployments.md "Severity follows
certainty", docs/deployment-rules/roles.md)."""

from __future__ import annotations

import contextlib
import pathlib
import tempfile

from hublint.workspace.run import Request, run


def lint(files: dict[str, str]):
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / ".git").mkdir()
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        with contextlib.chdir(root):
            report = run(Request(["."], {}))
    roles = {e.path: (e.role, e.certainty) for e in report.entries if e.kind == "dockerfile"}
    found = {(f.path, f.code): (f.severity, f.confidence) for f in report.findings}
    return roles, found


# no jupyterhub, no server, no CMD: HUB201/HUB202/HUB401 are errors on a single-user image a configuration spawns
BARE = "FROM ubuntu:24.04\nRUN apt-get update\nUSER 1000\n"
# a base hublint knows nothing of: HUB107, an info
UNKNOWN = "FROM example.org/team/base:1\nRUN apt-get update\nUSER 1000\n"


def test_one_weak_hint_makes_errors_infos_and_silences_infos():
    """On a weak role, the hygiene rules (tags, pins) say an info; what a spawned image must have and do (the
    finished-image rules: jupyterhub, a server, a CMD that starts it, a user) is not asked, as of a base — on
    unseen repositories those were wrong 26 times in 32 (sidecars, tools, standalone images beside a Hub)."""
    roles, found = lint({"lab/Dockerfile": BARE.replace("24.04", "latest")})  # a folder named lab: the only hint
    assert roles == {"lab/Dockerfile": ("singleuser", "weak")}
    assert found[("lab/Dockerfile", "HUB102")] == ("info", "weak")
    assert ("lab/Dockerfile", "HUB201") not in found and ("lab/Dockerfile", "HUB401") not in found
    roles, found = lint({"lab/Dockerfile": UNKNOWN})
    assert roles == {"lab/Dockerfile": ("singleuser", "weak")}
    assert not found  # an info on a weak premise is a guess: not said


def test_weak_hints_that_agree_make_a_likely_role_which_keeps_the_severity():
    text = BARE.replace("USER 1000", "ENV NB_USER=jovyan\nEXPOSE 8888\nUSER 1000").replace("24.04", "latest")
    roles, found = lint({"lab/Dockerfile": text})
    assert roles == {"lab/Dockerfile": ("singleuser", "likely")}
    assert found[("lab/Dockerfile", "HUB102")] == ("error", "likely")
    # HUB201 has a premise of its own: that a Hub starts the image — weak when nothing in view spawns it
    assert found[("lab/Dockerfile", "HUB201")] == ("info", "weak")
    _, found = lint({"lab/Dockerfile": UNKNOWN.replace("USER 1000", "ENV NB_USER=jovyan\nEXPOSE 8888\nUSER 1000")})
    assert found == {("lab/Dockerfile", "HUB107"): ("info", "likely")}


def test_a_setting_makes_a_certain_role():
    roles, found = lint(
        {
            "lab/Dockerfile": BARE,
            "jupyterhub_config.py": "c.DockerSpawner.image = 'team/lab:1'\n",
            "Makefile": "lab:\n\tdocker build -t team/lab:1 lab\n",
        }
    )
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")
    assert found[("lab/Dockerfile", "HUB201")] == ("error", "certain")


CHAIN = {"Makefile": "base:\n\tdocker build -t team/base base\n"}


def test_the_base_of_a_single_user_image_is_as_sure_as_that_image():
    roles, _ = lint(
        {
            **CHAIN,
            "base/Dockerfile": "FROM ubuntu:24.04\nRUN apt-get update\n",
            "lab/Dockerfile": "FROM team/base:1\nUSER 1000\n",
        }
    )
    assert roles["lab/Dockerfile"] == ("singleuser", "weak")
    assert roles["base/Dockerfile"] == ("singleuser", "weak")  # inferred from a weak role: weak, not certain


def test_a_base_keeps_its_own_surer_role():
    roles, _ = lint(
        {
            **CHAIN,
            "base/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
            "lab/Dockerfile": "FROM team/base:1\nUSER 1000\n",
        }
    )
    assert roles["base/Dockerfile"] == ("singleuser", "certain")


def test_an_image_built_on_a_single_user_image_built_here_is_as_sure_as_it():
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    roles, found = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": "FROM team/base:1\nUSER root\n"})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")  # no hint of its own: the chain decides
    # the ENTRYPOINT it keeps is its base's, which hublint does not know: it may switch users (start.sh does)
    assert found[("lab/Dockerfile", "HUB301")] == ("info", "weak")
    own = 'FROM team/base:1\nUSER root\nENTRYPOINT ["tini", "--"]\n'  # its own, which switches nothing
    roles, found = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": own})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")
    assert found[("lab/Dockerfile", "HUB301")] == ("error", "certain")
    roles, _ = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": "FROM team/base:1\nUSER 1000\n"})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")  # a weak hint of its own is raised by the chain


def test_a_weak_premise_makes_a_warning_an_info_too():
    """HUB102 (an error: a `latest` base) on a weakly roled image is an info; HUB302 (a warning: no USER on a root
    base), a rule of the finished image, says nothing there."""
    roles, found = lint({"lab/Dockerfile": "FROM ubuntu:latest\nRUN apt-get update\n"})
    assert roles == {"lab/Dockerfile": ("singleuser", "weak")}
    assert found == {("lab/Dockerfile", "HUB102"): ("info", "weak")}  # HUB102 an error, HUB302 not asked


def test_the_proxy_from_npm_is_the_hubs_evidence():
    """JupyterHub's own install instructions: `npm install -g configurable-http-proxy` beside jupyterhub."""
    hub = (
        "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y npm python3-pip\n"
        "RUN npm install -g configurable-http-proxy && pip3 install jupyterhub ipykernel\n"
        "COPY jupyterhub_config.py /etc/jupyterhub/\n"
    )
    roles, _ = lint({"Dockerfile": hub})
    assert roles["Dockerfile"][0] == "hub"


def test_a_hub_base_is_not_made_single_user_by_a_less_sure_child():
    hub = (
        "FROM ubuntu:24.04\nRUN npm install -g configurable-http-proxy && pip3 install jupyterhub\n"
        "COPY jupyterhub_config.py /etc/jupyterhub/\n"
    )
    child = "FROM team/hub-base:1\nRUN echo ${NB_USER}\n"  # one weak single-user hint
    files = {
        "base/Dockerfile": hub,
        "extra/Dockerfile": child,
        "build.sh": "docker build -t team/hub-base:1 base\ndocker build -t team/extra:1 extra\n",
    }
    roles, _ = lint(files)
    assert roles["base/Dockerfile"][0] == "hub"
    # and the child, with nothing of its own but one weak hint, extends that Hub image (an all-in-one image)
    assert roles["extra/Dockerfile"] == ("hub", "likely")
    files["extra/Dockerfile"] = child + 'ENV NB_UID=1000\nEXPOSE 8888\nCMD ["jupyter", "lab"]\n'
    roles, _ = lint(files)  # a child sure of its single-user role still leaves the base a Hub image
    assert roles["base/Dockerfile"][0] == "hub" and roles["extra/Dockerfile"][0] == "singleuser"


def test_an_entrypoint_script_that_ends_in_a_service_is_other(tmp_path):
    """The last command of a script the ENTRYPOINT runs decides as a CMD would: Enterprise Gateway is no server."""
    files = {
        "jeg/Dockerfile": "FROM python:3.12-slim\nRUN useradd -m jovyan\nCOPY entrypoint.sh /usr/local/bin/\n"
        'ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\n',
        "jeg/entrypoint.sh": "#!/bin/bash\nset -e\necho starting\nexec jupyter enterprisegateway --ip=0.0.0.0\n",
    }
    roles, found = lint(files)
    assert roles["jeg/Dockerfile"] == ("other", "certain") and not found
    files["jeg/entrypoint.sh"] = "#!/bin/sh\nexec gosu app dask-worker tcp://scheduler:8786\n"
    roles, _ = lint(files)
    assert roles["jeg/Dockerfile"][0] == "other"


def test_a_base_named_for_single_user_servers_is_single_user_evidence():
    roles, _ = lint({"images/Dockerfile": "FROM example.org/team/jupyterhub-singleuser:2.1\nRUN pip install pandas\n"})
    assert roles["images/Dockerfile"] == ("singleuser", "likely")


def test_a_script_that_backgrounds_the_hub_and_waits_is_the_hub():
    files = {
        "Dockerfile": "FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab\nCOPY run-hub.sh /srv/\n"
        'CMD ["/srv/run-hub.sh"]\n',
        "run-hub.sh": "#!/bin/bash\njupyterhub -f /srv/jupyterhub_config.py &\nwait\n",
    }
    roles, _ = lint(files)
    assert roles["Dockerfile"][0] == "hub"


def test_a_base_written_literally_is_not_matched_by_its_folder_name():
    """Tried and measured: matching ``FROM ghcr.io/team/<name>:…`` to a sibling ``<name>/`` made images and bases
    single-user that the labelled repositories nobody here had seen call other; only a base written with build
    arguments (``$REGISTRY/$OWNER/<name>``) is matched by its folder."""
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    lab = "FROM ghcr.io/team/base:sha-1a2b3c4\nRUN apt-get update\nUSER 1000\n"
    roles, _ = lint({"base/Dockerfile": base, "lab/Dockerfile": lab})
    assert roles["lab/Dockerfile"] != ("singleuser", "certain")
    wired = "ARG REGISTRY=ghcr.io\nFROM ${REGISTRY}/team/base:sha-1a2b3c4\nRUN apt-get update\nUSER 1000\n"
    roles, _ = lint({"base/Dockerfile": base, "lab/Dockerfile": wired})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")


def test_a_base_built_here_is_not_unknown():
    """A base a build definition of the repository builds under the name and tag the FROM writes has the contents
    its Dockerfile gives it, which hublint does not carry into the image built on it: unknown, so HUB107 says
    nothing (on unseen repositories every such "nothing here installs jupyterhub" was wrong: the base did)."""
    from conftest import lint_repo

    files = {
        "base/Dockerfile": "FROM quay.io/jupyter/base-notebook:2025-01-06\n",
        "lab/Dockerfile": "FROM ghcr.io/team/base:1\nRUN pip install jupyterlab==4.3.4\nUSER 1000\n",
        "build.sh": "docker build -t ghcr.io/team/base:1 base\ndocker build -t ghcr.io/team/lab:1 lab\n",
    }
    assert lint_repo(files, code="HUB107") == []
    files["build.sh"] = "docker build -t ghcr.io/team/other:1 base\ndocker build -t ghcr.io/team/lab:1 lab\n"
    assert [f.path for f in lint_repo(files, code="HUB107")] == ["lab/Dockerfile"]  # not built here: unknown


def test_a_public_image_is_not_a_build_whose_name_is_computed_where_they_differ():
    """``quay.io/jupyter/scipy-notebook:…`` is docker-stacks' image, not this repository's ``scipy-notebook/``
    pushed as ``$REGISTRY/scipy-notebook``: the single-user image built on the public one does not make the
    repository's own image (a Dask scheduler) a single-user base."""
    files = {
        "scipy-notebook/Dockerfile": 'FROM python:3.12\nRUN pip install dask distributed\nCMD ["dask-scheduler"]\n',
        "ai/Dockerfile": "FROM quay.io/jupyter/scipy-notebook:2025-01-06\nUSER 1000\n",
        "build.sh": 'docker build -t "$REGISTRY/scipy-notebook:$TAG" scipy-notebook\n',
    }
    roles, _ = lint(files)
    assert roles["ai/Dockerfile"][0] == "singleuser"
    assert roles["scipy-notebook/Dockerfile"][0] == "other"


def test_an_image_on_a_single_user_image_that_runs_another_program_is_single_user_only_weakly():
    """A prefetcher built FROM the user image and run by cron is not a user server; a user image whose CMD
    was broken looks the same: its findings are infos at most."""
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    sidecar = (
        'FROM team/base:1\nUSER root\nCOPY prefetch.sh /usr/local/bin/\nENTRYPOINT ["tini", "--"]\n'
        'CMD ["crond", "-f"]\n'
    )
    roles, found = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": sidecar})
    assert roles["lab/Dockerfile"] == ("singleuser", "weak")
    assert ("lab/Dockerfile", "HUB301") not in found  # the finished image's user is not asked of a guessed role
    launcher = sidecar.replace('CMD ["crond", "-f"]', 'CMD ["jupyterhub-singleuser"]')
    roles, found = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": launcher})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")
    assert found[("lab/Dockerfile", "HUB301")] == ("error", "certain")
    # docker-stacks' start-notebook.py runs start.sh, which hands the server to NB_USER: the root start is weak
    stacks = sidecar.replace('CMD ["crond", "-f"]', 'CMD ["start-notebook.py"]')
    roles, found = lint({**CHAIN, "base/Dockerfile": base, "lab/Dockerfile": stacks})
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")
    assert found[("lab/Dockerfile", "HUB301")] == ("info", "weak")


def test_a_command_from_a_script_hublint_cannot_read_keeps_the_chains_role():
    """``CMD ["start-custom.sh"]`` that the base built here ships: it may well start the server."""
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\nCOPY start-custom.sh /usr/local/bin/\n"
    lab = 'FROM team/base:1\nUSER root\nENTRYPOINT ["tini", "--"]\nCMD ["start-custom.sh", "--debug"]\n'
    files = {
        **CHAIN,
        "base/Dockerfile": base,
        "base/start-custom.sh": '#!/bin/bash\nexec start-notebook.py "$@"\n',
        "lab/Dockerfile": lab,
    }
    roles, _ = lint(files)
    assert roles["lab/Dockerfile"] == ("singleuser", "certain")


def test_a_folder_named_for_the_hub_image_is_weak_hub_evidence():
    """One test of a folder's name for both the role and the scope (`deployment/names.py HUB_IMAGE_FOLDER`):
    `jhub/`, `jupyter-hub/` hold a Hub image (weakly); `hub-prod/` names a whole deployment."""
    bare = "FROM python:3.12.8-slim\nRUN apt-get update\n"
    for folder in ("hub", "jhub", "jupyter-hub", "k8s-hub", "hub-image"):
        roles, _ = lint({f"x/{folder}/Dockerfile": bare})
        assert roles == {f"x/{folder}/Dockerfile": ("hub", "weak")}, folder
    roles, _ = lint({"x/hub-prod/Dockerfile": bare})
    assert roles["x/hub-prod/Dockerfile"][0] == "other"


HUB_IMAGE = "FROM jupyterhub/jupyterhub:5.2.1\nRUN pip install dockerspawner==14.0.0\nCOPY jupyterhub_config.py /srv/\n"


def test_an_image_built_on_a_hub_image_built_here_extends_that_hub():
    """An all-in-one Hub image with more packages on top (one weak single-user hint, a shell CMD) is a Hub image,
    and an image built on that one too: two such images never make each other single-user."""
    extra = 'FROM team/hub:1\nENV NB_USER=hubuser\nRUN pip install pandas\nCMD ["/bin/bash"]\n'
    deeper = "FROM team/hub-extra:1\nRUN apt-get update\n"
    script = "docker build -t team/hub:1 .\ndocker build -t team/hub-extra:1 -f Dockerfile-extra .\n"
    script += "docker build -t team/hub-deep:1 -f Dockerfile-deep .\n"
    files = {"Dockerfile": HUB_IMAGE, "Dockerfile-extra": extra, "Dockerfile-deep": deeper, "build.sh": script}
    roles, _ = lint(files)
    assert roles["Dockerfile"][0] == "hub"
    assert roles["Dockerfile-extra"] == ("hub", "likely")
    assert roles["Dockerfile-deep"] == ("hub", "likely")
    # its own launcher, or a program of its own, makes it something else than the Hub it is built on
    files["Dockerfile-extra"] = extra.replace('["/bin/bash"]', '["jupyterhub-singleuser"]')
    roles, _ = lint(files)
    assert roles["Dockerfile-extra"][0] == "singleuser"
    files["Dockerfile-extra"] = extra.replace('["/bin/bash"]', '["python", "-m", "myservice"]')
    roles, _ = lint(files)
    assert roles["Dockerfile-extra"][0] != "hub"


def test_a_python_module_named_for_jupyterhub_is_a_hub_service():
    roles, _ = lint(
        {
            "svc/Dockerfile": "FROM python:3.12\nRUN pip install jupyterhub-announcement\n"
            'CMD ["python", "-m", "jupyterhub_announcement"]\n'
        }
    )
    assert roles["svc/Dockerfile"][0] == "other"
    # the launcher keeps its name: `jupyterhub-singleuser` is no Hub service
    roles, _ = lint(
        {
            "Dockerfile": "FROM python:3.12\nRUN pip install jupyterhub==5.2.1 jupyterlab\n"
            'CMD ["python", "-m", "jupyterhub_singleuser"]\n'
        }
    )
    assert roles["Dockerfile"][0] == "singleuser"
    # a Hub start script of the build context named jupyterhub-X is read, not taken for a service by its name
    hub = "FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 oauthenticator\n"
    hub += 'COPY jupyterhub-start /usr/local/bin/\nCMD ["jupyterhub-start"]\n'
    roles, _ = lint({"hub/Dockerfile": hub, "hub/jupyterhub-start": "#!/bin/sh\nexec jupyterhub -f /srv/c.py\n"})
    assert roles["hub/Dockerfile"][0] == "hub"
    # a base named for JupyterHub says nothing of the image's role (`team/jupyterhub-pytorch` is a user image)
    for name in ("team/jupyterhub-ds", "team/jupyterhub-pytorch", "team/jupyterhub-base"):
        roles, _ = lint({"Dockerfile": f"FROM {name}:1\nRUN pip install pandas\n"})
        assert roles["Dockerfile"][0] == "other", name


def test_an_image_between_a_hub_image_and_a_single_user_image_is_a_single_user_base():
    """A sure single-user image built on it makes it a single-user base, not an extended Hub image."""
    hub = HUB_IMAGE + 'CMD ["jupyterhub"]\n'
    mid = "FROM example.org/hub:1\nRUN apt-get update && apt-get install -y git\n"
    user = 'FROM example.org/mid:1\nRUN pip install jupyterlab==4.3.4\nUSER 1000\nCMD ["jupyterhub-singleuser"]\n'
    make = "all:\n\tdocker build -t example.org/hub:1 hub\n\tdocker build -t example.org/mid:1 mid\n"
    make += "\tdocker build -t example.org/user:1 user\n"
    files = {"hub/Dockerfile": hub, "mid/Dockerfile": mid, "user/Dockerfile": user, "Makefile": make}
    roles, _ = lint(files)
    assert roles["mid/Dockerfile"][0] == "singleuser" and roles["user/Dockerfile"][0] == "singleuser"
    assert roles["hub/Dockerfile"][0] == "hub"
