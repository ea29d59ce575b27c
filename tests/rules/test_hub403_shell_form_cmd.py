from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


def test_cmd_and_entrypoint():
    assert codes(f"{BASE}CMD start-notebook.py\n") == [("HUB403", 2)]
    text = f"{BASE}ENTRYPOINT /usr/local/bin/entry.sh\nCMD [\"start-notebook.py\"]\n"
    assert ("HUB403", 2) in codes(text)


def test_only_the_final_ones():
    assert codes(f"{BASE}CMD start-notebook.py\nCMD [\"start-notebook.py\"]\n") == []


def test_message_suggests_exec_form_when_safe():
    (f,) = lint(f"{BASE}CMD start-notebook.py --ServerApp.root_dir=/work\n")
    assert f.message == "`CMD start-notebook.py --ServerApp.root_dir=/work` is in shell form: the server never " \
                        "gets the Hub's SIGTERM"
    assert f.help == 'write it in exec form: `CMD ["start-notebook.py", "--ServerApp.root_dir=/work"]`'
    (f,) = [f for f in lint(f"{BASE}CMD cd $HOME && start-notebook.py\n") if f.code == "HUB403"]
    assert "with a script if it needs a shell" in f.help


def test_a_cmd_the_spawner_replaces_is_not_judged_but_an_entrypoint_is():
    from conftest import codes

    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    assert codes(f"{base}CMD start-notebook.py --debug\n", spawner_cmd=True) == []
    assert ("HUB403", 2) in codes(f"{base}CMD start-notebook.py --debug\n")
    assert ("HUB403", 2) in codes(f"{base}ENTRYPOINT tini -g -- start.sh\n", spawner_cmd=True)
