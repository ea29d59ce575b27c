"""A few hundred bytes must not take gigabytes: every expansion is bounded, and a value too long to judge is
*unknown*; what is kept per step is shared, so memory grows with the input, not its square.  These tests assert
the behaviour (the value is unknown, the structure is shared, memory grows linearly); benchmarks/attack.py
measures time and memory on the attack inputs."""

import json
import subprocess
import sys
import tracemalloc

import pytest

import hublint
from hublint.deployment.buildscripts import read_build_commands
from hublint.deployment.shellwords import MAX_EXPANSION
from hublint.deployment.compose import read_compose
from hublint.deployment.dotenv import MAX_VALUE as ENV_MAX, env_values
from hublint.deployment.hubconfig import MAX_NESTING, MAX_NODES, MAX_STRING, UNKNOWN_VALUE, read_python_config
from hublint.deployment.values import ConfigReadError
from hublint.dockerfile.expand import MAX_VALUE, SHORT, UNKNOWN, expand, is_known
from hublint.dockerfile.model import EXPANSION_BUDGET, analyze
from hublint.dockerfile.syntax import scan
from hublint.dockerfile.variables import Budget, Env, Frozen, Scope
from hublint.image.contextfiles import MAX_PATH, workdirs

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


# --------------------------------------------------------------------------- Dockerfile expansion


@pytest.mark.parametrize("word", ["$A$A", "${A}${A}", '"$A"$A', "${B:-$A$A}"])
def test_a_value_over_the_cap_is_unknown(word):
    half = "x" * (MAX_VALUE // 2 + 1)
    assert expand(word, {"A": half, "B": ""}) == UNKNOWN
    assert expand(word, {"A": "x" * (MAX_VALUE // 2 - 1), "B": ""}) != UNKNOWN


@pytest.mark.parametrize("keyword", ["ENV", "ARG"])
def test_doubling_forty_times_ends_unknown(keyword):
    df = hublint.parse(BASE + f"{keyword} A=xx\n" + f"{keyword} A=$A$A\n" * 40 + "ENV B=$A\n")
    value = df.stages[0].steps[-1].env["A"]
    assert value == UNKNOWN and len(value) == 1
    df = hublint.parse(BASE + f"{keyword} A=xx\n" + f"{keyword} A=$A$A\n" * 10 + "RUN true\n")
    assert df.stages[0].steps[-1].env["A"] == "x" * 2048


def test_global_args_doubling_ends_unknown():
    df = hublint.parse("ARG A=xx\n" + "ARG A=$A$A\n" * 40 + "FROM quay.io/jupyter/base-notebook:$A\n")
    assert not is_known(df.stages[0].image)


def test_unknown_parts_stay_one_character():
    assert expand("$X$X$X-$Y", {"Y": None}) == UNKNOWN + "-" + UNKNOWN


def test_the_budget_makes_long_results_unknown_once_spent():
    budget = Budget(3 * (SHORT + 1))
    env = Env.of({"B": "x" * (SHORT + 1), "S": "short"}, budget)
    assert expand("$B", env) == "x" * (SHORT + 1)
    assert expand("${B}", env) == "x" * (SHORT + 1) and expand('"$B"', env) == "x" * (SHORT + 1)
    assert expand("$B", env) == UNKNOWN  # spent
    assert expand("$S-$S", env) == "short-short"  # short results cost nothing


def test_a_dockerfile_of_long_distinct_values_stays_within_its_budget():
    text = BASE + "ENV B=" + "x" * 60_000 + "\n" + "".join(f"ENV C{i}=${{B}}{i}\n" for i in range(200))
    df = hublint.parse(text)
    env = df.stages[0].env
    values = [env[f"C{i}"] for i in range(200)]
    assert sum(len(v) for v in values) <= EXPANSION_BUDGET + 200
    assert values[0] == "x" * 60_000 + "0" and values[-1] == UNKNOWN


# --------------------------------------------------------------------------- memory linear in the input


def test_steps_share_their_variables():
    df = hublint.parse("FROM x:1\nENV A=1\n" + "RUN true\n" * 100 + "ENV B=2\nRUN true\n")
    steps = df.stages[0].steps
    assert len({id(s.env) for s in steps}) == 3  # before and after each ENV, not one copy per step
    assert steps[1].env == {"A": "1"} and "B" not in steps[1].env and steps[-1].env["B"] == "2"


def _peak(text: str) -> int:
    tree = scan(text)
    tracemalloc.start()
    try:
        analyze(tree)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "unit", ["ENV A{i}=1\n", "ARG A{i}=1\n", "ENV A=$A\nWORKDIR a\n", "FROM s{i} AS s{j}\nENV E{i}=1\n"]
)
def test_analysis_memory_grows_linearly(unit):
    def text(n):
        return BASE.replace("\n", " AS s0\n") + "".join(unit.format(i=i, j=i + 1) for i in range(n))

    small, large = _peak(text(2000)), _peak(text(8000))
    assert large < 5 * small  # four times the input: about four times the memory (the square would be 16)


def test_a_long_chain_of_stages_sees_every_ancestors_variables():
    text = "FROM x:1 AS s0\nENV E0=a\n" + "".join(
        f"FROM s{i} AS s{i + 1}\nENV E{i + 1}=${{E{i}}}b\n" + ("ENV E0=z\n" if i == 50 else "") for i in range(100)
    )
    stages = hublint.parse(text).stages
    assert stages[-1].env["E100"] == "a" + "b" * 100 and stages[-1].env["E0"] == "z" and len(stages[-1].env) == 101
    assert stages[50].env["E0"] == "a" and "E51" not in stages[50].env
    assert stages[-1].steps[0].env["E99"] == "a" + "b" * 99


def test_workdir_is_unknown_past_path_max_and_stays_cheap():
    df = hublint.parse(BASE + "WORKDIR a\n" * 40_000)
    cwds = workdirs(df.stages[0].steps, "\\", final=True)
    assert cwds[10] == "/" + "/".join(["a"] * 10)
    assert cwds[-1] == UNKNOWN and max(len(c) for c in cwds) <= MAX_PATH
    df = hublint.parse(BASE + "WORKDIR a\n" * 3000 + "WORKDIR /srv\nWORKDIR b\n")
    assert workdirs(df.stages[0].steps, "\\", final=True)[-1] == "/srv/b"


def test_frozen_and_scope_agree_with_a_dict():
    scope = Scope(Frozen({"BASE": "1"}))
    views = []
    expected = []
    current = {"BASE": "1"}
    for i in range(300):
        pairs = [(f"K{i % 37}", str(i)), (f"L{i % 11}", None), (f"K{i % 37}", f"{i}!")]  # the last wins
        current = {**current, **dict(pairs)}
        views.append(scope.bind(pairs))
        expected.append(current)
    frozen = scope.frozen()
    assert dict(frozen) == current and len(frozen) == len(current)
    for view, want in zip(views, expected, strict=True):
        assert dict(view) == want and len(view) == len(want)
        assert all(view[k] == v for k, v in want.items()) and "nope" not in view


# --------------------------------------------------------------------------- .env and compose


def test_dotenv_doubling_ends_unknown():
    values = env_values(".env", "A=xx\n" + "A=${A}${A}\n" * 40 + "B=$A-ok\nC=short\n")
    assert values["A"].value is None and values["B"].value is None and values["C"].value == "short"
    values = env_values(".env", "A=xx\n" + "A=${A}${A}\n" * 10)
    assert values["A"].value == "x" * 2048


def test_dotenv_value_over_the_cap_is_unknown():
    half = "x" * (ENV_MAX // 2 + 1)
    assert env_values(".env", f"A={half}\nB=$A$A\nC=${{A}}\n")["B"].value is None
    assert env_values(".env", f"A={half}\nC=${{A}}\n")["C"].value == half


def test_compose_interpolation_is_bounded():
    compose_text = "services:\n  hub:\n    image: jupyterhub/jupyterhub:${A}\n    environment:\n      B: $A$A$A\n"
    small = read_compose("docker-compose.yml", compose_text, {"./.env": "A=xx\n" + "A=${A}${A}\n" * 3}.get)
    assert small.services["hub"].image.value == "jupyterhub/jupyterhub:" + "x" * 16
    assert small.services["hub"].environment["B"].value == "x" * 48
    big = read_compose("docker-compose.yml", compose_text, {"./.env": "A=xx\n" + "A=${A}${A}\n" * 40}.get)
    assert big.services["hub"].image.value is None and big.services["hub"].environment["B"].value is None


# --------------------------------------------------------------------------- jupyterhub_config.py


@pytest.mark.parametrize(
    "step", ["a = a + a", "a = f'{a}{a}'", "a = '{0}{0}'.format(a)", "a = '%s%s' % (a, a)", "a = '{}{}'.format(a, a)"]
)
def test_config_string_doubling_ends_unknown(step):
    cfg = read_python_config("a = 'xx'\n" + f"{step}\n" * 40 + "c.Spawner.default_url = a\n")
    assert cfg.traits[("Spawner", "default_url")][0].value is UNKNOWN_VALUE
    cfg = read_python_config("a = 'xx'\n" + f"{step}\n" * 10 + "c.Spawner.default_url = a\n")
    assert cfg.traits[("Spawner", "default_url")][0].value == "x" * 2048


@pytest.mark.parametrize("fmt", ["'%999999999s' % 'a'", "'%.999999999f' % 1.5", "'%*s' % (5, 'a')"])
def test_a_percent_format_that_says_it_is_huge_is_unknown(fmt):
    cfg = read_python_config(f"c.Spawner.default_url = {fmt}\n")
    assert cfg.traits[("Spawner", "default_url")][0].value is UNKNOWN_VALUE
    assert (
        read_python_config("c.Spawner.default_url = '/%5s' % 'a'\n").traits[("Spawner", "default_url")][0].value
        == "/    a"
    )


def _leaves(value):
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    return [value]


def test_config_containers_are_bounded():
    cfg = read_python_config("a = ['x']\n" + "a = [a, a]\n" * 40 + "c.Spawner.cmd = a\n")
    leaves = _leaves(cfg.traits[("Spawner", "cmd")][0].plain())  # a trillion, unbounded
    assert len(leaves) <= MAX_NODES and UNKNOWN_VALUE in leaves
    cfg = read_python_config("a = ['x']\n" + "a = [a, a]\n" * 5 + "c.Spawner.cmd = a\n")
    assert len(json.dumps(cfg.traits[("Spawner", "cmd")][0].plain())) > 100
    cfg = read_python_config("a = ['x']\n" + "a = [a]\n" * 2000 + "c.Spawner.cmd = a\n")
    value, depth = cfg.traits[("Spawner", "cmd")][0].plain(), 0
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert value is UNKNOWN_VALUE and depth <= MAX_NESTING
    cfg = read_python_config("a = ['x']\nc.Spawner.args = a\n" + "c.Spawner.args += a + a\n" * 40)
    assert len(_leaves(cfg.traits[("Spawner", "args")][0].plain())) <= MAX_NODES
    assert MAX_NODES >= 1000 and MAX_STRING >= 4096


_RUNS_CONFIG = '''\
import os
c = get_config()
c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'
if os.environ.get('A'):
    c.DockerSpawner.image = 'quay.io/a/b:1'
else:
    c.DockerSpawner.image = 'quay.io/a/b:2'
try:
    import x
except ImportError:
    pass
finally:
    c.Spawner.default_url = '/lab'
note = """
text at the left margin
c.Spawner.cmd = ['not', 'this']
"""
@decorator
def hook(spawner):
    pass
c.Spawner.args = [
'--a',
]
c.DockerSpawner.volumes = {'h': '/home/jovyan/work'}
'''


@pytest.mark.parametrize("piece", [1, 5, 40, 200])
def test_a_long_config_is_read_a_run_of_statements_at_a_time_as_if_whole(piece):
    from hublint.deployment import hubconfig, pyruns

    def read(pieces):
        cfg = hubconfig.HubConfig("python")
        reader = hubconfig._PyReader(_RUNS_CONFIG, None)
        for tree in pieces:
            reader.read(tree, cfg)
        return sorted((key, repr(values)) for key, values in cfg.traits.items())

    runs = list(pyruns.modules(_RUNS_CONFIG, whole=0, limit=10_000, piece=piece))
    assert len(runs) > 1
    assert read(runs) == read([pyruns.parse(_RUNS_CONFIG)])
    assert ("Spawner", "cmd") not in dict(read(runs))  # the text inside the string is not a statement
    broken = _RUNS_CONFIG + "c.Spawner.cmd = [\n"  # the error is where reading the whole file puts it
    with pytest.raises(ConfigReadError) as whole:
        pyruns.parse(broken)
    with pytest.raises(ConfigReadError) as runs_error:
        list(pyruns.modules(broken, whole=0, limit=10_000, piece=piece))
    assert (runs_error.value.message, runs_error.value.line) == (whole.value.message, whole.value.line)


def test_a_config_over_the_parse_cap_is_read_in_runs_and_a_longer_statement_is_not_read():
    from hublint.deployment.pyruns import MAX_PARSE

    many = "".join(f"c.Spawner.environment = {{'A{i}': 'x' + 'y'}}\n" for i in range(MAX_PARSE // 20))
    cfg = read_python_config(many + "c.DockerSpawner.image = 'quay.io/a/b:1'\n")
    assert len(many) > MAX_PARSE and cfg.traits[("DockerSpawner", "image")][0].value == "quay.io/a/b:1"
    assert cfg.traits[("DockerSpawner", "image")][0].span[0] == many.count("\n") + 1  # the file's line
    one = "x = [" + "'a', " * (MAX_PARSE // 4) + "]\nc.DockerSpawner.image = 'quay.io/a/b:1'\n"
    with pytest.raises(ConfigReadError, match="too long to judge"):
        read_python_config(one)


def test_statements_each_under_the_cap_are_read_whatever_closes_them():
    """Two dicts of about 135,000 characters each: a closing brace at the left margin is no place to cut."""
    from hublint.deployment.pyruns import MAX_PARSE

    def stmt(cls, count):
        return f"c.{cls}.allowed_users = {{\n" + "".join(f'    "user{i:06d}",\n' for i in range(count)) + "}\n"

    text = stmt("Authenticator", 7500) + stmt("LocalAuthenticator", 7500) + "c.DockerSpawner.image = 'a/b:1'\n"
    assert len(text) > MAX_PARSE
    cfg = read_python_config(text)
    assert cfg.traits[("DockerSpawner", "image")][0].value == "a/b:1"


def test_a_lone_carriage_return_ends_a_line_as_python_reads_it():
    from hublint.deployment import pyruns

    text = "a = 1\r" * 50 + "\n" + "x = 2\n" * 200 + "c.Spawner.cmd = ['jupyterhub-singleuser']\n"
    whole = read_python_config(text).traits[("Spawner", "cmd")][0].span[0]
    assert whole == 251  # 49 lines ended by CR, one by CR LF, 200 more, then the trait
    cut = pyruns.MAX_PARSE, pyruns._PIECE
    try:
        pyruns.MAX_PARSE, pyruns._PIECE = 1000, 100
        assert read_python_config(text).traits[("Spawner", "cmd")][0].span[0] == whole
    finally:
        pyruns.MAX_PARSE, pyruns._PIECE = cut


def test_config_columns_on_a_long_non_ascii_line():
    cfg = read_python_config("x = ['\u00e9', '\u20ac']; c.DockerSpawner.image = 'quay.io/a/b:1'\n")
    assert cfg.traits[("DockerSpawner", "image")][0].span == (1, 41, 1, 56)  # columns in characters
    assert cfg.traits[("DockerSpawner", "image")][1] == (1, 17, 1, 38)


def test_an_elif_chain_is_read_without_recursion():
    cfg = read_python_config("if a:\n    pass\n" + "elif a:\n    pass\n" * 2500 + "else:\n    c.Spawner.cmd = ['x']\n")
    assert cfg.traits[("Spawner", "cmd")][0].plain() == ["x"]


# --------------------------------------------------------------------------- Makefiles and scripts


def test_makefile_substitution_is_bounded():
    text = "V0 = " + "x" * 1000 + "\n" + "".join(f"V{i} = " + f"$(V{i - 1})" * 1000 + "\n" for i in range(1, 5))
    builds, _ = read_build_commands(
        "Makefile", text + "build:\n\tdocker build -t $(V4) -t img:$(V0) .\n", lambda p: None
    )
    # the line expands past the cap: it is computed as a whole, so nothing of it is taken as known
    assert all(len(name) <= MAX_EXPANSION for b in builds for name in b.names)
    assert not any(name == "img:" + "x" * 1000 for b in builds for name in b.names)
    builds, _ = read_build_commands(
        "Makefile", "V0 = " + "x" * 1000 + "\nbuild:\n\tdocker build -t img:$(V0) .\n", lambda p: None
    )
    assert [b.names for b in builds] == [("img:" + "x" * 1000,)]  # under the cap it is read


# --------------------------------------------------------------------------- through the command line


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Dockerfile", BASE + "ENV A=xx\n" + "ENV A=$A$A\n" * 40 + "USER $A\n"),
        ("Dockerfile", BASE + "WORKDIR a\n" * 40_000 + 'CMD ["start.sh"]\n'),
        (".env", "A=xx\n" + "A=${A}${A}\n" * 40),
        ("jupyterhub_config.py", "a = 'xx'\n" + "a = a + a\n" * 40 + "c.DockerSpawner.image = a\n"),
        ("jupyterhub_config.py", "a = ['x']\n" + "a = [a, a]\n" * 40 + "c.Spawner.cmd = a\n"),
    ],
)
def test_the_attack_inputs_lint_without_error(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    r = subprocess.run(
        [sys.executable, "-m", "hublint", "--no-cache", "--no-config", "--format", "json", name],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert r.returncode in (0, 1) and b"internal error" not in r.stderr, r.stderr
    json.loads(r.stdout)


def test_following_changes_to_a_name_is_bounded():
    """Each followed change to a name copies its list or dict: past MAX_COPIED copied entries the name is unknown,
    so a file of key assignments copies a bounded amount, not its square; `.update()` with nothing adds nothing."""
    from hublint.deployment.pychanges import MAX_COPIED

    def volumes(count: int, tail: str = ""):
        text = "c = get_config()\nd = {}\n" + "".join(f"d['k{i}'] = 0\n" for i in range(count)) + tail
        tracemalloc.start()
        cfg = read_python_config(text + "c.DockerSpawner.volumes = d\n")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return cfg.traits[("DockerSpawner", "volumes")][0], peak

    many = int((2 * MAX_COPIED) ** 0.5) + 50  # copies 0 + 1 + … + many-1 entries: over the bound
    got, peak = volumes(many)
    assert got.value is UNKNOWN_VALUE and peak < 64 * 2**20
    got, _ = volumes(100, "d.update()\n" * 5000)
    assert len(got.value) == 100


def test_a_helm_script_that_doubles_its_variables_is_bounded():
    """`V1=${V0:-}${V0:-}` thirty times would be gigabytes: a value over the cap is not kept (the helm line still
    reads), and `${V:-x}` of an empty V is its default, as in the shell."""
    from hublint.deployment.helmlines import read_helm_commands

    text = "V0=xxxxxxxxxxxxxxxx\n" + "".join(f"V{i}=${{V{i - 1}:-}}${{V{i - 1}:-}}\n" for i in range(1, 31))
    text += "helm upgrade --install hub jupyterhub/jupyterhub --version 3.3.7 -f values.yaml $V30 $V29\n"
    tracemalloc.start()
    (release,) = read_helm_commands("/r/deploy.sh", text, "/r")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert release.version.value == "3.3.7" and peak < 32 * 2**20
    empty = 'V=""\nhelm upgrade --install jhub jupyterhub/jupyterhub --version ${V:-3.3.7} -f c.yaml\n'
    twice = "B=" + "x" * 1000 + "\nA=" + "$B" * 500 + "\nhelm upgrade r c " + "${A:-}" * 600 + "\n"  # 1000× twice
    tracemalloc.start()
    assert read_helm_commands("/r/deploy.sh", twice, "/r") == []
    assert tracemalloc.get_traced_memory()[1] < 32 * 2**20
    tracemalloc.stop()
    assert [r.version.value for r in read_helm_commands("/r/deploy.sh", empty, "/r")] == ["3.3.7"]
