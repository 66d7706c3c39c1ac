"""The app's one queue of database and file work: in workers, one at a time, in the order asked.

Every piece runs its storage calls through `Session.run`, so the UI thread never touches the
database; a storage or file failure becomes one status message of the screen that asked,
never an exception that would end the app (Textual exits on an unhandled worker error).
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
Say = Callable[[str, bool], None]
Work = Callable[[], Awaitable[None]]


def storage_message(exc: StorageError | WriteError | sqlite3.Error) -> str:
    """The one status text for a storage or file failure (SQLite's own errors translated)."""
    return str(translate(exc)) if isinstance(exc, sqlite3.Error) else str(exc)


@dataclass
class WorkQueue:
    """Runs pieces of work one after another across every screen of the app."""

    workers: list[Worker[Any]] = field(default_factory=list)
    _lock: asyncio.Lock | None = None
    _loop: asyncio.AbstractEventLoop | None = None

    def lock(self) -> asyncio.Lock:
        """The queue's lock, made anew for a new event loop (each test runs its own)."""
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:
            self._lock, self._loop = asyncio.Lock(), loop
        return self._lock

    async def run(self, say: Say, work: Work) -> bool:
        """Run `work` in its turn; False (after `say`) when storage or a file failed."""
        async with self.lock():
            try:
                await work()
            except (StorageError, WriteError, sqlite3.Error) as exc:
                say(storage_message(exc), True)
                return False
        return True

    def submit(self, start: StartWorker, say: Say, work: Work) -> Worker[Any]:
        """Queue `work` in a worker started by `start`; its storage failure is said by `say`."""
        self.lock()  # made now, in the order asked, before the worker starts
        self.workers = [w for w in self.workers if not w.is_finished]
        worker = start(self.run(say, work), group="storage")
        self.workers.append(worker)
        return worker

    async def settled(self) -> None:
        """Wait until every piece asked for so far has finished (tests, leaving a screen)."""
        for worker in list(self.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed, WorkerError):
                await worker.wait()

    def for_screen(self, start: StartWorker, say: Say) -> ScreenWork:
        return ScreenWork(self, start, say)


@dataclass
class ScreenWork:
    """A screen's door to the app's queue: its workers, its status line for failures."""

    queue: WorkQueue
    start: StartWorker
    say: Say
    mine: list[Worker[Any]] = field(default_factory=list)

    def __call__(self, work: Work) -> None:
        self.mine = [w for w in self.mine if not w.is_finished]
        self.mine.append(self.queue.submit(self.start, self.say, work))

    async def now(self, work: Work) -> bool:
        """Run `work` in its turn and wait for it (a screen's first read, in `on_mount`)."""
        return await self.queue.run(self.say, work)

    @property
    def idle(self) -> bool:
        """Whether every piece this screen asked for has finished."""
        return all(w.is_finished for w in self.mine)

    async def settled(self) -> None:
        await self.queue.settled()
