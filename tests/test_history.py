"""An import's changes as one undoable step (planner.history.batch_between)."""

from __future__ import annotations

from dataclasses import replace

from planner.history import Step, batch_between
from planner.model import PlanLine, PriceClass, Volumes

A = PlanLine("a", "Somatik", "Förstabesök", "A", PriceClass.VISIT, Volumes(10, 6, 4))
B = PlanLine("b", "Somatik", "Förstabesök", "B", PriceClass.VISIT, Volumes(20, 10, 10))


def test_the_changed_lines_are_one_batch_with_their_values_before_and_after() -> None:
    a2 = replace(A, volumes=Volumes(12, 6, 6), version=2)
    b2 = replace(B, price_class=PriceClass.TREATMENT, version=2)
    batch = batch_between({"a": A, "b": B}, [a2, b2])
    assert batch is not None and batch.steps == (Step("a", A, a2), Step("b", B, b2))


def test_nothing_changed_or_lines_added_give_no_batch() -> None:
    assert batch_between({"a": A, "b": B}, [replace(A, version=2), B]) is None
    added = PlanLine("c", "Somatik", "Förstabesök", "C", PriceClass.VISIT, Volumes(1, 1, 0))
    assert batch_between({"a": A}, [replace(A, volumes=Volumes(1, 1, 0)), added]) is None
