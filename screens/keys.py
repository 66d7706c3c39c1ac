"""Keys from one source: each action's key, id, palette title and description.

The plan screen's BINDINGS, its command palette entries and the help screen are generated
from its table (`screens/plan_keys.py`, made of `Key`s); other screens' palette entries and
help come from their own BINDINGS. A binding's id is what a user keymap file names to move
the action to another key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One action: `keys` "" for a palette-only action; `title` is its palette name."""

    keys: str
    action: str
    description: str
    title: str
    help: str
    id: str | None = None
    show: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.help,
        )


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys as shown, description) for each binding, for the help table."""
    return [(b.key_display or b.key, b.description) for b in map(as_binding, bindings)]


def as_binding(binding: BindingType) -> Binding:
    if isinstance(binding, Binding):
        return binding
    key, action, description = (*binding, "")[:3]
    return Binding(key, action, description)


def keys_in_use(keymap: Mapping[str, str], bindings: Iterable[BindingType]) -> list[Binding]:
    """`bindings` with the keys a user keymap gave them (the help shows what works)."""
    moved = []
    for binding in map(as_binding, bindings):
        keys = keymap.get(binding.id) if binding.id else None
        moved.append(replace(binding, key=keys, key_display=None) if keys else binding)
    return moved
