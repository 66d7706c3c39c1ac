"""What the screens share: the open database and who is working."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db.audit_trail import Actor


@dataclass
class Session:
    db: Database
    user: str

    def actor(self, source: str, reason: str = "") -> Actor:
        return Actor(self.user, source, reason)
