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

``PasswordSignIn.verify`` checks a password; failures slow the attacker, never lock the
member out (``retry_after``): a growing delay per username + client, a lock per client
trying many usernames, and a higher ceiling per username that the member's own client
passes. Attempts are counted in an ``AttemptLog`` that every server shares (the store's).
The client is the connection's address unless it is a trusted proxy (``client_address``).
A password sign-in survives a reload through a signed, expiring token in a cookie
(``issue_session``/``read_session``, itsdangerous) that a sign-out revokes everywhere.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final, Protocol

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

from lib.rounds import Role
from lib.strings_ko import AuthText, EdgeAuthText, RoleText

MIN_PASSWORD_LENGTH: Final = 8
MAX_PASSWORD_LENGTH: Final = 1024  # longer input is refused unhashed (no hashing DoS)
MAX_USERNAME_CHARS: Final = 100
PAIR_FREE_FAILURES: Final = 3  # one username from one client: free tries, then a delay
PAIR_MAX_DELAY: Final = 15 * 60.0  # the delay doubles per failure up to this
CLIENT_FAILURES: Final = 20  # one client, any usernames, in the window: locked
USER_CEILING: Final = 100  # one username, all clients, in the window: unknown clients wait
WINDOW_SECONDS: Final = 15 * 60.0
KNOWN_CLIENT_SECONDS: Final = 30 * 24 * 3600.0  # a client that signed in as the reviewer
SESSION_SECONDS: Final = 12 * 3600.0  # a password session cookie lasts a working day
SESSION_SALT: Final = "sihaeng-dashboard/password-session"
MAX_TOKEN_CHARS: Final = 2000

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


class AttemptLog(Protocol):
    """Where password attempts are counted; every app server must read the same one
    (``lib.store.signin.StoreAttemptLog``). Times are UNIX seconds."""

    def record(self, keys: Sequence[str], at: float, succeeded: bool) -> None: ...

    def last_success(self, key: str) -> float | None: ...

    def failures(self, key: str, since: float) -> list[float]: ...

    def sign_out(self, username: str, at: float) -> None: ...

    def signed_out_at(self, username: str) -> float | None: ...


class MemoryAttemptLog:
    """An ``AttemptLog`` in this process only (tests, one-off scripts): bounded, thread-safe.

    Never the app's: two servers would each count half of an attacker's attempts.
    """

    def __init__(self, max_rows: int = 100_000) -> None:
        self._rows: deque[tuple[str, float, bool]] = deque(maxlen=max_rows)
        self._signouts: dict[str, float] = {}
        self._lock = threading.Lock()

    def record(self, keys: Sequence[str], at: float, succeeded: bool) -> None:
        with self._lock:
            self._rows.extend((key, at, succeeded) for key in keys)

    def last_success(self, key: str) -> float | None:
        with self._lock:
            return max((at for k, at, ok in self._rows if k == key and ok), default=None)

    def failures(self, key: str, since: float) -> list[float]:
        with self._lock:
            return sorted(at for k, at, ok in self._rows if k == key and not ok and at > since)

    def sign_out(self, username: str, at: float) -> None:
        with self._lock:
            self._signouts[username] = max(at, self._signouts.get(username, at))

    def signed_out_at(self, username: str) -> float | None:
        with self._lock:
            return self._signouts.get(username)


def pair_key(username: str, client: str | None) -> str:
    """The key of one username tried from one client (the exponential delay)."""
    return f"user:{normalise_username(username)}|client:{client or '-'}"


def client_key_of(client: str | None) -> str:
    return f"client:{client or '-'}"


def user_key(username: str) -> str:
    return f"user:{normalise_username(username)}"


def _window_wait(times: Sequence[float], limit: int, window: float, now: float) -> float:
    """Seconds until fewer than ``limit`` of ``times`` lie in the sliding window."""
    if len(times) < limit:
        return 0.0
    return max(0.0, times[-limit] + window - now)


def retry_after(log: AttemptLog, username: str, client: str | None, now: float) -> float:
    """Seconds this client must wait before trying ``username`` again (0: it may now).

    - username + client: ``PAIR_FREE_FAILURES`` failures free since the pair's last success,
      then a delay that doubles with each further failure, up to ``PAIR_MAX_DELAY``;
    - client: ``CLIENT_FAILURES`` failures (any usernames) in ``WINDOW_SECONDS`` lock it;
    - username: ``USER_CEILING`` failures from all clients in the window slow every client
      that has not signed in as this reviewer before (``KNOWN_CLIENT_SECONDS``).
    One attacker reaches the client lock long before the username ceiling, so the member,
    from another client, signs in as usual; many attackers together meet the ceiling, which
    the member's own, known client passes.
    """
    since = now - WINDOW_SECONDS
    pair = pair_key(username, client)
    last_ok = log.last_success(pair)
    pair_failures = log.failures(pair, max(since, last_ok or since))
    wait = 0.0
    extra = len(pair_failures) - PAIR_FREE_FAILURES
    if extra >= 0:
        delay = min(PAIR_MAX_DELAY, 2.0 ** min(extra, 20))
        wait = max(wait, pair_failures[-1] + delay - now)
    wait = max(wait, _window_wait(log.failures(client_key_of(client), since), CLIENT_FAILURES,
                                  WINDOW_SECONDS, now))  # fmt: skip
    known = last_ok is not None and last_ok > now - KNOWN_CLIENT_SECONDS
    if not known:
        wait = max(wait, _window_wait(log.failures(user_key(username), since), USER_CEILING,
                                      WINDOW_SECONDS, now))  # fmt: skip
    return wait


# ── Password sessions (a signed cookie) ─────────────────────────────────────────────


def _serializer(secret: str, clock: Callable[[], float]) -> URLSafeTimedSerializer:
    class _ClockSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(clock())

    return URLSafeTimedSerializer(secret, salt=SESSION_SALT, signer=_ClockSigner)


def issue_session(secret: str, reviewer: Reviewer, clock: Callable[[], float] = time.time) -> str:
    """A signed, timestamped token naming the reviewer, for the session cookie."""
    return _serializer(secret, clock).dumps({"u": reviewer.username, "n": reviewer.name})


def read_session(
    secret: str,
    token: str,
    max_age: float = SESSION_SECONDS,
    clock: Callable[[], float] = time.time,
) -> tuple[str, str, float] | None:
    """(username, name, issued at) from a token this secret signed within ``max_age``
    seconds; ``None`` for a forged, altered, expired or malformed one."""
    if not secret or not token or len(token) > MAX_TOKEN_CHARS:
        return None
    try:
        payload, issued = _serializer(secret, clock).loads(
            # itsdangerous annotates max_age as int but only compares it: a float works.
            token,
            max_age=max_age,  # type: ignore[arg-type]  # stub narrower than the code
            return_timestamp=True,
        )
    except (BadData, ValueError, TypeError):
        return None
    if not isinstance(payload, dict):
        return None
    username, name = payload.get("u"), payload.get("n")
    if not isinstance(username, str) or not isinstance(name, str):
        return None
    return username, name, issued.timestamp()


# ── Client identity ─────────────────────────────────────────────────────────────────


def client_address(
    connection: str | None, forwarded_for: str | None, trusted_proxies: Sequence[str]
) -> str | None:
    """Who is connecting: the connection's address, unless it is one of ``trusted_proxies``
    (addresses or networks); then the right-most ``X-Forwarded-For`` entry that is not.

    A header from anyone else is ignored, so a client cannot pick its own identity.
    """
    networks = []
    for proxy in trusted_proxies:
        try:
            networks.append(ipaddress.ip_network(str(proxy).strip(), strict=False))
        except ValueError:
            continue

    def trusted(address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address((address or "").strip())
        except ValueError:
            return False
        return any(ip in network for network in networks)

    if not trusted(connection) or not forwarded_for:
        return connection
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return connection  # a malformed hop: the proxy's own address is what we know
    return connection


# ── Password sign-in ────────────────────────────────────────────────────────────────


class SignInError(ValueError):
    """A refused sign-in, with a Korean message fit to show."""


class WrongCredentials(SignInError):
    def __init__(self) -> None:
        super().__init__(AuthText.WRONG_CREDENTIALS)


class TooManyAttempts(SignInError):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        if retry_after < 60:
            seconds = max(1, math.ceil(retry_after))
            super().__init__(EdgeAuthText.TOO_MANY_ATTEMPTS_SECONDS.format(seconds=seconds))
            return
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(AuthText.TOO_MANY_ATTEMPTS.format(minutes=minutes))


class PasswordSignIn:
    """Checks reviewers' passwords against ``[reviewers]``; attempts counted in ``attempts``."""

    def __init__(
        self,
        reviewers: Mapping[str, Any],
        *,
        attempts: AttemptLog | None = None,
        clock: Callable[[], float] = time.time,
        hasher: PasswordHasher | None = None,
    ) -> None:
        """``reviewers``: the ``[reviewers]`` secrets table, or reviewers already parsed."""
        parsed = (
            dict(reviewers)
            if all(isinstance(r, Reviewer) for r in reviewers.values())
            else reviewers_from_secrets(reviewers)
        )
        self.reviewers: dict[str, Reviewer] = {normalise_username(k): r for k, r in parsed.items()}
        self.attempts: AttemptLog = attempts if attempts is not None else MemoryAttemptLog()
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    def _dummy(self) -> str:
        """A hash to check unknown usernames against, so they take as long as known ones."""
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("unknown reviewer")
        return self._dummy_hash

    def verify(self, username: str, password: str, client_key: str | None = None) -> Reviewer:
        """The reviewer, or ``SignInError``: ``WrongCredentials`` (whichever part was wrong)
        or ``TooManyAttempts`` (checked before the password, so guesses teach nothing).

        ``client_key``: who is trying (``client_address``); ``None`` when unknown.
        """
        username = normalise_username(username)[:MAX_USERNAME_CHARS]
        now = self._clock()
        wait = retry_after(self.attempts, username, client_key, now)
        if wait > 0:
            raise TooManyAttempts(wait)
        reviewer = self.reviewers.get(username)
        ok = False
        if len(password) <= MAX_PASSWORD_LENGTH:
            try:
                ok = self._hasher.verify(
                    reviewer.password_hash if reviewer else self._dummy(), password
                )
            except (VerificationError, InvalidHashError):
                ok = False
        if reviewer is None or not ok:
            keys = (pair_key(username, client_key), client_key_of(client_key), user_key(username))
            self.attempts.record(keys, now, succeeded=False)
            raise WrongCredentials()
        self.attempts.record((pair_key(username, client_key),), now, succeeded=True)
        return reviewer

    def session_reviewer(
        self, secret: str, token: str, max_age: float = SESSION_SECONDS
    ) -> Reviewer | None:
        """The reviewer a session cookie names, if it is genuine, issued within ``max_age``
        seconds and after their last sign-out, and still listed under the same name."""
        found = read_session(secret, token, max_age, clock=self._clock)
        if found is None:
            return None
        username, name, issued = found
        reviewer = self.reviewers.get(username)
        if reviewer is None or reviewer.name != name:
            return None
        signed_out = self.attempts.signed_out_at(username)
        if signed_out is not None and issued <= signed_out:
            return None
        return reviewer

    def sign_out(self, username: str) -> None:
        """Refuse every session cookie issued to ``username`` until now, on every server."""
        self.attempts.sign_out(normalise_username(username), self._clock())
