"""z2jh profiles: each profile's `kubespawner_override` image (`image`, or KubeSpawner's older `image_spec`) is a
spawn image, and when every profile names one, `singleuser.image` is never spawned (a profile always applies)."""

from conftest import lint_in as lint

VALUES = (
    "singleuser:\n  image:\n    name: example.org/team/default\n    tag: latest\n  profileList:\n"
    "    - display_name: A\n      kubespawner_override:\n        image_spec: example.org/team/a\n"
    "    - display_name: B\n      kubespawner_override:\n        image: example.org/team/b:latest\n"
)


def test_every_profile_names_its_image(tmp_path):
    found = {(f.line, f.code) for f in lint(tmp_path, {"config.yaml": VALUES})}
    assert found == {(8, "HUB101"), (11, "HUB102")}  # the profiles' images, not the default's `latest`


def test_a_profile_without_an_image_spawns_the_default(tmp_path):
    values = VALUES + "    - display_name: C\n      kubespawner_override:\n        cpu_limit: 2\n"
    found = {(f.line, f.code) for f in lint(tmp_path, {"config.yaml": values})}
    assert found == {(4, "HUB102"), (8, "HUB101"), (11, "HUB102")}
