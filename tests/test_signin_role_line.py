"""The signed-in line names the account's role: a 사무국 account is not called 위원."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.auth import hash_password
from lib.ui.keys import Key, PagePath
from tests.conftest import open_app

PASSWORD = "사무국-비밀번호-2023"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [({}, "**장종윤** 위원으로 로그인했습니다 (jang)."),
     ({"role": "사무국"}, "**장종윤** 사무국으로 로그인했습니다 (jang).")],
)  # fmt: skip
def test_signed_in_line_says_the_role(tmp_path: Path, extra: dict[str, str], expected: str) -> None:
    reviewers = {"jang": {"name": "장종윤", "password_hash": hash_password(PASSWORD), **extra}}
    at = open_app(
        PagePath.REVIEW.script,
        db_url=f"sqlite:///{tmp_path / 'r.db'}",
        secrets={"reviewers": reviewers},
    )
    at.text_input(key=Key.SIGNIN_USERNAME).input("jang")
    at.text_input(key=Key.SIGNIN_PASSWORD).input(PASSWORD)
    at.button(key=Key.SIGNIN_SUBMIT).click().run()
    assert not at.exception
    assert expected in "".join(m.value for m in at.markdown)
