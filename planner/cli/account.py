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
