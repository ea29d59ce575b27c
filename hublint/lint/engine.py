"""The engine: text -> findings.  Parses once, runs the selected rules, stamps code, name and
severity, applies pragmas and select/ignore.  No printing, no I/O beyond what rules ask of
the build context through :class:`hublint.context.Context`."""

from __future__ import annotations

from bisect import bisect_right

from ..checks.registry import BY_CODE, ROLE_NAMES, RULES, Rule, matches, resolve_selector
from ..dockerfile.model import analyze
from ..dockerfile.syntax import ParseError, scan
from ..image.analysis import Context
from ..settings.options import Options
from .hits import Hit
from .pragmas import find_pragmas

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .finding import Finding

__all__ = [
    "lint_source",
    "lint_config_source",
    "parse_error_finding",
    "read_hub_config",
    "lint_context",
    "analyse_source",
    "resolve_role",
]


_SELECTED: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}


def _enabled(rule: Rule, options: Options) -> bool:
    """Is ``rule`` selected?  Computed once per (select, ignore) pair."""
    key = (options.select, options.ignore)
    codes = _SELECTED.get(key)
    if codes is None:
        if len(_SELECTED) > 64:
            _SELECTED.clear()  # bounded, for long-lived API users
        codes = _SELECTED[key] = frozenset(
            r.code for r in RULES if matches(r, options.select) and not matches(r, options.ignore)
        )
    return rule.code in codes


def _finding(rule: Rule, hit: Hit, path: str, options: Options) -> Finding:
    from .finding import Finding

    severity = options.severity.get(rule.code) or options.severity.get(rule.name) or rule.severity
    return Finding(
        path=path,
        line=hit.line,
        column=hit.column,
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=_shown(hit.message),
        end_line=hit.end_line if hit.end_line is not None else hit.line,
        end_column=hit.end_column if hit.end_column is not None else hit.column + 1,
        fix=hit.fix,
        help=_shown(hit.help) if hit.help else None,
    )


def _shown(text: str) -> str:
    """Never show the internal unknown-value sentinel: a part hublint cannot know reads as `…`."""
    from ..dockerfile.expand import UNKNOWN

    return text.replace(UNKNOWN, "…") if UNKNOWN in text else text


def _stage_problem(df) -> Hit | None:
    """BuildKit rejects instructions before the first FROM (other than ARG), and a file with no FROM."""
    for step in df.preamble:
        if step.instruction.keyword != "ARG":
            ins = step.instruction
            return Hit(
                f"`{ins.keyword}` before the first FROM: Docker rejects this file (no build stage in current context)",
                ins.start_line,
                1,
                ins.start_line,
                1 + len(ins.keyword),
            )
    if not df.stages:
        ins = df.instructions[0]
        return Hit(
            "no FROM instruction: Docker rejects this file (no build stage in current context)",
            ins.start_line,
            1,
            ins.start_line,
            1 + len(ins.keyword),
        )
    return None


def _target_problem(df, target: str | None) -> Hit | None:
    """``--target`` names a stage the file does not have: ``docker build --target`` fails."""
    if not target or df.stage_named(target) is not None:
        return None
    ins = df.stages[-1].instruction
    return Hit(
        f"no build stage named `{target}`: `docker build --target {target}` fails (target stage could not be found)",
        ins.start_line,
        1,
        ins.start_line,
        1 + len(ins.keyword),
    )


def parse_error_finding(exc: ParseError, path: str, options: Options, what: str = "BuildKit") -> list[Finding]:
    """HUB001 for a file BuildKit (or, for Hub configurations, hublint) cannot read; empty when not selected."""
    rule = BY_CODE["HUB001"]
    if not _enabled(rule, options):
        return []
    lead = "BuildKit cannot parse this file" if what == "BuildKit" else "hublint cannot read this file"
    hit = Hit(f"{lead}: {exc.message}", exc.line, exc.column)
    return [_finding(rule, hit, path, options)]


def lint_source(
    text: str, path: str = "Dockerfile", options: Options | None = None, context_dir: str | None = None
) -> list[Finding]:
    """Lint Dockerfile text (its default build target, or ``options.target``).  Never raises on any input."""
    options = options or Options()
    ctx, findings = analyse_source(text, path, options, context_dir)
    if ctx is None:
        return findings
    return lint_context(ctx)


def analyse_source(text: str, path: str, options: Options, context_dir: str | None):
    """(Context, []) for a Dockerfile that can be linted, or (None, HUB001 findings) when it cannot."""
    try:
        tree = scan(text)
    except ParseError as exc:
        return None, parse_error_finding(exc, path, options)

    from ..image.knowledge import base_env

    df = analyze(tree, options.build_args, lambda image: base_env(image, options.images))
    problem = _stage_problem(df) or _target_problem(df, options.target)
    if problem is not None:
        hub001 = BY_CODE["HUB001"]
        return None, ([_finding(hub001, problem, path, options)] if _enabled(hub001, options) else [])
    return Context(df, options, path, context_dir, text), []


def resolve_role(ctx, cli_role: str | None = None, config_role: str | None = None, decided=None):
    """The role a Dockerfile is judged as, strongest evidence first: ``--role``, a ``# hublint role=`` pragma,
    the configuration's ``roles``, the deployment's decision (``decided``), the Dockerfile's own evidence.

    Returns (Role, a Hit for an invalid pragma or None)."""
    from ..workspace.evidence import Role, decide, own_evidence, role_pragma

    if cli_role:
        return Role(cli_role, f"--role {cli_role}"), None
    pragma = role_pragma(ctx.dockerfile.comments)
    problem = None
    if pragma is not None:
        value, line = pragma
        if value in ROLE_NAMES:
            return Role(value, f"`# hublint role={value}` (line {line})"), None
        if value != "auto":
            col = next((c.column + c.text.find(value) for c in ctx.dockerfile.comments if c.line == line), 1)
            problem = Hit(
                f"`role={value}` in this hublint pragma is not a role: use singleuser, hub, other or auto",
                line,
                col,
                line,
                col + len(value),
            )
    if config_role:
        return Role(config_role, "the configuration's `roles`"), problem
    if decided is not None:
        return decided, problem
    return decide(own_evidence(ctx)), problem


def lint_context(ctx: Context, role=None, problem: Hit | None = None) -> list[Finding]:
    """Run the rules that apply to an analysed Dockerfile (one build target), by its role.

    ``role``: the decided :class:`hublint.roles.Role` (None: decide it here, as :func:`resolve_role` does with
    the options' ``role``)."""
    options = ctx.options
    path = ctx.path
    if role is None:
        role, problem = resolve_role(ctx, options.role)
    if options.role != role.role or options.base != role.base:
        options = ctx.options = options._replace(role=role.role, base=role.base)
    findings: list[Finding] = []
    if problem is not None and _enabled(BY_CODE["HUB002"], options):
        findings.append(_finding(BY_CODE["HUB002"], problem, path, options))
    for rule in RULES:
        if rule.module is None or "dockerfile" not in rule.targets or not _enabled(rule, options):
            continue
        if role.role not in rule.roles or (role.base and rule.finished):
            continue
        for hit in rule.check(ctx):
            findings.append(_finding(rule, hit, path, options))

    df = ctx.dockerfile
    if options.inline_ignores:
        units = [(ins.start_line, ins.end_line) for ins in df.instructions]
        findings = _apply_pragmas(df.comments, units, findings, path, options)
    findings.sort()
    return findings


def _apply_pragmas(
    comments, units: list[tuple[int, int]], findings: list[Finding], path: str, options: Options
) -> list[Finding]:
    """Apply ``# hublint ignore=`` to the unit (instruction, or line of a Hub configuration) after it, and
    ``# hublint global ignore=`` to the file.  ``units``: (start line, end line), in order."""
    pragmas = find_pragmas(comments)
    if not pragmas:
        return findings
    hub002 = BY_CODE["HUB002"]
    starts = [start for start, _ in units]
    global_codes: set[str] = set()
    local: dict[int, set[str]] = {}  # instruction index -> codes
    extra: list[Finding] = []
    for pragma in pragmas:
        codes: set[str] = set()
        for text, col, end in pragma.items:
            rules = resolve_selector(text)
            if rules is None:
                if _enabled(hub002, options):
                    extra.append(
                        _finding(
                            hub002,
                            Hit(
                                f"`{text}` in this hublint pragma is not a rule code, name or code prefix; "
                                "`hublint --list-rules` lists them",
                                pragma.line,
                                col,
                                pragma.line,
                                end,
                            ),
                            path,
                            options,
                        )
                    )
                continue
            codes.update(r.code for r in rules)
        if pragma.is_global:
            global_codes |= codes
        else:
            idx = bisect_right(starts, pragma.line)
            if idx < len(starts):
                local.setdefault(idx, set()).update(codes)
    kept = []
    for f in findings:
        if f.code in global_codes:
            continue
        idx = bisect_right(starts, f.line) - 1
        if idx >= 0 and f.code in local.get(idx, ()) and f.line <= units[idx][1]:
            continue
        kept.append(f)
    return kept + extra


def read_hub_config(text: str, path: str):
    """A Hub configuration (``jupyterhub_config.py`` or z2jh values); raises ConfigReadError; None if not one."""
    from ..deployment.hubconfig import read_python_config, read_z2jh_values

    if path.endswith(".py"):
        return read_python_config(text)
    return read_z2jh_values(text)


def lint_config_source(text: str, path: str, options: Options | None = None, cfg=None) -> list:
    """Lint a Hub configuration file: the image rules on its image references, and HUB6xx.

    ``cfg``: the file already read by :func:`read_hub_config` (``--hub-config`` files are read first)."""
    from ..deployment.hubconfig import ConfigReadError

    options = options or Options()
    try:
        cfg = cfg if cfg is not None else read_hub_config(text, path)
    except ConfigReadError as exc:
        return parse_error_finding(ParseError(exc.message, exc.line, exc.column), path, options, what="file")
    if cfg is None:
        return []
    findings = []
    for rule in RULES:
        if rule.module is None or "config" not in rule.targets or not _enabled(rule, options):
            continue
        for hit in rule.check_config(cfg, options):
            findings.append(_finding(rule, hit, path, options))
    if options.inline_ignores and "hublint" in text:
        comments, units = _config_lines(text)
        findings = _apply_pragmas(comments, units, findings, path, options)
    findings.sort()
    return findings


def _config_lines(text: str):
    """Full-line ``#`` comments of a Python or YAML file, and its other non-blank lines (pragma units)."""
    from ..dockerfile.syntax import Comment

    comments, units = [], []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            comments.append(Comment(number, len(line) - len(stripped) + 1, stripped.rstrip()))
        elif stripped.strip():
            units.append((number, number))
    return tuple(comments), units
