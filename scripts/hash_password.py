"""Print an argon2 hash of a reviewer's password for ``.streamlit/secrets.toml``.

    .venv/bin/python scripts/hash_password.py            # asks twice, nothing echoed
    printf '%s\\n' "$PW" | .venv/bin/python scripts/hash_password.py   # one line from stdin

Only the hash goes to stdout (prompts and the hint go to stderr), so it can be piped.
Put it under the reviewer's entry::

    [reviewers.kim]
    name = "김소영"
    password_hash = "<the printed hash>"
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.auth import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hash_password
from lib.strings_ko import AuthText


def read_password() -> str | None:
    """From the terminal without echo (twice, to catch typos), else one line of stdin."""
    if sys.stdin.isatty():
        password = getpass.getpass(AuthText.PROMPT)
        if getpass.getpass(AuthText.PROMPT_AGAIN) != password:
            print(AuthText.PASSWORD_MISMATCH, file=sys.stderr)
            return None
        return password
    return sys.stdin.readline().rstrip("\r\n")


def main() -> int:
    password = read_password()
    if password is None:
        return 1
    if len(password) < MIN_PASSWORD_LENGTH:
        print(AuthText.PASSWORD_TOO_SHORT.format(minimum=MIN_PASSWORD_LENGTH), file=sys.stderr)
        return 1
    if len(password) > MAX_PASSWORD_LENGTH:
        print(AuthText.PASSWORD_TOO_LONG.format(maximum=MAX_PASSWORD_LENGTH), file=sys.stderr)
        return 1
    print(AuthText.HASH_USAGE, file=sys.stderr)
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
