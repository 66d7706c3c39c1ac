"""Who may use `planner serve`: the token, its file, the allowed Origin and the web user's name.

The token is the login: a browser shows it once in the URL and then carries it in a cookie.
A web user name comes from a sign-on proxy's header and is untrusted text until checked here.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import stat
from pathlib import Path

from planner.i18n import _

TOKEN_BYTES = 32  # 256 bits, as URL-safe base64
MIN_TOKEN_CHARS = 22  # 128 bits of URL-safe base64
MAX_TOKEN_FILE = 4096
MAX_WEB_USER = 64
_TOKEN = re.compile(r"[A-Za-z0-9._~-]+")
_WEB_USER = re.compile(r"[\w.@+-]+")


class AccessError(ValueError):
    """A token file or web user name that cannot be used; the message is one line."""


def new_token() -> str:
    """A fresh random token for one run of the server."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, compared in constant time (no timing hint of a prefix)."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def read_token_file(path: Path) -> str:
    """The fixed token in `path`: a regular file only its owner can read (0600), not empty."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise AccessError(
            _("cannot read the token file {path}: {strerror}").format(
                path=path, strerror=exc.strerror
            )
        ) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AccessError(_("the token file {path} is not a regular file").format(path=path))
        if info.st_mode & 0o077:
            mode = oct(info.st_mode & 0o777)[2:]
            raise AccessError(
                _(
                    "the token file {path} is readable by others (mode {mode}): chmod 600 {path}"
                ).format(path=path, mode=mode)
            )
        data = handle.read(MAX_TOKEN_FILE + 1)
    if len(data) > MAX_TOKEN_FILE:
        raise AccessError(
            _("the token file {path} is larger than {MAX_TOKEN_FILE} bytes").format(
                path=path, MAX_TOKEN_FILE=MAX_TOKEN_FILE
            )
        )
    token = data.decode("utf-8", errors="replace").strip()
    if not token:
        raise AccessError(_("the token file {path} is empty").format(path=path))
    if not _TOKEN.fullmatch(token) or len(token) < MIN_TOKEN_CHARS:
        raise AccessError(
            _(
                "the token in {path} must be at least {MIN_TOKEN_CHARS} characters of"
                " A-Z, a-z, 0-9, '.', '_', '~' and '-' (python3 -c 'import secrets;"
                " print(secrets.token_urlsafe(32))' makes one)"
            ).format(path=path, MIN_TOKEN_CHARS=MIN_TOKEN_CHARS)
        )
    return token


def check_web_user(name: str) -> str:
    """A signed-in user's name as the proxy sent it, or AccessError.

    At most MAX_WEB_USER letters, digits and `. _ @ + -`: no spaces, brackets, quotes or
    control characters, so it can neither fake another entry's text nor reach a shell.
    """
    if not _WEB_USER.fullmatch(name) or len(name) > MAX_WEB_USER:
        raise AccessError(
            _(
                "a web user name is 1 to {MAX_WEB_USER} letters, digits and . _ @ + - characters"
            ).format(MAX_WEB_USER=MAX_WEB_USER)
        )
    return name
