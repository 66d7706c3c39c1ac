"""Database and file work a screen asks for: in workers, one at a time, in the order asked.

Each piece runs its storage calls through `Session.run`, so the UI thread never touches the
database; a storage or file failure becomes one status message instead of a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from textual.worker import Worker, WorkerCancelled, WorkerError, WorkerFailed

from db.connection import translate
from db.errors import StorageError
from db.files import WriteError

StartWorker = Callable[..., Worker[Any]]


@dataclass
class OrderedWork:
    """Runs `work()` pieces one after another; `settled()` waits for all asked so far."""

    start: StartWorker
    say: Callable[[str, bool], None]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    workers: list[Worker[Any]] = field(default_factory=list)

    def __call__(self, work: Callable[[], Awaitable[None]]) -> None:
        async def run() -> None:
            async with self.lock:
                try:
                    await work()
                except (StorageError, WriteError) as exc:
                    self.say(str(exc), True)
                except sqlite3.Error as exc:
                    self.say(str(translate(exc)), True)

        self.workers = [w for w in self.workers if not w.is_finished]
        self.workers.append(self.start(run(), group="storage"))

    async def settled(self) -> None:
        """Wait until every piece asked for so far has finished (tests, leaving the screen)."""
        for worker in list(self.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed, WorkerError):
                await worker.wait()
