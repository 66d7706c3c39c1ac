"""What the screens share: the open database, who is working, and the thread that stores.

Every database call of the UI runs on one storage thread, in the order it was asked for
(`work`, the app's one queue), so a busy database or a long export never freezes the screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from db.audit_trail import Actor
from screens.ordered_work import WorkQueue

if TYPE_CHECKING:
    from sqlite_utils import Database

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Session:
    db: Database
    user: str
    files_root: Path | None = None
    """In a served session, the one folder the dialogs may read and write; None: anywhere."""
    storage: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="planner-storage")
    )
    work: WorkQueue = field(default_factory=WorkQueue)

    def actor(self, source: str, reason: str = "") -> Actor:
        return Actor(self.user, source, reason)

    async def run(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(db, ...)` on the storage thread and wait for it without blocking the UI."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.storage, partial(fn, self.db, *args, **kwargs))

    async def off_thread(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run file or CPU work (an export) on the storage thread, in order with the rest."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.storage, partial(fn, *args, **kwargs))
