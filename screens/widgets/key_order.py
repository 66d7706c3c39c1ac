"""Screen bindings run by the grid that received the key, so keys keep their arrival order."""

from __future__ import annotations

from textual.events import Key
from textual.widget import Widget


async def run_screen_binding(widget: Widget, event: Key) -> bool:
    """Run the screen's binding for `event` from `widget`'s own key queue; False if none.

    Left to bubble, a binding key would be handled in the screen's queue and could overtake
    an edit the grid is still handing on (a fast "120⏎" followed by ctrl+r).
    """
    active = widget.screen.active_bindings.get(event.key)
    if active is None or not active.enabled:
        return False
    event.stop()
    event.prevent_default()
    await widget.app.run_action(active.binding.action, active.node)
    return True
