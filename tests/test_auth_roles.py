"""Roles from the secrets: ``[reviewers.x] role`` for passwords, ``[roles]`` for OIDC."""

from __future__ import annotations

from typing import Any

import pytest
from argon2 import PasswordHasher

from lib.auth import ReviewerConfigError, reviewers_from_secrets, role_for, roles_from_secrets
from lib.rounds import Role

HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("password-1")


def _reviewers(**roles: Any) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    for username, role in roles.items():
        entries[username] = {"name": username, "password_hash": HASH}
        if role is not None:
            entries[username]["role"] = role
    return {"reviewers": entries}


def test_reviewers_are_members_unless_their_entry_says_secretariat() -> None:
    parsed = reviewers_from_secrets(_reviewers(kim=None, Office="사무국", ryu="위원")["reviewers"])
    assert {u: r.role for u, r in parsed.items()} == {
        "kim": Role.MEMBER,
        "office": Role.SECRETARIAT,
        "ryu": Role.MEMBER,
    }


@pytest.mark.parametrize("bad", ["admin", "", 3, "사무국장"])
def test_an_unknown_role_is_refused_in_korean(bad: Any) -> None:
    with pytest.raises(ReviewerConfigError, match="역할"):
        reviewers_from_secrets(_reviewers(kim=bad)["reviewers"])
    with pytest.raises(ReviewerConfigError, match="역할"):
        roles_from_secrets({"roles": {"kim@example.go.kr": bad}})


def test_role_for_reads_either_table_case_insensitively() -> None:
    secrets = {
        **_reviewers(office="사무국", kim=None),
        "roles": {"Lee@Example.go.kr": "사무국", "ryu@example.go.kr": "위원"},
    }
    assert role_for(secrets, "OFFICE") is Role.SECRETARIAT
    assert role_for(secrets, "kim") is Role.MEMBER
    assert role_for(secrets, "lee@example.go.kr") is Role.SECRETARIAT
    assert role_for(secrets, "ryu@example.go.kr") is Role.MEMBER
    assert role_for(secrets, "nobody@example.go.kr") is Role.MEMBER
    assert role_for({}, "anyone") is Role.MEMBER


def test_a_roles_section_that_is_not_a_table_is_refused() -> None:
    with pytest.raises(ReviewerConfigError, match=r"\[roles\]"):
        roles_from_secrets({"roles": ["kim@example.go.kr"]})
