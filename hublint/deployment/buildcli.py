"""The command lines of image builders, each read with its own option table.

``docker build``/``docker image build``/``docker buildx build``/``docker builder build``, ``podman build``,
``minikube image build``,
``buildah bud``/``build``, ``nerdctl build``, kaniko's ``/kaniko/executor`` and ``repo2docker``: an option that
takes a value is skipped with its value (``--builder ci``, ``--format docker``, ``--metadata-file x``), so that
the words left are the context; ``-t``/``--tag``/``--destination``, ``-f``/``--file``/``--dockerfile``,
``--target``, ``--build-arg NAME=VALUE`` and ``--build-context NAME=VALUE`` are kept.  A command whose words
cannot be read as exactly one context (an option hublint does not know followed by a word, say) is no build.
``docker buildx bake`` is a :class:`BakeCall` (read with the bake files it names).
"""

from __future__ import annotations

import posixpath
import re

from ..records import NamedTuple
from .imagenames import COMPUTED
from .shellwords import Word

__all__ = ["CliBuild", "BakeCall", "Retag", "read_builder", "read_retag", "strip_prefix"]


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BUILDX = _names(
    "--add-host --allow --annotation --attest --build-arg --build-context --builder --cache-from --cache-to "
    "--call --cgroup-parent --file -f --iidfile --label --metadata-file --network --no-cache-filter --output -o "
    "--platform --progress --provenance --sbom --secret --shm-size --ssh --tag -t --target --ulimit --policy "
    "--cpu-period --cpu-quota --cpu-shares -c --cpuset-cpus --cpuset-mems --isolation --memory -m --memory-swap "
    "--security-opt"
)
_PODMAN = _BUILDX | _names(
    "--arch --authfile --build-arg-file --cache-ttl --cap-add --cap-drop --cert-dir --cgroupns --cpp-flag --creds "
    "--cw --decryption-key --device --dns --dns-option --dns-search --env --from --group-add --hooks-dir "
    "--ignorefile --ipc --jobs --layer-label --logfile --manifest --os --os-feature --os-version --pid --retry "
    "--retry-delay --runtime --runtime-flag --sbom-image-output --sbom-image-purl-output --sbom-merge-strategy "
    "--sbom-output --sbom-purl-output --sbom-scanner-command --sbom-scanner-image --sign-by --signature-policy "
    "--source-date-epoch --timestamp --unsetenv --unsetlabel --userns --userns-gid-map --userns-gid-map-group "
    "--userns-uid-map --userns-uid-map-user --uts --variant --volume -v --format --inherit-annotations "
    "--created-annotation --rusage-logfile"
)
_NERDCTL = _BUILDX | _names("--buildkit-host --namespace -n")
_KANIKO = _names(
    "--context -c --dockerfile -f --destination -d --build-arg --target --cache-repo --cache-dir --cache-ttl "
    "--label --tar-path --digest-file --image-name-with-digest-file --image-name-tag-with-digest-file "
    "--oci-layout-path --registry-mirror --registry-certificate --registry-client-cert --registry-map "
    "--insecure-registry --skip-tls-verify-registry --snapshot-mode --verbosity -v --custom-platform "
    "--ignore-path --kaniko-dir --push-retry --image-fs-extract-retry --image-download-retry --log-format "
    "--compression --compression-level --git --credential-helpers --secret"
)
_REPO2DOCKER = _names(
    "--image-name --ref --user-id --user-name --appendix --target-repo-dir --subdir --build-memory-limit "
    "--config --cache-from --engine --label --env -e --volume -v --publish -p --port --Repo2Docker.platform"
)
_BAKE = _names("--file -f --set --builder --metadata-file --progress --allow --call --provenance --sbom --list")
# global options of the CLIs (before the subcommand) that take a value
_DOCKER_GLOBAL = _names("--config --context -c --host -H --log-level -l --tlscacert --tlscert --tlskey")
_PODMAN_GLOBAL = _names(
    "--cgroup-manager --conmon --connection -c --events-backend --hooks-dir --identity --imagestore "
    "--log-level --module --network-cmd-path --network-config-dir --out --root --runroot --runtime "
    "--runtime-flag --ssh --storage-driver --storage-opt --tmpdir --url --volumepath"
)
_NERDCTL_GLOBAL = _names("--namespace -n --address -a --host -H --snapshotter --storage-driver --cni-path")

_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_WRAPPERS = frozenset(("sudo", "time", "exec", "command", "nohup", "env", "eval", "builtin", "xargs"))


class CliBuild(NamedTuple):
    """A builder's command: ``tool`` ("`docker build`"), the words as it reads them."""

    tool: str
    context: str | None  # None: the builder's default (kaniko: its own, repo2docker: the current folder)
    file: str | None
    target: str | None
    tags: tuple[Word, ...]
    args: tuple[Word, ...]  # NAME=VALUE (or NAME) words
    contexts: tuple[str, ...]  # NAME=VALUE
    default_file: str  # "Dockerfile" (podman and buildah: "Containerfile" when present)


class BakeCall(NamedTuple):
    """``docker buildx bake``: bake files (``-f``), targets, ``--set`` overrides."""

    files: tuple[str, ...]
    targets: tuple[str, ...]
    sets: tuple[str, ...]


class Retag(NamedTuple):
    """A command that gives an image more tags: ``docker tag SOURCE TAG`` (``source``: the image), ``docker buildx
    imagetools create -t TAG …`` (``source`` None: the image of the tags' own name, pushed by digest before)."""

    source: str | None
    tags: tuple[str, ...]


def read_retag(words: list[Word]) -> Retag | None:
    """The tags a ``docker tag`` or ``docker buildx imagetools create`` command gives, None for another command."""
    if not words or posixpath.basename(words[0].text) not in ("docker", "podman", "nerdctl"):
        return None
    head = posixpath.basename(words[0].text)
    table = {"docker": _DOCKER_GLOBAL, "podman": _PODMAN_GLOBAL, "nerdctl": _NERDCTL_GLOBAL}[head]
    i = _subcommand(words, 1, table)
    texts = [w.text for w in words]
    if texts[i : i + 1] == ["tag"] or texts[i : i + 2] == ["image", "tag"]:
        plain = [t for t in texts[i + (1 if texts[i] == "tag" else 2) :] if not t.startswith("-")]
        return Retag(plain[0], tuple(plain[1:2])) if len(plain) >= 2 else None
    if head == "docker" and texts[i : i + 3] == ["buildx", "imagetools", "create"]:
        tags = []
        rest = texts[i + 3 :]
        for n, t in enumerate(rest):
            if t in ("-t", "--tag") and n + 1 < len(rest):
                tags.append(rest[n + 1])
            elif t.startswith("--tag="):
                tags.append(t[len("--tag=") :])
        return Retag(None, tuple(tags)) if tags else None
    return None


def strip_prefix(words: list[Word]) -> list[Word]:
    """The command itself: leading ``NAME=value`` assignments and wrappers (``sudo``, ``env``…) left out."""
    i = 0
    while i < len(words):
        text = words[i].text
        wrapper = text in _WRAPPERS or (text.startswith("-") and i > 0 and words[i - 1].text in _WRAPPERS)
        if not wrapper and _ASSIGNMENT.match(words[i].raw) is None:
            break
        i += 1
    return words[i:]


# `minikube image build`: its options that take a value
_MINIKUBE = frozenset({"-t", "--tag", "-f", "--file", "--build-env", "--build-opt", "-n", "--node", "-p", "--profile"})


def _subcommand(words: list[Word], start: int, global_opts: frozenset[str]) -> int:
    """Index of the first word after a CLI's global options."""
    i = start
    while i < len(words) and words[i].text.startswith("-"):
        opt = words[i].text
        i += 2 if opt in global_opts and "=" not in opt else 1
    return i


def read_builder(words: list[Word]) -> CliBuild | BakeCall | None:
    """The build (or bake call) a command runs, None when it runs no builder.  A program computed when the script
    runs (``$imcmd``) followed by ``build`` and a ``-t``/``--tag`` option is read as docker's build command."""
    if not words:
        return None
    head = posixpath.basename(words[0].text)
    if head in ("docker", "podman", "nerdctl"):
        table = {"docker": _DOCKER_GLOBAL, "podman": _PODMAN_GLOBAL, "nerdctl": _NERDCTL_GLOBAL}[head]
        i = _subcommand(words, 1, table)
        sub = [w.text for w in words[i : i + 2]]
        if sub[:1] == ["build"]:
            rest, tool = words[i + 1 :], f"`{head} build`"
        elif sub in (["image", "build"], ["buildx", "build"], ["builder", "build"], ["buildx", "b"]):
            rest, tool = words[i + 2 :], f"`{head} {' '.join(sub)}`"
        elif head == "docker" and (sub[:1] == ["bake"] or sub == ["buildx", "bake"]):
            return _bake(words[i + (1 if sub[0] == "bake" else 2) :])
        else:
            return None
        options = {"docker": _BUILDX, "podman": _PODMAN, "nerdctl": _NERDCTL}[head]
        return _docker_like(tool, rest, options, "Containerfile" if head == "podman" else "Dockerfile")
    if head == "buildah":
        if len(words) > 1 and words[1].text in ("bud", "build", "build-using-dockerfile"):
            return _docker_like(f"`buildah {words[1].text}`", words[2:], _PODMAN, "Containerfile")
        return None
    if words[0].text.endswith("kaniko/executor"):
        return _kaniko(words[1:])
    if head in ("repo2docker", "jupyter-repo2docker"):
        return _repo2docker(words[1:])
    if head == "minikube":  # `minikube [-p PROFILE] image build -t NAME DIR`: built into the cluster's runtime
        i = _subcommand(words, 1, frozenset({"-p", "--profile"}))
        if [w.text for w in words[i : i + 2]] == ["image", "build"]:
            return _docker_like("`minikube image build`", words[i + 2 :], _MINIKUBE, "Dockerfile")
        return None
    if COMPUTED in words[0].text and len(words) > 2 and words[1].text == "build" and _tagged(words[2:]):
        # `$imcmd build … --tag NAME DIR`: a program chosen when the script runs (docker or podman, found on the
        # PATH) with the build command's shape that docker, podman and nerdctl share
        found = _docker_like(f"`{words[0].raw} build`", words[2:], _BUILDX, "Dockerfile")
        return found if found is not None and found.tags else None
    return None


def _tagged(words: list[Word]) -> bool:
    """Do the words name an image to build (``-t``/``--tag``)?"""
    return any(w.text in ("-t", "--tag") or w.text.startswith("--tag=") for w in words)


def _options(words: list[Word], table: frozenset[str]) -> tuple[list[tuple[str, Word]], list[Word], bool] | None:
    """(option, value) pairs, positional words, whether an unknown option was seen; None when an option
    lacks its value."""
    pairs: list[tuple[str, Word]] = []
    positional: list[Word] = []
    unknown = False
    i = 0
    while i < len(words):
        w = words[i]
        text = w.text
        if text == "--":
            positional.extend(words[i + 1 :])
            break
        if not text.startswith("-") or text == "-":
            positional.append(w)
            i += 1
            continue
        opt, eq, value = text.partition("=")
        if opt in table:
            if eq:
                pairs.append((opt, w._replace(text=value)))
            elif i + 1 < len(words):
                pairs.append((opt, words[i + 1]))
                i += 1
            else:
                return None
        elif len(opt) > 2 and not opt.startswith("--") and opt[:2] in table:
            pairs.append((opt[:2], w._replace(text=text[2:])))  # -tNAME
        else:
            unknown = True
        i += 1
    return pairs, positional, unknown


def _context(positional: list[Word], unknown: bool) -> tuple[bool, str | None]:
    """(readable, the context): one positional word; a word that is computed as a whole may be options
    (``$(BUILD_OPTIONS)``) and is left out when another word is the context."""
    words = [w for w in positional if w.text != COMPUTED] if len(positional) > 1 else positional
    if len(words) != 1 or (unknown and len(positional) > 1):
        return False, None
    return True, words[0].text


def _docker_like(tool: str, words: list[Word], table: frozenset[str], default_file: str) -> CliBuild | None:
    read = _options(words, table)
    if read is None:
        return None
    pairs, positional, unknown = read
    ok, context = _context(positional, unknown)
    if not ok:
        return None
    return _build(tool, context, pairs, default_file, tags=("-t", "--tag"), files=("-f", "--file"))


def _build(tool, context, pairs, default_file, tags, files) -> CliBuild:
    get = [(o, w) for o, w in pairs]
    file = next((w.text for o, w in reversed(get) if o in files), None)
    target = next((w.text for o, w in reversed(get) if o == "--target"), None)
    return CliBuild(
        tool,
        context,
        file,
        target,
        tuple(w for o, w in get if o in tags),
        tuple(w for o, w in get if o == "--build-arg"),
        tuple(w.text for o, w in get if o == "--build-context"),
        default_file,
    )


def _kaniko(words: list[Word]) -> CliBuild | None:
    read = _options(words, _KANIKO)
    if read is None:
        return None
    pairs, positional, _ = read
    if positional:
        return None
    pairs = [(o, w._replace(text=w.text.removeprefix("dir://")) if o in ("-c", "--context") else w) for o, w in pairs]
    context = next((w.text for o, w in reversed(pairs) if o in ("-c", "--context")), None)
    return _build(
        "`/kaniko/executor`", context, pairs, "Dockerfile", tags=("-d", "--destination"), files=("-f", "--dockerfile")
    )


def _repo2docker(words: list[Word]) -> CliBuild | None:
    read = _options(words, _REPO2DOCKER)
    if read is None:
        return None
    pairs, positional, _ = read
    if not positional:
        return None
    return _build("`repo2docker`", positional[0].text, pairs, "Dockerfile", tags=("--image-name",), files=())


def _bake(words: list[Word]) -> BakeCall | None:
    read = _options(words, _BAKE)
    if read is None:
        return None
    pairs, positional, _ = read
    return BakeCall(
        tuple(w.text for o, w in pairs if o in ("-f", "--file")),
        tuple(w.text for w in positional),
        tuple(w.text for o, w in pairs if o == "--set"),
    )
