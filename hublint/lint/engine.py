"""The engine: runs the selected rules on a frozen input and makes their hits findings.

It stamps each hit with the rule's code, name and severity (the default, or the settings' override), applies
``# hublint ignore=`` pragmas and never prints, reads files or configuration: the workspace builds the inputs
(:mod:`hublint.lint.inputs`) and hands the engine the registry's rules (:mod:`hublint.checks.registry`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from ..dockerfile.syntax import Comment, ParseError
from ..records import NamedTuple
from .finding import Finding
from .hits import Hit
from .inputs import ConfigInput, ImageInput
from .pragmas import find_pragmas
from .rule import Checker, Rule, did_you_mean, matches, resolve_selector

__all__ = ["Selection", "Linter", "stage_problem", "target_problem"]


class Selection(NamedTuple):
    """Which rules run, at which severity, and whether pragmas count (the settings' part the engine reads)."""

    select: tuple[str, ...] = ("HUB",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})  # code -> severity
    inline_ignores: bool = True


class Linter:
    """The rules of a registry, as selected: ``image(inp)`` and ``config(inp)`` return sorted findings."""

    def __init__(self, checkers: Sequence[Checker], selection: Selection) -> None:
        self.checkers = tuple(checkers)
        self.rules = tuple(c.rule for c in self.checkers)
        self.selection = selection
        self.by_code = {r.code: r for r in self.rules}
        self.enabled = frozenset(
            r.code for r in self.rules if matches(r, selection.select) and not matches(r, selection.ignore)
        )

    # ------------------------------------------------------------------ findings
    def finding(self, rule: Rule, hit: Hit, path: str, confidence: str = "certain") -> Finding | None:
        """The hit as a finding: the rule's severity (or the settings'); on a weak premise an info — and no finding
        at all when the rule's severity is info already (docs/deployments.md, "Severity follows certainty").  A rule
        about the finished, spawned image (``Rule.finished``) says nothing on a weak role (:meth:`image`)."""
        severity = self.selection.severity.get(rule.code) or self.selection.severity.get(rule.name) or rule.severity
        if hit.confidence is not None:
            confidence = _weakest(confidence, hit.confidence)
        if confidence == "weak":
            if severity == "info":
                return None
            severity = "info"
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
            confidence=confidence,
        )

    def engine_finding(self, code: str, hit: Hit, path: str) -> list[Finding]:
        """A finding of the engine's own rules (HUB001, HUB002, HUB003), or nothing when the rule is not selected."""
        found = self.finding(self.by_code[code], hit, path) if code in self.enabled else None
        return [found] if found is not None else []

    def parse_error(
        self, exc: ParseError, path: str, what: str = "BuildKit", confidence: str | None = None
    ) -> list[Finding]:
        """HUB001 for a file BuildKit (or, for deployment files, hublint) cannot read; ``confidence``: how sure it
        is that the file is what it was read as (weak: a values file guessed from its keys, which no release names)."""
        lead = "BuildKit cannot parse this file" if what == "BuildKit" else "hublint cannot read this file"
        hit = Hit(f"{lead}: {exc.message}", exc.line, exc.column, confidence=confidence)
        return self.engine_finding("HUB001", hit, path)

    # ------------------------------------------------------------------ images
    def image(self, inp: ImageInput, problem: Hit | None = None) -> list[Finding]:
        """The findings of the image rules for one build target, by its role; ``problem``: an invalid
        ``# hublint role=`` pragma (HUB002)."""
        findings: list[Finding] = []
        if problem is not None:
            findings += self.engine_finding("HUB002", problem, inp.path)
        for checker in self.checkers:
            rule = checker.rule
            if checker.check is None or rule.code not in self.enabled:
                continue
            if inp.role not in rule.roles or (inp.base and rule.finished):
                continue
            if inp.certainty == "weak" and rule.finished and "role" in rule.premises:
                continue  # a guessed role: what a spawned image must have and do is not asked (as of a base)
            confidence = _weakest(
                inp.certainty if "role" in rule.premises else "certain",
                inp.hub_certainty if "hub" in rule.premises else "certain",
            )
            findings.extend(_kept(self.finding(rule, hit, inp.path, confidence) for hit in checker.check(inp)))
        df = inp.image.dockerfile
        if self.selection.inline_ignores:
            units = [(ins.start_line, ins.end_line) for ins in df.instructions]
            findings = self._apply_pragmas(df.comments, units, findings, inp.path)
        findings.sort()
        return findings

    # ------------------------------------------------------------------ deployment files
    def config(self, inp: ConfigInput) -> list[Finding]:
        """The findings of the configuration rules on a deployment file."""
        findings: list[Finding] = []
        for checker in self.checkers:
            if checker.check_config is None or checker.rule.code not in self.enabled:
                continue
            confidence = inp.hub_certainty if "hub" in checker.rule.premises else "certain"
            findings.extend(
                _kept(self.finding(checker.rule, hit, inp.path, confidence) for hit in checker.check_config(inp))
            )
        if self.selection.inline_ignores and "hublint" in inp.text:
            comments, units = _config_lines(inp.text)
            findings = self._apply_pragmas(comments, units, findings, inp.path)
        findings.sort()
        return findings

    # ------------------------------------------------------------------ pragmas
    def _apply_pragmas(
        self, comments: Iterable[Comment], units: list[tuple[int, int]], findings: list[Finding], path: str
    ) -> list[Finding]:
        """Apply ``# hublint ignore=`` to the unit (instruction, or line of a deployment file) after it, and
        ``# hublint global ignore=`` to the file.  ``units``: (start line, end line), in order."""
        pragmas = find_pragmas(tuple(comments))
        if not pragmas:
            return findings
        starts = [start for start, _ in units]
        global_codes: set[str] = set()
        local: dict[int, set[str]] = {}  # instruction index -> codes
        extra: list[Finding] = []
        for pragma in pragmas:
            codes: set[str] = set()
            for text, col, end in pragma.items:
                rules = resolve_selector(self.rules, text)
                if rules is None:
                    near = did_you_mean(self.rules, text)
                    hit = Hit(
                        f"`{text}` in this hublint pragma is not a rule code, name or code prefix"
                        + (near or "; `hublint --list-rules` lists them"),
                        pragma.line,
                        col,
                        pragma.line,
                        end,
                    )
                    extra += self.engine_finding("HUB002", hit, path)
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


_CERTAINTY = {"weak": 0, "likely": 1, "certain": 2}


def _weakest(*certainties: str) -> str:
    return min(certainties, key=_CERTAINTY.__getitem__)


def _kept(findings: Iterable[Finding | None]) -> list[Finding]:
    """The findings made, each once: two settings that read one written value (`DockerSpawner.image` and
    `allowed_images` from the same variable) give one finding at that place, not two."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        if f is not None and (key := (f.line, f.column, f.code, f.message)) not in seen:
            seen.add(key)
            out.append(f)
    return out


def _shown(text: str) -> str:
    """Never show the internal unknown-value sentinel: a part hublint cannot know reads as `…`."""
    from ..dockerfile.expand import UNKNOWN

    return text.replace(UNKNOWN, "…") if UNKNOWN in text else text


def stage_problem(df) -> Hit | None:
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


def target_problem(df, target: str | None) -> Hit | None:
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


def _config_lines(text: str) -> tuple[tuple[Comment, ...], list[tuple[int, int]]]:
    """Full-line ``#`` comments of a Python or YAML file, and its other non-blank lines (pragma units)."""
    comments, units = [], []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            comments.append(Comment(number, len(line) - len(stripped) + 1, stripped.rstrip()))
        elif stripped.strip():
            units.append((number, number))
    return tuple(comments), units
