from conftest import codes, lint


def test_fires_on_unknown_base_with_nothing_installed():
    (f,) = lint("FROM example.org/team/base:1\n")
    assert f.code == "HUB107" and '`example.org/team/base:1`' in f.message and '[images."example.org/team/base"]' in f.help


def test_silent_when_both_installed_or_unknown_install():
    assert codes("FROM example.org/b:1\nRUN pip install 'jupyterhub==5.3.0' jupyterlab\n") == []
    assert codes("FROM example.org/b:1\nRUN pip install -r /tmp/requirements.txt\n") == []


def test_fires_when_only_one_is_installed():
    assert ("HUB107", 1) in codes("FROM example.org/b:1\nRUN pip install 'jupyterhub==5.3.0'\n")


def test_declared_image_is_known():
    images = {"example.org/b": {"provides": ["jupyterhub==5.3.0", "jupyterlab"], "user": "1000",
                                "cmd": ["jupyterhub-singleuser"]}}
    assert codes("FROM example.org/b:1\n", images=images) == []
    # a declared image without jupyterlab: HUB202 becomes possible
    images["example.org/b"]["provides"] = ["jupyterhub==5.3.0"]
    assert ("HUB202", 1) in codes("FROM example.org/b:1\n", images=images)


def test_final_from_line_is_the_anchor():
    text = "FROM example.org/b:1 AS base\nRUN true\nFROM base\nRUN true\n"
    assert codes(text) == [("HUB107", 3)]


def test_an_environment_file_of_the_context_may_be_what_an_onbuild_base_installs():
    """`FROM pangeo/base-image:…` installs the context's environment file with ONBUILD: when that file lists
    jupyterhub and a server, the unknown base is not said to leave them out; a file listing neither changes nothing."""
    from conftest import lint_repo

    docker = "FROM registry.example.org/team/onbuild-base:2024.08.18\nUSER 1000\n"
    env = "name: lab\ndependencies:\n  - jupyterhub-singleuser=5.4.3\n  - jupyterlab=4.4.5\n"
    assert lint_repo({"image/Dockerfile": docker}, "HUB107", role="singleuser") != []
    for where in ("image/environment.yml", "image/binder/environment.yml"):
        assert lint_repo({"image/Dockerfile": docker, where: env}, "HUB107", role="singleuser") == []
    pulled = "name: lab\ndependencies:\n  - jupyterhub=1.4\n  - nbgitpuller\n"  # nbgitpuller brings a server
    assert lint_repo({"image/Dockerfile": docker, "image/environment.yml": pulled}, "HUB107", role="singleuser") == []
    meta = "name: notebook\ndependencies:\n  - pangeo-notebook=2020.10.08\n"  # a metapackage bringing both
    assert lint_repo({"image/Dockerfile": docker, "image/binder/environment.yml": meta}, "HUB107",
                     role="singleuser") == []
    other = "name: jupyterhub\ndependencies:\n  - notebook\n"  # the environment's name is no package
    found = lint_repo({"image/Dockerfile": docker, "image/environment.yml": other}, "HUB107", role="singleuser")
    assert [f.code for f in found] == ["HUB107"]


def test_a_base_named_as_a_folder_of_the_repository_is_probably_built_there():
    """`FROM team/notebook-base:20.10` beside a `notebook-base/` folder with a Dockerfile (the docker-stacks
    layout, no build definition): probably that Dockerfile's image, whose contents hublint does not carry —
    unknown, not missing. Without the folder, or with a folder of another name, the base is unknown."""
    from conftest import lint_repo

    child = "FROM team/notebook-base:20.10\nRUN pip install --no-cache-dir pandas\n"
    base = "FROM quay.io/jupyter/minimal-notebook:2025-01-06\nRUN pip install --no-cache-dir numpy\n"
    def paths(files):
        return [f.path for f in lint_repo(files, "HUB107", role="singleuser")]

    assert paths({"py36/Dockerfile": child}) == ["py36/Dockerfile"]
    assert paths({"py36/Dockerfile": child, "notebook-base/Dockerfile": base}) == []
    assert paths({"images/py36/Dockerfile": child, "images/notebook-base/Dockerfile": base}) == []
    assert paths({"py36/Dockerfile": child, "base/Dockerfile": base}) == ["py36/Dockerfile"]


def test_a_dockerfile_here_named_as_the_base_may_build_it():
    """An unknown base whose name or tag a Dockerfile here shares (`_baseImage/` for `team/jupyter-base`) that no
    build definition names, installing jupyterhub and a server itself: the finding says it may be that build and
    names it; a Dockerfile named otherwise, or one built on the same unknown base, changes nothing."""
    from conftest import lint_repo

    base = ("FROM python:3.12-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' 'jupyterlab==4.3.4'\n"
            "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n")
    child = "FROM team/jupyter-base:12.1\nRUN pip install --no-cache-dir pandas\nCMD [\"jupyterhub-singleuser\"]\n"
    (f,) = lint_repo({"images/_baseImage/.Dockerfile": base, "images/cv.Dockerfile": child}, "HUB107")
    assert "maybe built here: this file installs no jupyterhub or server package" in f.message
    assert "`images/_baseImage/.Dockerfile`" in f.help
    (f,) = lint_repo({"images/gpu/Dockerfile": base, "images/cv.Dockerfile": child}, "HUB107")
    assert "nothing here installs" in f.message
    same = "FROM team/jupyter-base:12.1\nRUN pip install --no-cache-dir jupyterlab\n"
    found = lint_repo({"images/base/Dockerfile": same, "images/cv.Dockerfile": child}, "HUB107")
    assert all("maybe built here" not in f.message for f in found)
