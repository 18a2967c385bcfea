"""Who may write reviews: the sign-in mode the secrets allow, and password sign-in.

Reading never needs a sign-in; writing does. ``sign_in_mode`` decides from the secrets:
``oidc`` when ``[auth]`` is configured for ``st.login`` (an identity provider),
``password`` when ``[reviewers]`` lists reviewers, else ``readonly``. For councils without
an identity provider, ``.streamlit/secrets.toml`` lists reviewers with argon2 hashes made
by ``scripts/hash_password.py`` (never plain text)::

    [reviewers.kim]
    name = "김소영"
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."
    role = "사무국"  # optional: 위원 (default) or 사무국, who runs monitoring rounds

With OIDC, roles come from a table of e-mail (or subject) → role; accounts not listed are
위원::

    [roles]
    "kim@example.go.kr" = "사무국"

``role_for(secrets, account)`` answers for either mode.

``PasswordSignIn.verify`` checks a password and rate-limits failures, per username (5 in
15 minutes) and per client key (20 in 15 minutes, e.g. one browser session or address
trying many usernames). The counters live in memory: keep one ``PasswordSignIn`` per
server process (``st.cache_resource``); a restart clears them.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from lib.rounds import Role
from lib.strings_ko import AuthText, RoleText

MIN_PASSWORD_LENGTH: Final = 8
MAX_PASSWORD_LENGTH: Final = 1024  # longer input is refused unhashed (no hashing DoS)
USER_FAILURES: Final = 5
CLIENT_FAILURES: Final = 20
WINDOW_SECONDS: Final = 15 * 60.0

_OIDC_PROVIDER_KEYS: Final = ("client_id", "client_secret", "server_metadata_url")
_OIDC_AUTH_KEYS: Final = ("redirect_uri", "cookie_secret")


class SignInMode(StrEnum):
    OIDC = "oidc"  # st.login with the identity provider in [auth]
    PASSWORD = "password"  # reviewer list in [reviewers]
    READONLY = "readonly"  # nobody can write; the app says how to turn reviews on


def _filled(section: Mapping[str, Any], keys: tuple[str, ...]) -> bool:
    return all(isinstance(section.get(k), str) and section.get(k, "").strip() for k in keys)


def oidc_provider(secrets: Mapping[str, Any]) -> str | None:
    """The provider name to pass to ``st.login`` (``None``: the one set in ``[auth]`` itself).

    Raises ``LookupError`` when ``[auth]`` is not fully configured.
    """
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not _filled(auth, _OIDC_AUTH_KEYS):
        raise LookupError("[auth] needs redirect_uri and cookie_secret")
    if _filled(auth, _OIDC_PROVIDER_KEYS):
        return None
    for name, section in auth.items():
        if isinstance(section, Mapping) and _filled(section, _OIDC_PROVIDER_KEYS):
            return str(name)
    raise LookupError("[auth] has no provider with client_id, client_secret, server_metadata_url")


def sign_in_mode(secrets: Mapping[str, Any]) -> SignInMode:
    """``oidc`` when ``[auth]`` is complete, ``password`` with ``[reviewers]``, else read-only.

    A half-filled ``[auth]`` (no cookie_secret, say) does not count: ``st.login`` would fail.
    """
    try:
        oidc_provider(secrets)
    except LookupError:
        pass
    else:
        return SignInMode.OIDC
    reviewers = secrets.get("reviewers")
    if isinstance(reviewers, Mapping) and len(reviewers) > 0:
        return SignInMode.PASSWORD
    return SignInMode.READONLY


# ── Reviewers ───────────────────────────────────────────────────────────────────────


class ReviewerConfigError(ValueError):
    """``[reviewers]`` in secrets.toml is malformed (Korean message naming the entry)."""


@dataclass(frozen=True)
class Reviewer:
    """A reviewer who may sign in with a password."""

    username: str  # the [reviewers.<username>] key, case-folded; stored as author_id
    name: str  # display name, stored as author
    password_hash: str = field(repr=False)
    role: Role = Role.MEMBER  # role = "사무국" in the entry; 위원 by default


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def reviewers_from_secrets(section: Mapping[str, Any]) -> dict[str, Reviewer]:
    """The ``[reviewers]`` table as reviewers by username; every hash must be argon2."""
    reviewers: dict[str, Reviewer] = {}
    for raw_username, entry in section.items():
        username = normalise_username(str(raw_username))
        if not isinstance(entry, Mapping) or username in reviewers or not username:
            raise ReviewerConfigError(AuthText.REVIEWER_INVALID.format(username=raw_username))
        name, password_hash = entry.get("name"), entry.get("password_hash")
        if not isinstance(name, str) or not name.strip() or not isinstance(password_hash, str):
            raise ReviewerConfigError(AuthText.REVIEWER_INVALID.format(username=raw_username))
        try:
            extract_parameters(password_hash)
        except InvalidHashError as exc:
            raise ReviewerConfigError(AuthText.HASH_INVALID.format(username=raw_username)) from exc
        reviewers[username] = Reviewer(
            username, name.strip(), password_hash, _role(entry.get("role"), raw_username)
        )
    return reviewers


def _role(value: Any, where: object) -> Role:
    if value is None:
        return Role.MEMBER
    try:
        return Role(str(value).strip())
    except ValueError:
        raise ReviewerConfigError(
            RoleText.ROLE_INVALID.format(
                where=where, value=value, roles=", ".join(r.value for r in Role)
            )
        ) from None


def roles_from_secrets(secrets: Mapping[str, Any]) -> dict[str, Role]:
    """The ``[roles]`` table (account → role) with accounts case-folded; empty without it."""
    section = secrets.get("roles")
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        raise ReviewerConfigError(RoleText.ROLES_INVALID)
    return {normalise_username(str(k)): _role(v, k) for k, v in section.items()}


def role_for(secrets: Mapping[str, Any], account: str) -> Role:
    """The role of a signed-in account: its ``[reviewers.x] role``, else ``[roles]``, else 위원.

    ``ReviewerConfigError`` when the secrets name a role that does not exist.
    """
    key = normalise_username(account)
    reviewers = secrets.get("reviewers")
    if isinstance(reviewers, Mapping):
        for raw, entry in reviewers.items():
            matches = normalise_username(str(raw)) == key and isinstance(entry, Mapping)
            if matches and entry.get("role") is not None:
                return _role(entry.get("role"), raw)
    return roles_from_secrets(secrets).get(key, Role.MEMBER)


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """An argon2id hash (with its salt and parameters) for secrets.toml."""
    return (hasher or PasswordHasher()).hash(password)


# ── Rate limiting ───────────────────────────────────────────────────────────────────


class RateLimiter:
    """At most ``max_failures`` failures per key in a sliding ``window`` (seconds).

    Thread-safe. Memory stays bounded: expired keys are dropped, and beyond ``max_keys``
    the keys whose last failure is oldest are forgotten first.
    """

    def __init__(
        self,
        max_failures: int,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self._clock = clock
        self._max_keys = max_keys
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float] | None:
        times = self._failures.get(key)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: it may now)."""
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            if times is None or len(times) < self.max_failures:
                return 0.0
            # the window must slide past the failure that made the count reach the limit
            return times[-self.max_failures] + self.window - now

    def record_failure(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            if times is None:
                times = self._failures[key] = deque(maxlen=self.max_failures)
            times.append(now)
            self._failures[key] = self._failures.pop(key)  # most recent last
            if len(self._failures) > self._max_keys:
                self._prune(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _prune(self, now: float) -> None:
        for key in list(self._failures):
            self._recent(key, now)
        while len(self._failures) > self._max_keys:
            del self._failures[next(iter(self._failures))]


# ── Password sign-in ────────────────────────────────────────────────────────────────


class SignInError(ValueError):
    """A refused sign-in, with a Korean message fit to show."""


class WrongCredentials(SignInError):
    def __init__(self) -> None:
        super().__init__(AuthText.WRONG_CREDENTIALS)


class TooManyAttempts(SignInError):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(AuthText.TOO_MANY_ATTEMPTS.format(minutes=minutes))


class PasswordSignIn:
    """Checks reviewers' passwords against ``[reviewers]``, with failures rate-limited."""

    def __init__(
        self,
        reviewers: Mapping[str, Any],
        *,
        clock: Callable[[], float] = time.monotonic,
        user_limiter: RateLimiter | None = None,
        client_limiter: RateLimiter | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        """``reviewers``: the ``[reviewers]`` secrets table, or reviewers already parsed."""
        parsed = (
            dict(reviewers)
            if all(isinstance(r, Reviewer) for r in reviewers.values())
            else reviewers_from_secrets(reviewers)
        )
        self.reviewers: dict[str, Reviewer] = {normalise_username(k): r for k, r in parsed.items()}
        self._hasher = hasher or PasswordHasher()
        self._users = user_limiter or RateLimiter(USER_FAILURES, clock=clock)
        self._clients = client_limiter or RateLimiter(CLIENT_FAILURES, clock=clock)
        self._dummy_hash: str | None = None

    def _dummy(self) -> str:
        """A hash to check unknown usernames against, so they take as long as known ones."""
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("unknown reviewer")
        return self._dummy_hash

    def verify(self, username: str, password: str, client_key: str | None = None) -> Reviewer:
        """The reviewer, or ``SignInError``: ``WrongCredentials`` (whichever part was wrong)
        or ``TooManyAttempts`` (checked before the password, so guesses teach nothing)."""
        user_key = "user:" + normalise_username(username)
        client = None if client_key is None else "client:" + client_key
        wait = max(
            self._users.retry_after(user_key),
            0.0 if client is None else self._clients.retry_after(client),
        )
        if wait > 0:
            raise TooManyAttempts(wait)
        reviewer = self.reviewers.get(normalise_username(username))
        ok = False
        if len(password) <= MAX_PASSWORD_LENGTH:
            try:
                ok = self._hasher.verify(
                    reviewer.password_hash if reviewer else self._dummy(), password
                )
            except (VerificationError, InvalidHashError):
                ok = False
        if reviewer is None or not ok:
            self._users.record_failure(user_key)
            if client is not None:
                self._clients.record_failure(client)
            raise WrongCredentials()
        self._users.reset(user_key)
        return reviewer
