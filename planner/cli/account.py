"""Who is working: the operating-system account, recorded with every audit entry."""

from __future__ import annotations

import os
import pwd


def current_user() -> str:
    """The account name of the process's real uid; `USER`/`LOGNAME` are not trusted."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid {os.getuid()}"


def session_user(web_user: str | None) -> str:
    """The name recorded for this session: the OS account, and the web user a proxy signed in.

    `web_user` only ever annotates the real account (`planner-svc (web: anna)`): whoever runs
    planner can claim any web user, but never another account.
    """
    user = current_user()
    return user if web_user is None else f"{user} (web: {web_user})"
