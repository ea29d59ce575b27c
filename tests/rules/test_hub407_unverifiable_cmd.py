from conftest import codes

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_unreadable_and_unknown_programs():
    assert ("HUB407", 3) in codes(f"{BASE}COPY start.sh /usr/local/bin/\nCMD [\"start.sh\"]\n".replace(
        "start.sh", "my-start.sh"))
    assert ("HUB407", 2) in codes(f"{BASE}CMD [\"/opt/app/run\"]\n")


def test_known_programs_and_declared_spawner_cmd():
    assert codes(f"{BASE}CMD [\"jupyterhub-singleuser\"]\n") == []
    assert codes(f"{BASE}CMD [\"/opt/app/run\"]\n", spawner_cmd=True) == []


def test_options_to_an_entrypoint_program_are_not_a_program():
    text = f"{BASE}ENTRYPOINT [\"tini\", \"-g\", \"--\", \"start.sh\", \"jupyterhub-singleuser\"]\nCMD [\"--debug\"]\n"
    assert "HUB407" not in [c for c, _ in codes(text)]
