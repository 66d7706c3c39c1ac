"""Accent-insensitive text matching for the line filter ("ogon" finds "Ögon")."""

from __future__ import annotations

import unicodedata

from planner.model import PlanLine


def fold(text: str) -> str:
    """Case-fold and drop diacritics, so å, ä, ö match a, a, o."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(line: PlanLine, query: str) -> bool:
    """Whether every word of the query occurs in the line's area, category or name."""
    haystack = fold(f"{line.area} {line.category} {line.name}")
    return all(word in haystack for word in fold(query).split())
