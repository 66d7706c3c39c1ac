"""The footer in the chosen language: Textual's footer with each key's words translated.

Bindings are declared once, in English and marked with N_(); they are translated here, where
they are shown, so one process can show either language.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from planner.i18n import N_, _

# Textual's own footer words, translated like ours.
TEXTUAL_WORDS = (N_("palette"),)


class Footer(TextualFooter):
    """Textual's Footer, its descriptions and tooltips in the chosen language."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            yield widget
