"""What a round callback did or why it was refused, kept to show once beside its widget."""

from __future__ import annotations

import streamlit as st

from lib.ui.round_keys import RoundKey


def notify(scope: str, message: str) -> None:
    """Keep ``message`` to show once where ``show(scope)`` is called."""
    st.session_state[RoundKey.NOTICE] = (scope, message)


def fail(scope: str, message: str) -> None:
    """Keep a refusal to show once where ``show(scope)`` is called."""
    st.session_state[RoundKey.ERROR] = (scope, message)


def show(scope: str) -> None:
    """Show (and forget) what was kept for ``scope``: the refusal first, else the notice."""
    state = st.session_state
    error = state.get(RoundKey.ERROR)
    if isinstance(error, tuple) and error[0] == scope:
        state.pop(RoundKey.ERROR, None)
        st.error(error[1], icon=":material/warning:")
    notice = state.get(RoundKey.NOTICE)
    if isinstance(notice, tuple) and notice[0] == scope:
        state.pop(RoundKey.NOTICE, None)
        st.success(notice[1], icon=":material/check_circle:")
