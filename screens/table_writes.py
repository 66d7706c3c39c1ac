"""One write from a table screen (register, places): stored on the storage thread, then the
table read and shown again; a refused or failed write is said in the status line instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from db.errors import StorageError
from screens.session import Session


class TableScreen(Protocol):
    session: Session

    async def read(self) -> None: ...

    def show(self) -> None: ...

    def say(self, text: str, error: bool = False) -> None: ...


class Refused:
    """What `write` returns when the write did not happen (its message is already said)."""


REFUSED = Refused()


async def write(screen: TableScreen, call: Callable[..., Any], *args: Any) -> Any:
    """`call(db, *args)` stored, the table shown as it is now; REFUSED after saying why not."""
    try:
        result = await screen.session.run(call, *args)
    except StorageError as exc:
        screen.say(str(exc), error=True)
        return REFUSED
    await screen.read()
    screen.show()
    return result
