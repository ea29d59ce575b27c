import hublint


def codes(text):
    return [(f.code, f.line, f.column) for f in hublint.lint_text(text, path="jupyterhub_config.py")]


def test_deprecated_aliases():
    text = ('c = get_config()\nc.DockerSpawner.container_image = "quay.io/jupyter/base-notebook:2025-01-06"\n'
            "c.SwarmSpawner.image_whitelist = []\n")
    assert codes(text) == [("HUB603", 2, 1), ("HUB603", 3, 1)]


def test_current_names():
    assert codes('c = get_config()\nc.DockerSpawner.allowed_images = ["quay.io/jupyter/base-notebook:2025-01-06"]\n') == []


def findings(text, path="jupyterhub_config.py"):
    return [f for f in hublint.lint_text(text, path=path) if f.code == "HUB603"]


def test_every_dockerspawner_alias_with_its_replacement():
    cases = {"container_ip": "host_ip", "container_port": "port", "container_prefix": "prefix",
             "container_name_template": "name_template", "remove_containers": "remove"}
    for old, new in cases.items():
        (f,) = findings(f"c = get_config()\nc.DockerSpawner.{old} = 1\n")
        assert f.message.startswith(f"`c.DockerSpawner.{old}` is deprecated since DockerSpawner 0."), old
        assert f.help == f"use `c.DockerSpawner.{new}`"


def test_kubespawner_and_hub_renames():
    (f,) = findings("c = get_config()\nc.KubeSpawner.singleuser_uid = 1000\n")
    assert f.help == "use `c.KubeSpawner.uid`"
    (f,) = findings("c = get_config()\nc.KubeSpawner.image_spec = 'x'\n")
    assert f.help == "use `c.KubeSpawner.image`"
    (f,) = findings("c = get_config()\nc.GitHubOAuthenticator.whitelist = {'a'}\n")
    assert "deprecated since JupyterHub 1.2" in f.message and f.help == "use `c.GitHubOAuthenticator.allowed_users`"
    (f,) = findings("c = get_config()\nc.Authenticator.blacklist = {'a'}\n")
    assert f.help == "use `c.Authenticator.blocked_users`"
    (f,) = findings("c = get_config()\nc.JupyterHub.admin_users = {'a'}\n")
    assert f.help == "use `c.Authenticator.admin_users`"
    (f,) = findings("c = get_config()\nc.JupyterHub.proxy_auth_token = 'x'\n")
    assert f.help == "use `c.ConfigurableHTTPProxy.auth_token`"


def test_group_whitelist_is_ignored_not_aliased():
    (f,) = findings("c = get_config()\nc.LocalAuthenticator.group_whitelist = {'staff'}\n")
    assert "has no effect" in f.message and f.help == "use `c.LocalAuthenticator.allowed_groups`"


def test_hub_ip_connect_is_ignored_since_dockerspawner_13():
    (f,) = findings("c = get_config()\nc.DockerSpawner.hub_ip_connect = 'jupyterhub'\n")
    assert "has no effect since DockerSpawner 13.0" in f.message and f.help == "use `c.JupyterHub.hub_connect_ip`"
    assert findings("c = get_config()\nc.KubeSpawner.hub_ip_connect = 'x'\n") == []
    from conftest import lint_repo  # a Hub image pinning an older DockerSpawner: there it still worked

    config = "c = get_config()\nc.JupyterHub.spawner_class = 'docker'\nc.DockerSpawner.hub_ip_connect = 'hub'\n"
    hub = "FROM jupyterhub/jupyterhub:1.1.0\nRUN pip install --no-cache-dir 'dockerspawner==12.1.0'\n"
    compose = "services:\n  hub:\n    build: hub\n    command: jupyterhub -f /srv/jupyterhub_config.py\n"
    files = {"jupyterhub_config.py": config, "hub/Dockerfile": hub, "docker-compose.yml": compose}
    assert lint_repo(files, "HUB603") == []
    assert [f.line for f in lint_repo({**files, "hub/Dockerfile": hub.replace("12.1.0", "13.0.0")}, "HUB603")] == [3]


def test_names_are_judged_on_the_class_that_has_them():
    assert findings("c = get_config()\nc.KubeSpawner.remove_containers = True\n") == []
    assert findings("c = get_config()\nc.DockerSpawner.image_spec = 'x'\n") == []
    assert findings("c = get_config()\nc.Authenticator.allowed_users = {'a'}\n") == []


def test_z2jh_hub_config():
    text = "hub:\n  config:\n    KubeSpawner:\n      image_spec: x\n"
    (f,) = findings(text, "values.yaml")
    assert f.message.startswith("`hub.config.KubeSpawner.image_spec`") and f.help == "use `KubeSpawner.image`"


def test_a_deprecation_holds_from_its_release_on():
    """`extra_handlers` was deprecated in JupyterHub 3.1: a Hub 1.4 deployment uses the current name."""
    text = 'c = get_config()\nc.JupyterHub.extra_handlers = []\nc.Authenticator.whitelist = {"a"}\n'

    def found(version):
        return [(f.code, f.line) for f in hublint.lint_text(text, path="jupyterhub_config.py", hub_version=version)]

    assert found("1.4.1") == [("HUB603", 3)]  # whitelist: deprecated since 1.2
    assert found("1.1.0") == []
    assert found("3.1.0") == found("5.2.1") == [("HUB603", 2), ("HUB603", 3)]
    assert codes(text) == [("HUB603", 2, 1), ("HUB603", 3, 1)]  # no Hub version known: both


def test_a_hub_image_that_pins_an_older_spawner_keeps_its_option_current():
    """`remove_containers` became `remove` in DockerSpawner 0.10: under a Hub image that installs
    `dockerspawner==0.9.*` it is the current option; `container_image` (deprecated in 0.9) still is reported."""
    from conftest import lint_repo

    config = ('c = get_config()\nc.JupyterHub.spawner_class = "docker"\nc.DockerSpawner.container_image = "a:1"\n'
              "c.DockerSpawner.remove_containers = True\n")
    hub = "FROM jupyterhub/jupyterhub:1.1.0\nRUN pip install --no-cache-dir 'dockerspawner==0.9.*'\n"
    compose = "services:\n  hub:\n    build: hub\n    command: jupyterhub -f /srv/jupyterhub_config.py\n"
    files = {"jupyterhub_config.py": config, "hub/Dockerfile": hub, "docker-compose.yml": compose}
    assert [f.line for f in lint_repo(files, "HUB603")] == [3]
    newer = {**files, "hub/Dockerfile": hub.replace("0.9.*", "12.1.0")}
    assert [f.line for f in lint_repo(newer, "HUB603")] == [3, 4]
    unpinned = {**files, "hub/Dockerfile": hub.replace("'dockerspawner==0.9.*'", "dockerspawner")}
    assert [f.line for f in lint_repo(unpinned, "HUB603")] == [3, 4]
    upgraded = {**files, "hub/Dockerfile": hub + "RUN pip install --upgrade dockerspawner\n"}
    assert [f.line for f in lint_repo(upgraded, "HUB603")] == [3, 4]


def test_a_project_the_hub_image_builds_from_a_commit_of_its_source_has_no_known_version():
    """`pip install git+…/kubespawner@804947a` (or `git clone …/jupyterhub`): a commit hublint cannot date, so
    whether the option was deprecated then is not known — nothing is reported for that project's options."""
    from conftest import lint_repo

    config = ('c = get_config()\nc.JupyterHub.spawner_class = "kubespawner.KubeSpawner"\n'
              'c.KubeSpawner.singleuser_image_spec = "a/b:1"\nc.Authenticator.whitelist = {"x"}\n')
    compose = "services:\n  hub:\n    build: hub\n    command: jupyterhub -f /srv/jupyterhub_config.py\n"
    hub = "FROM python:3.12.8\nRUN pip install jupyterhub==5.2.1\n"
    files = {"jupyterhub_config.py": config, "docker-compose.yml": compose, "hub/Dockerfile": hub}
    assert [f.line for f in lint_repo(files, "HUB603")] == [3, 4]
    spawner = hub + "RUN pip install git+https://github.com/jupyterhub/kubespawner@804947a\n"
    assert [f.line for f in lint_repo({**files, "hub/Dockerfile": spawner}, "HUB603")] == [4]
    source = "FROM python:3.12.8\nRUN git clone https://github.com/jupyter/jupyterhub.git\n"
    checkout = source + "RUN cd jupyterhub && git checkout f994ecd && pip install .\n"
    assert [f.line for f in lint_repo({**files, "hub/Dockerfile": checkout}, "HUB603")] == [3]
    # the default branch, or a git URL without a ref: the newest code, where the deprecations hold
    newest = source + "RUN cd jupyterhub && pip install .\n"
    assert [f.line for f in lint_repo({**files, "hub/Dockerfile": newest}, "HUB603")] == [3, 4]
    master = hub + "RUN pip install git+https://github.com/jupyterhub/kubespawner\n"
    assert [f.line for f in lint_repo({**files, "hub/Dockerfile": master}, "HUB603")] == [3, 4]


def test_hub_extra_config_python_is_named_as_python():
    """A trait `hub.extraConfig` sets is Python (`c.X.y`), not a `hub.config` key, in the message and the help."""
    from conftest import lint_repo

    python = "hub:\n  extraConfig:\n    handlers: |\n      c.JupyterHub.extra_handlers = []\n"
    yaml = "hub:\n  config:\n    JupyterHub:\n      extra_handlers: []\n"
    found = [(f.line, f.message.split(" is ")[0], f.help) for f in lint_repo({"values.yaml": python}, "HUB603")]
    assert found == [(4, "`c.JupyterHub.extra_handlers`", "use `c.JupyterHub.services`")]
    found = [(f.line, f.message.split(" is ")[0], f.help) for f in lint_repo({"values.yaml": yaml}, "HUB603")]
    assert found == [(4, "`hub.config.JupyterHub.extra_handlers`", "use `JupyterHub.services`")]


def test_confirm_no_ssl_does_nothing_and_nothing_replaces_it():
    (f,) = findings("c = get_config()\nc.JupyterHub.confirm_no_ssl = True\n")
    assert "has no effect since JupyterHub 0.7" in f.message and f.help == "remove it: nothing replaces it"
    assert findings("c = get_config()\nc.JupyterHub.ssl_cert = '/etc/cert.pem'\n") == []
