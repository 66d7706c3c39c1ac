"""Undo and redo of line edits within a session; each step is saved like an edit.

A step may only be undone or redone while its line is still as this session left it: the
history remembers that version per line, and forgets a line's steps once another source
(a colleague, the CLI, a review) has changed the line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner.model import PlanLine


@dataclass(frozen=True)
class Step:
    """One committed edit of one line: the line (volumes and price class) before and after."""

    key: str
    before: PlanLine
    after: PlanLine


@dataclass(frozen=True)
class Batch:
    """Several lines changed in one step (a pasted block): undone and redone together."""

    steps: tuple[Step, ...]

    @property
    def key(self) -> str:
        """The first line's key (where the cursor goes after an undo)."""
        return self.steps[0].key


def batch_between(before: Mapping[str, PlanLine], after: Sequence[PlanLine]) -> Batch | None:
    """The lines a whole-plan write (an import) changed, as one undoable step; None when it
    changed nothing or added or removed lines (those an undo of volumes cannot put back)."""
    if set(before) != {line.key for line in after}:
        return None
    steps = tuple(
        Step(line.key, before[line.key], line)
        for line in after
        if (line.volumes, line.price_class)
        != (before[line.key].volumes, before[line.key].price_class)
    )
    return Batch(steps) if steps else None


Done = Step | Batch


def parts(step: Done) -> tuple[Step, ...]:
    return step.steps if isinstance(step, Batch) else (step,)


@dataclass
class History:
    """Done steps to undo and undone steps to redo; a new edit clears the redo side."""

    done: list[Done] = field(default_factory=list)
    undone: list[Done] = field(default_factory=list)
    left_at: dict[str, int] = field(default_factory=dict)
    ended: list[str] = field(default_factory=list)

    def record(self, step: Done) -> None:
        self.done.append(step)
        self.undone.clear()
        for part in parts(step):
            self.left_at[part.key] = part.after.version

    def peek_undo(self) -> Done | None:
        return self.done[-1] if self.done else None

    def peek_redo(self) -> Done | None:
        return self.undone[-1] if self.undone else None

    def undo(self, *written: PlanLine) -> Done:
        """Move the last step to the redo side; `written`: the lines as the undo stored them."""
        step = self.done.pop()
        self.undone.append(step)
        for line in written:
            self.left_at[line.key] = line.version
        return step

    def redo(self, *written: PlanLine) -> Done:
        """Move the last undone step back; `written`: the lines as the redo stored them."""
        step = self.undone.pop()
        self.done.append(step)
        for line in written:
            self.left_at[line.key] = line.version
        return step

    def expected_version(self, key: str) -> int | None:
        """The version this session last left the line at (None: never touched here)."""
        return self.left_at.get(key)

    def forget(self, key: str) -> bool:
        """Drop every step of a line another source changed; True when any was dropped.

        A line whose steps were dropped is kept in `ended`, so "nothing to undo" can say why.
        """
        before = len(self.done) + len(self.undone)
        self.done = [s for s in self.done if all(p.key != key for p in parts(s))]
        self.undone = [s for s in self.undone if all(p.key != key for p in parts(s))]
        self.left_at.pop(key, None)
        dropped = len(self.done) + len(self.undone) != before
        if dropped:
            self.ended.append(key)
        return dropped

    def reconcile(self, versions: dict[str, int]) -> list[str]:
        """Forget lines whose stored version is no longer the one this session left."""
        stale = [key for key, left in self.left_at.items() if versions.get(key) != left]
        return [key for key in stale if self.forget(key)]
