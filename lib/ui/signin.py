"""Who may write reviews on screen: sign-in by the mode the secrets allow (``lib.auth``).

Reading never needs a sign-in; writing does. ``sign_in_panel()`` draws what the mode needs
and returns the ``Writer`` allowed to save now (or ``None``):

- ``oidc`` (``[auth]`` complete): ``st.login(provider)`` / ``st.logout()``; the writer is
  ``st.user`` (name, and email or ``sub`` as the identity). Optionally, only some accounts
  may write::

      [reviewers_oidc]
      allow = ["kim@example.go.kr", "ryu@example.go.kr"]  # emails (or subs), any case

  Without ``[reviewers_oidc]`` every signed-in account may write.
- ``password`` (``[reviewers]``): a small form (아이디, 비밀번호) checked by one
  ``PasswordSignIn`` per server process (``st.cache_resource``); its attempts are counted
  in the shared database, so every server applies the same limits. The signed-in reviewer
  is kept in ``st.session_state[Key.REVIEWER]`` and, when ``[signin] cookie_secret`` is set
  (the same on every server), in a signed cookie that lasts ``session_hours`` (12) so that
  a reload keeps the sign-in; 로그아웃 revokes it on every server::

      [signin]
      cookie_secret = "a long random string, the same on every server"
      session_hours = 12                 # optional
      trusted_proxies = ["10.0.0.5"]     # optional: read X-Forwarded-For only from these
- ``readonly``: a Korean notice that says how to turn reviews on.

Secrets are read through ``st.secrets`` (``AppTest.secrets`` reaches them too).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from lib.auth import (
    SESSION_SECONDS,
    PasswordSignIn,
    Reviewer,
    ReviewerConfigError,
    SignInError,
    SignInMode,
    client_address,
    issue_session,
    oidc_provider,
    role_for,
    sign_in_mode,
)
from lib.rounds import Role
from lib.store.signin import StoreAttemptLog
from lib.strings_ko import EdgeAuthText
from lib.strings_ko import SignInText as T
from lib.ui.db import DATABASE_ERRORS, database_key, read_secrets, reviews_engine
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown

OIDC_ALLOW_SECTION = "reviewers_oidc"


@dataclass(frozen=True)
class Writer:
    """A signed-in reviewer allowed to save: what goes into the store with each version."""

    name: str  # display name, stored as ``author``
    identity: str  # login identity (username, or OIDC email/sub), stored as ``author_id``


def current_mode(secrets: Mapping[str, Any] | None = None) -> SignInMode:
    return sign_in_mode(read_secrets() if secrets is None else secrets)


# ── Password sign-in ────────────────────────────────────────────────────────────────


SESSION_COOKIE = "sihaeng_session"  # the signed password session (lib.auth.issue_session)
SIGNIN_SECTION = "signin"  # [signin] cookie_secret, session_hours, trusted_proxies


@dataclass(frozen=True)
class SignInSettings:
    """``[signin]`` in secrets.toml, the same on every server."""

    cookie_secret: str | None  # signs session cookies; without it a reload signs out
    session_seconds: float
    trusted_proxies: tuple[str, ...]  # addresses or networks whose X-Forwarded-For is read


def signin_settings(secrets: Mapping[str, Any]) -> SignInSettings:
    section = secrets.get(SIGNIN_SECTION)
    section = section if isinstance(section, Mapping) else {}
    secret = section.get("cookie_secret")
    hours = section.get("session_hours", SESSION_SECONDS / 3600)
    proxies = section.get("trusted_proxies", [])
    return SignInSettings(
        cookie_secret=secret if isinstance(secret, str) and len(secret) >= 16 else None,
        session_seconds=float(hours) * 3600
        if isinstance(hours, int | float) and 0 < hours <= 24 * 30
        else SESSION_SECONDS,
        trusted_proxies=tuple(str(p) for p in proxies) if isinstance(proxies, list) else (),
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _password_sign_in(
    fingerprint: str, database: str, _reviewers: dict[str, Any], _engine: Engine
) -> PasswordSignIn:
    """One checker per server, reviewer list and database; its attempts are in the database."""
    return PasswordSignIn(_reviewers, attempts=StoreAttemptLog(_engine))


def password_sign_in(secrets: Mapping[str, Any]) -> PasswordSignIn:
    """The server's ``PasswordSignIn`` for ``[reviewers]``; ``ReviewerConfigError`` if
    malformed, ``StoreUnavailable`` when the database that counts attempts is down."""
    reviewers = dict(secrets.get("reviewers") or {})
    fingerprint = hashlib.sha256(
        json.dumps(reviewers, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    engine = reviews_engine()
    return _password_sign_in(fingerprint, database_key(engine), reviewers, engine)


def client_key(secrets: Mapping[str, Any] | None = None) -> str | None:
    """Who is trying: the connection's address, or, from a proxy listed in ``[signin]
    trusted_proxies``, the address it forwards (``lib.auth.client_address``)."""
    settings = signin_settings(read_secrets() if secrets is None else secrets)
    try:
        # Streamlit reports a loopback peer as None; uvicorn has already applied
        # X-Forwarded-For from loopback proxies (its FORWARDED_ALLOW_IPS default).
        connection = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except (AttributeError, RuntimeError):
        return None
    return client_address(
        connection if isinstance(connection, str) and connection else "127.0.0.1",
        forwarded if isinstance(forwarded, str) else None,
        settings.trusted_proxies,
    )


def _cookie_script(token: str, max_age: int) -> str:
    """A script that sets (or, with max_age 0, removes) the session cookie in the browser."""
    cookie = f"{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; SameSite=Strict"
    return (
        f"<script>document.cookie = {json.dumps(cookie)}"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )


def _sign_in(checker: PasswordSignIn) -> None:
    """Form callback: check the password; keep the reviewer, or the refusal to show."""
    state = st.session_state
    username = str(state.get(Key.SIGNIN_USERNAME) or "").strip()
    password = str(state.get(Key.SIGNIN_PASSWORD) or "")
    state[Key.SIGNIN_PASSWORD] = ""  # never kept beyond this attempt
    if not username or not password:
        state[Key.SIGNIN_ERROR] = T.MISSING
        return
    secrets = read_secrets()
    try:
        reviewer = checker.verify(username, password, client_key(secrets))
    except SignInError as refused:
        state[Key.SIGNIN_ERROR] = str(refused)
        return
    except DATABASE_ERRORS:
        state[Key.SIGNIN_ERROR] = EdgeAuthText.UNAVAILABLE
        return
    state[Key.REVIEWER] = Writer(name=reviewer.name, identity=reviewer.username)
    state[Key.SIGNIN_USERNAME] = ""
    settings = signin_settings(secrets)
    if settings.cookie_secret:
        state[Key.SIGNIN_COOKIE] = (issue_session(settings.cookie_secret, reviewer), settings)


def _password_writer(checker: PasswordSignIn) -> Writer | None:
    """The session's reviewer, if still listed under the same name in ``[reviewers]``; else
    the reviewer a valid session cookie names (a reload keeps a password sign-in)."""
    writer = st.session_state.get(Key.REVIEWER)
    if not isinstance(writer, Writer):
        return _writer_from_cookie(checker)
    listed: Reviewer | None = checker.reviewers.get(writer.identity)
    if listed is None or listed.name != writer.name:
        st.session_state.pop(Key.REVIEWER, None)
        return None
    return writer


def _request_cookie() -> str | None:
    """The session cookie the browser sent with this page (``None`` without one)."""
    try:
        token = st.context.cookies.get(SESSION_COOKIE)
    except (AttributeError, RuntimeError):
        return None
    return token if isinstance(token, str) and token else None


def _writer_from_cookie(checker: PasswordSignIn) -> Writer | None:
    settings = signin_settings(read_secrets())
    token = _request_cookie()
    if not settings.cookie_secret or token is None:
        return None
    try:
        reviewer = checker.session_reviewer(
            settings.cookie_secret, token, max_age=settings.session_seconds
        )
    except DATABASE_ERRORS:
        return None
    if reviewer is None:
        return None
    writer = Writer(name=reviewer.name, identity=reviewer.username)
    st.session_state[Key.REVIEWER] = writer
    return writer


def _cookie_change() -> None:
    """Set or remove the session cookie in the browser, once, as the last sign-in asked."""
    change = st.session_state.pop(Key.SIGNIN_COOKIE, None)
    if not isinstance(change, tuple):
        return
    token, settings = change
    max_age = int(settings.session_seconds) if token else 0
    st.html(_cookie_script(token, max_age), unsafe_allow_javascript=True, width="content")


def _sign_out(checker: PasswordSignIn, writer: Writer) -> None:
    """Forget the session here, revoke its cookies on every server, remove it here."""
    st.session_state.pop(Key.REVIEWER, None)
    with contextlib.suppress(*DATABASE_ERRORS):  # the browser still drops its cookie below
        checker.sign_out(writer.identity)
    st.session_state[Key.SIGNIN_COOKIE] = ("", signin_settings(read_secrets()))


def _role_of(writer: Writer) -> Role:
    """The writer's role as the secrets name it (위원 when they name a role that is unknown)."""
    try:
        return role_for(read_secrets(), writer.identity)
    except ReviewerConfigError:
        return Role.MEMBER


def _signed_in_line(writer: Writer) -> bool:
    """Who is signed in, and a 로그아웃 button (whether it was pressed)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.markdown(
            ":material/verified_user: "
            + T.SIGNED_IN.format(
                name=escape_markdown(writer.name),
                role=_role_of(writer),
                identity=escape_markdown(writer.identity),
            ),
            help=T.SIGNED_IN_HELP,
            width="content",
        )
        return st.button(T.SIGN_OUT, key=Key.SIGNOUT, icon=":material/logout:", type="tertiary")


def _config_error(problem: ReviewerConfigError) -> None:
    """The secrets' sign-in section is wrong: say what, for whoever keeps them."""
    st.error(T.CONFIG_ERROR.format(detail=escape_markdown(str(problem))), icon=":material/warning:")


def _password_panel(secrets: Mapping[str, Any]) -> Writer | None:
    try:
        checker = password_sign_in(secrets)
    except ReviewerConfigError as problem:
        _config_error(problem)
        return None
    except DATABASE_ERRORS:
        st.error(EdgeAuthText.UNAVAILABLE, icon=":material/warning:")
        return None
    _cookie_change()
    writer = _password_writer(checker)
    if writer is not None:
        if not _signed_in_line(writer):
            return writer
        _sign_out(checker, writer)
        st.rerun()
    with st.form(Key.SIGNIN_FORM, border=True):
        st.markdown(f"**{T.FORM_TITLE}** · {T.FORM_HELP}")
        user_col, password_col, button_col = st.columns([2, 2, 1], vertical_alignment="bottom")
        user_col.text_input(T.USERNAME, key=Key.SIGNIN_USERNAME, autocomplete="username")
        password_col.text_input(
            T.PASSWORD, key=Key.SIGNIN_PASSWORD, type="password", autocomplete="current-password"
        )
        button_col.form_submit_button(
            T.SIGN_IN,
            key=Key.SIGNIN_SUBMIT,
            on_click=_sign_in,
            args=(checker,),
            type="primary",
            icon=":material/login:",
            width="stretch",
        )
    refusal = st.session_state.pop(Key.SIGNIN_ERROR, None)
    if refusal:
        st.error(refusal, icon=":material/lock:")
    return None


# ── OIDC (st.login) ─────────────────────────────────────────────────────────────────


def oidc_allow_list(secrets: Mapping[str, Any]) -> frozenset[str] | None:
    """``[reviewers_oidc] allow`` case-folded; ``None`` when absent (every account may write).

    Raises ``ReviewerConfigError`` when it is not a list of strings.
    """
    section = secrets.get(OIDC_ALLOW_SECTION)
    if section is None:
        return None
    allow = section.get("allow") if isinstance(section, Mapping) else None
    if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
        raise ReviewerConfigError(T.ALLOW_INVALID)
    return frozenset(a.strip().casefold() for a in allow if a.strip())


def oidc_writer(user: Mapping[str, Any], allow: frozenset[str] | None) -> Writer | None:
    """The writer for a signed-in ``st.user``, or ``None`` when signed out or not allowed."""
    if not user.get("is_logged_in"):
        return None
    identity = str(user.get("email") or user.get("sub") or "").strip()
    if not identity:
        return None
    if allow is not None and identity.casefold() not in allow:
        return None
    name = str(user.get("name") or identity).strip()
    return Writer(name=name, identity=identity)


def _user() -> dict[str, Any]:
    return dict(st.user.to_dict())


def _oidc_panel(secrets: Mapping[str, Any]) -> Writer | None:
    try:
        allow = oidc_allow_list(secrets)
    except ReviewerConfigError as problem:
        _config_error(problem)
        return None
    user = _user()
    if not user.get("is_logged_in"):
        with st.container(border=True):
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.markdown(T.OIDC_HELP)
            if button.button(
                T.OIDC_BUTTON,
                key=Key.SIGNIN_OIDC,
                icon=":material/login:",
                type="primary",
                width="stretch",
            ):
                st.login(oidc_provider(secrets))
        return None
    writer = oidc_writer(user, allow)
    if writer is None:
        identity = str(user.get("email") or user.get("sub") or "")
        with st.container(border=True):
            text, button = st.columns([5, 1], vertical_alignment="center")
            if identity:
                text.warning(T.OIDC_NOT_ALLOWED.format(identity=escape_markdown(identity)))
            else:
                text.warning(T.OIDC_NO_IDENTITY)
            if button.button(T.SIGN_OUT, key=Key.SIGNOUT, width="stretch"):
                st.logout()
        return None
    if _signed_in_line(writer):
        st.logout()
    return writer


# ── Read-only ───────────────────────────────────────────────────────────────────────


def readonly_notice() -> None:
    """Say that nobody can write now, and how an administrator turns reviews on."""
    st.info(T.READONLY, icon=":material/lock:")
    with st.expander(T.READONLY_HOW, icon=":material/settings:"):
        st.markdown(T.READONLY_STEPS)
        st.code(T.READONLY_EXAMPLE, language="toml")


def sign_in_panel() -> Writer | None:
    """Draw the sign-in UI for the configured mode; the writer allowed to save, if any."""
    secrets = read_secrets()
    mode = current_mode(secrets)
    if mode is SignInMode.OIDC:
        return _oidc_panel(secrets)
    if mode is SignInMode.PASSWORD:
        return _password_panel(secrets)
    readonly_notice()
    return None


def current_writer() -> Writer | None:
    """The writer allowed to save now, without drawing anything (for callbacks)."""
    secrets = read_secrets()
    mode = current_mode(secrets)
    try:
        if mode is SignInMode.OIDC:
            return oidc_writer(_user(), oidc_allow_list(secrets))
        if mode is SignInMode.PASSWORD:
            return _password_writer(password_sign_in(secrets))
    except (ReviewerConfigError, *DATABASE_ERRORS):
        return None
    return None
