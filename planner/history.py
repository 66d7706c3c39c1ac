"""Undo and redo of line edits within a session; each step is saved like an edit.

A step may only be undone or redone while its line is still as this session left it: the
history remembers that version per line, and forgets a line's steps once another source
(a colleague, the CLI, a review) has changed the line.
"""

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
    left_at: dict[str, int] = field(default_factory=dict)
    ended: list[str] = field(default_factory=list)

    def record(self, step: Step) -> None:
        self.done.append(step)
        self.undone.clear()
        self.left_at[step.key] = step.after.version

    def peek_undo(self) -> Step | None:
        return self.done[-1] if self.done else None

    def peek_redo(self) -> Step | None:
        return self.undone[-1] if self.undone else None

    def undo(self, written: PlanLine) -> Step:
        """Move the last step to the redo side; `written` is the line as the undo stored it."""
        step = self.done.pop()
        self.undone.append(step)
        self.left_at[step.key] = written.version
        return step

    def redo(self, written: PlanLine) -> Step:
        """Move the last undone step back; `written` is the line as the redo stored it."""
        step = self.undone.pop()
        self.done.append(step)
        self.left_at[step.key] = written.version
        return step

    def expected_version(self, key: str) -> int | None:
        """The version this session last left the line at (None: never touched here)."""
        return self.left_at.get(key)

    def forget(self, key: str) -> bool:
        """Drop every step of a line another source changed; True when any was dropped.

        A line whose steps were dropped is kept in `ended`, so "nothing to undo" can say why.
        """
        before = len(self.done) + len(self.undone)
        self.done = [step for step in self.done if step.key != key]
        self.undone = [step for step in self.undone if step.key != key]
        self.left_at.pop(key, None)
        dropped = len(self.done) + len(self.undone) != before
        if dropped:
            self.ended.append(key)
        return dropped

    def reconcile(self, versions: dict[str, int]) -> list[str]:
        """Forget lines whose stored version is no longer the one this session left."""
        stale = [key for key, left in self.left_at.items() if versions.get(key) != left]
        return [key for key in stale if self.forget(key)]
