import hublint


def codes(text):
    return [(f.code, f.line, f.column) for f in hublint.lint_text(text, path="jupyterhub_config.py")]


def test_deprecated_aliases():
    text = ('c = get_config()\nc.DockerSpawner.container_image = "quay.io/jupyter/base-notebook:2025-01-06"\n'
            "c.SwarmSpawner.image_whitelist = []\n")
    assert codes(text) == [("HUB603", 2, 1), ("HUB603", 3, 1)]


def test_current_names():
    assert codes('c = get_config()\nc.DockerSpawner.allowed_images = ["quay.io/jupyter/base-notebook:2025-01-06"]\n') == []
