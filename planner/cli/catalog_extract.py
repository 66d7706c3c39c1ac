"""Find every message in the code: gettext calls (Babel's Python extractor) and click help.

Click takes a command's help from its docstring and an option's from `help=`; both are
translated when shown (planner.cli.language), so they are catalog messages too, kept as
`inspect.cleandoc` leaves them.
"""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract

SOURCE_DIRS = ("planner", "screens", "db")
_COMMAND_DECORATORS = {"command", "group"}
_HELP_KEYWORDS = {"help", "short_help"}

Message = tuple[int, str | tuple[str, ...]]


def _decorated_as_command(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in _COMMAND_DECORATORS:
            return True
    return False


def click_help(source: str) -> Iterator[Message]:
    """(line, text) of each click command's docstring and each `help=`/`short_help=` text."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and _decorated_as_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, doc
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                text = value.value if isinstance(value, ast.Constant) else None
                if keyword.arg in _HELP_KEYWORDS and isinstance(text, str) and text.strip():
                    yield value.lineno, inspect.cleandoc(text)


def messages_in(path: Path) -> Iterator[Message]:
    """Every message in one Python file, gettext calls first."""
    data = path.read_bytes()
    for lineno, message, _comments, _context in extract(
        "python", io.BytesIO(data), keywords=DEFAULT_KEYWORDS
    ):
        yield lineno, message
    yield from click_help(data.decode("utf-8"))


def template(root: Path) -> Catalog:
    """The catalog template: every message under the source folders, with its places."""
    catalog = Catalog(project="planner", fuzzy=False)
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            place = path.relative_to(root).as_posix()
            for lineno, message in messages_in(path):
                if message and all(message):
                    catalog.add(message, locations=[(place, lineno)])
    return catalog
