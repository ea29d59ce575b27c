"""What a rule sees: the analysed Dockerfile, the options, and shared analyses computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .model import Dockerfile, Stage
from .options import Options
from .syntax import Instruction

__all__ = ["Context"]


@dataclass(eq=False)
class Context:
    dockerfile: Dockerfile
    options: Options
    path: str = "Dockerfile"
    context_dir: str | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    @cached_property
    def chain(self) -> list[Stage]:
        return self.dockerfile.chain(self.options.target)

    @cached_property
    def final(self) -> Stage | None:
        return self.chain[-1] if self.chain else None

    def span(self, ins: Instruction, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end_line, end_column) of ``ins.original[start:end]``."""
        line, col = ins.position(start)
        end_line, end_col = ins.position(max(start, end - 1))
        return line, col, end_line, end_col + (1 if end > start else 0)

    def keyword_span(self, ins: Instruction) -> tuple[int, int, int, int]:
        return self.span(ins, *ins.keyword_span)
