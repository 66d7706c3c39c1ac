"""Undo and redo of line edits within a session; each step is saved like an edit."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model import PlanLine


@dataclass(frozen=True)
class Step:
    """One committed edit of one line: the line (volumes and price class) before and after."""

    key: str
    before: PlanLine
    after: PlanLine


@dataclass
class History:
    """Done steps to undo and undone steps to redo; a new edit clears the redo side."""

    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)

    def record(self, step: Step) -> None:
        self.done.append(step)
        self.undone.clear()

    def peek_undo(self) -> Step | None:
        return self.done[-1] if self.done else None

    def peek_redo(self) -> Step | None:
        return self.undone[-1] if self.undone else None

    def undo(self) -> Step:
        step = self.done.pop()
        self.undone.append(step)
        return step

    def redo(self) -> Step:
        step = self.undone.pop()
        self.done.append(step)
        return step
