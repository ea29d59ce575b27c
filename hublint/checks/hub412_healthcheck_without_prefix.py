"""HUB412 healthcheck-without-prefix: the image's HEALTHCHECK polls a fixed local URL that is not under the Hub's
`/user/<name>/` prefix (`JUPYTERHUB_SERVICE_PREFIX`), so it fails under the Hub; reported where the deployment
spawns the image with SwarmSpawner, since Docker Swarm replaces a task whose container is unhealthy (the server
dies after a few intervals).  Plain Docker and DockerSpawner only record the status, and Kubernetes ignores
HEALTHCHECK: there it is not reported (docker-stacks #1687, #1709, #1817)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lazy import pattern
from ..lint.hits import Hit
from ..lint.inputs import ImageInput
from ..lint.rule import Rule

RULE = Rule(
    "HUB412",
    "healthcheck-without-prefix",
    "warning",
    "A HEALTHCHECK polls a fixed URL outside the Hub's /user/<name>/ prefix",
)

_LOCAL_URL = pattern(r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::[0-9$][^/\s'\"]*)?[^\s'\")]*")
# what makes a check fail on an HTTP error status (404 outside the prefix): curl -f, wget, urllib, raise_for_status
_FAILS_ON_STATUS = pattern(
    r"(?<![\w-])curl\b[^|;&]*\s(?:-[a-zA-Z]*f[a-zA-Z]*|--fail(?:-with-body)?)\b|(?<![\w-])wget\b|urlopen|urllib|"
    r"raise_for_status"
)
_PREFIX_AWARE = pattern(r"JUPYTERHUB_SERVICE_(?:PREFIX|URL)|JUPYTERHUB_BASE_URL|NB_PREFIX|base_url", re.IGNORECASE)


def _healthcheck(inp: ImageInput):
    """The chain's last HEALTHCHECK step (None: none, or `HEALTHCHECK NONE`)."""
    for step in reversed(inp.image.chain_steps):
        if step.instruction.keyword == "HEALTHCHECK":
            value = step.instruction.value
            return step if value and str(value[0]).upper() == "CMD" else None
    return None


def _swarm(inp: ImageInput) -> bool:
    facts = inp.facts
    return facts is not None and bool(facts.spawner_class) and "swarm" in str(facts.spawner_class).lower()


def check(inp: ImageInput) -> Iterator[Hit]:
    from ..image.installs import instruction_anchor

    if not _swarm(inp):
        return
    step = _healthcheck(inp)
    if step is None:
        return
    ins = step.instruction
    text = " ".join(ins.value[1:])
    if _PREFIX_AWARE.search(text) or not _FAILS_ON_STATUS.search(text):
        return
    for m in _LOCAL_URL.finditer(text):
        url = m.group(0)
        path = url.split("://", 1)[1].partition("/")[2]
        if "$" in path or "`" in path:
            continue  # a variable may hold the prefix
        at = ins.original.find(url)
        span = (
            instruction_anchor(ins, inp.image.span(ins, at, at + len(url))) if at >= 0 else inp.image.keyword_span(ins)
        )
        yield Hit(
            f"the HEALTHCHECK polls `{url[:48]}`, outside the Hub's `/user/<name>/` prefix: Swarm kills the server",
            *span,
            help="poll `http://localhost:8888${JUPYTERHUB_SERVICE_PREFIX:-/}api` (shell form), or `HEALTHCHECK NONE`",
        )
        return
