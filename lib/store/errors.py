"""What the store refuses, each with a Korean message fit to show the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lib.format import count
from lib.store.tables import COMMENT_MAX_CHARS
from lib.strings_ko import LayoutText, RoundStoreText, StoreText

if TYPE_CHECKING:
    from lib.store.reviews import ReviewVersion

# ── Errors ──────────────────────────────────────────────────────────────────────────


class StoreError(ValueError):
    """Something the store refused, with a Korean message fit to show the user."""


class InvalidReview(StoreError):
    """A field is missing, too long or out of range."""


class CommentTooLong(InvalidReview):
    """The comment exceeds ``COMMENT_MAX_CHARS``."""

    def __init__(self, length: int, limit: int = COMMENT_MAX_CHARS) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            StoreText.COMMENT_TOO_LONG.format(
                limit=count(limit, noun=LayoutText.CHARACTERS),
                length=count(length, noun=LayoutText.CHARACTERS),
            )
        )


class EmptyReview(InvalidReview):
    """Neither a rating nor a comment."""

    def __init__(self) -> None:
        super().__init__(StoreText.EMPTY_REVIEW)


class ReviewNotFound(StoreError):
    def __init__(self, review_id: str) -> None:
        self.review_id = review_id
        super().__init__(StoreText.REVIEW_NOT_FOUND)


class ReviewWithdrawn(StoreError):
    """An edit or withdrawal of a review already withdrawn."""

    def __init__(self, current: ReviewVersion) -> None:
        self.current = current
        super().__init__(StoreText.REVIEW_WITHDRAWN)


class StaleReview(StoreError):
    """``expected_version`` is no longer the latest: someone saved in between."""

    def __init__(self, current: ReviewVersion) -> None:
        self.current = current
        super().__init__(
            StoreText.REVIEW_STALE.format(current=current.version, author=current.author)
        )


class WriteConflict(StoreError):
    """Still losing the race for a version number after every retry."""

    def __init__(self) -> None:
        super().__init__(StoreText.WRITE_CONFLICT)


class WorkbookNotFound(StoreError):
    def __init__(self, workbook_id: int) -> None:
        self.workbook_id = workbook_id
        super().__init__(StoreText.WORKBOOK_NOT_FOUND)


class AppendOnlyViolation(StoreError):
    """An UPDATE or DELETE of the audit trail was attempted through this engine."""

    def __init__(self, table: str) -> None:
        super().__init__(StoreText.APPEND_ONLY.format(table=table))


class SchemaTooNew(StoreError):
    """The database has migration steps this code does not know."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(StoreText.SCHEMA_TOO_NEW.format(found=found, known=known))


# ── Roles, authorship and rounds ────────────────────────────────────────────────────


class NotAllowed(StoreError):
    """The actor's role may not do this (e.g. a 위원 confirming a round)."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(RoundStoreText.NOT_SECRETARIAT.format(what=what))


class NotAuthor(StoreError):
    """An edit or withdrawal of text another member wrote (a review or an opinion)."""

    def __init__(self) -> None:
        super().__init__(RoundStoreText.NOT_AUTHOR)


class NotOnRoster(StoreError):
    """A member writing into a round whose roster does not list their account."""

    def __init__(self, name: str) -> None:
        super().__init__(RoundStoreText.NOT_ON_ROSTER.format(name=name))


class InvalidRound(StoreError):
    """A round's input is missing, too long or contradicts the round (Korean message)."""


class RoundExists(StoreError):
    def __init__(self, district: str, year: int) -> None:
        super().__init__(RoundStoreText.ROUND_EXISTS.format(district=district, year=year))


class RoundNotFound(StoreError):
    def __init__(self, district: str, year: int) -> None:
        super().__init__(RoundStoreText.ROUND_NOT_FOUND.format(district=district, year=year))


class RoundLocked(StoreError):
    """A write for a 시군구·연도 whose round is 확정 (reviews and round content alike)."""

    def __init__(self, district: str, year: int) -> None:
        self.district = district
        self.year = year
        super().__init__(RoundStoreText.ROUND_LOCKED.format(district=district, year=year))


class WrongStatus(StoreError):
    """An action the round's current status does not allow."""


# ── The database itself ─────────────────────────────────────────────────────────────


class StoreUnavailable(StoreError):
    """The database cannot be reached, answers too slowly, or the file cannot be used.

    Pages say so plainly (never fall back to other data); the message is Korean.
    """
