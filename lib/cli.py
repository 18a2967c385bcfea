"""Command line: ``python -m lib.cli summary FILE [--json]``, ``template OUT.xlsx`` and ``report``.

The contract is ``shared/spec/cli.md``. A workbook that breaks the format exits 2 with
every problem on stderr, one per line, and no traceback.
"""

from __future__ import annotations

import argparse
import json
import json.encoder
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from lib import format as fmt
from lib.errors import Problem, WorkbookError
from lib.flags import Flag
from lib.rounds import RoundSnapshot
from lib.schema import CommentCategory, Results, SubProject, System
from lib.strings_ko import CliText, ExportText, MeetingText, ReportText
from lib.template import write_template
from lib.views import filters
from lib.views.view import View, by_system
from lib.workbook.bounded import read_path_bounded_then, whole

EXIT_INVALID = 2
T = TypeVar("T")


def _amount(value: Decimal) -> int | float:
    """A budget sum as JSON: an integer when whole, else the exact decimal as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def summary(results: Results) -> dict[str, Any]:
    """The ``summary --json`` object, from the same ``View`` the app builds."""
    data = _summary(results)
    data["sub_projects"] = data["sub_projects"].items()
    return data


_SUB_PROJECT_KEYS = ("system", "code", "name", "status", "achievement_rate", "flags")


@dataclass(frozen=True)
class _SubProjectColumns:
    """``summary``'s ``sub_projects`` a field at a time, in ``_SUB_PROJECT_KEYS`` order (the
    enums and flags as they are): the dicts of the JSON object (``items``), or each item's
    line of the JSON text (``lines``), in the encoder's very form. Each column is one ``map``
    over the sub-projects, and the lines one ``map`` over the columns: per sub-project of a
    national workbook's 20,160, Python runs only the view's two look-ups (its rate, its
    flags) and its rate's text."""

    columns: tuple[list[Any], ...]

    @classmethod
    def of(cls, view: View, ordered: Sequence[SubProject]) -> _SubProjectColumns:
        return cls(
            (
                list(map(_SYSTEM, ordered)),
                list(map(_CODE, ordered)),
                list(map(_NAME, ordered)),
                list(map(_STATUS, ordered)),
                list(map(view.rate_value, ordered)),
                list(map(view.flags_of, ordered)),
            )
        )

    def __len__(self) -> int:
        return len(self.columns[0])

    def items(self) -> list[dict[str, Any]]:
        return [
            dict(
                zip(
                    _SUB_PROJECT_KEYS,
                    (str(system), code, name, str(status), rate, list(map(str, flags))),
                    strict=True,
                )
            )
            for system, code, name, status, rate, flags in zip(*self.columns, strict=True)
        ]

    def lines(self, dumps: Callable[[Any], str]) -> list[str]:
        """Each item as ``dumps`` would write its dict, built from each value's JSON text:
        the enums' and flag lists' text looked up (a few distinct values), strings through
        json's own string encoder, a rate as json writes a float (``float.__repr__``).
        ``tests/test_cli.py`` compares the two."""
        line = "{{" + ", ".join(dumps(key) + ": {}" for key in _SUB_PROJECT_KEYS) + "}}"
        system, code, name, status, rate, flags = self.columns
        named = _JsonTexts(lambda member: dumps(str(member))).__getitem__
        string = json.encoder.encode_basestring
        rates = ["null" if value is None else float.__repr__(value) for value in rate]
        flag_lists = _JsonTexts(lambda found: dumps(list(map(str, found)))).__getitem__
        return list(
            map(
                line.format,
                map(named, system), map(string, code), map(string, name), map(named, status),
                rates, map(flag_lists, flags),
            )
        )  # fmt: skip


_SYSTEM, _CODE, _NAME, _STATUS = map(attrgetter, ("system", "code", "name", "status"))


class _JsonTexts(dict[Any, str]):
    """Values' JSON text, written on first use (enum members, flag tuples: a few distinct
    values among 20,160 sub-projects; each later one a lookup in C)."""

    def __init__(self, write: Callable[[Any], str]) -> None:
        super().__init__()
        self._write = write

    def __missing__(self, value: Any) -> str:
        text = self[value] = self._write(value)
        return text


def _summary(results: Results) -> dict[str, Any]:
    """``summary``'s object with its ``sub_projects`` a field at a time (``_SubProjectColumns``)."""
    view = View.build(results, filters.Filter())
    ordered = by_system(results, results.sub_projects)
    # Enum members as str() (the same text as .value, without the enum's slow descriptor:
    # 20,160 sub-projects × 3).
    return {
        "district": results.meta.district,
        "year": results.meta.year,
        "systems": [
            {
                "system": str(s.system),
                "strategies": s.strategies,
                "key_projects": s.key_projects,
                "sub_projects": s.sub_projects,
                "achievement_rate": fmt.rate_value(s.achievement_rate),
                "budget": {
                    "planned": _amount(s.budget.planned),
                    "final": _amount(s.budget.final),
                    "executed": _amount(s.budget.executed),
                },
            }
            for s in view.systems_all
        ],
        "strategies": [
            {
                "system": str(s.system),
                "strategy": s.strategy,
                "sub_projects": s.sub_projects,
                "achievement_rate": fmt.rate_value(s.achievement_rate),
            }
            for s in view.strategies
        ],
        "sub_projects": _SubProjectColumns.of(view, ordered),
        "flags": {str(flag): [sp.id for sp in sps] for flag, sps in view.flagged(ordered).items()},
        "comments": {
            str(category): sum(1 for c in results.comments if c.category is category)
            for category in CommentCategory
        },
    }


def _report(data: dict[str, Any]) -> str:
    lines = [CliText.TITLE.format(district=data["district"], year=data["year"])]
    for s in data["systems"]:
        lines.append(
            CliText.SYSTEM.format(
                system=s["system"],
                strategies=s["strategies"],
                key_projects=s["key_projects"],
                sub_projects=s["sub_projects"],
                rate=fmt.percent(Decimal(str(s["achievement_rate"]))),
            )
            if s["achievement_rate"] is not None
            else CliText.SYSTEM_NO_RATE.format(system=s["system"], sub_projects=s["sub_projects"])
        )
    for flag in Flag:
        ids = data["flags"][flag.value]
        if ids:
            lines.append(CliText.FLAG.format(flag=flag.value, n=len(ids), ids=", ".join(ids)))
    counts = ", ".join(
        CliText.COMMENT_COUNT.format(category=category.value, n=data["comments"][category.value])
        for category in CommentCategory
    )
    lines.append(CliText.COMMENTS.format(counts=counts))
    return "\n".join(lines)


def _item_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)`` for many small values: json's C encoder made
    once (``JSONEncoder.encode`` makes one a call, which cost as much as the encoding of
    20,160 one-line items); the encoder's own way where the C one is missing."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    encode = make(
        None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ",
        False, False, True,
    )  # fmt: skip  # (markers, default, encoder, indent, separators, sort/skip keys, nan)

    def dumps(value: Any) -> str:
        return "".join(encode(value, 0))

    return dumps


def summary_json(results: Results) -> str:
    """``summary --json``'s text: the object with one list item per line, as
    ``shared/spec/cli.md`` shows it. Each item goes through ``json``'s C encoder, which
    ``indent=`` would switch off (three times slower on 20,160 sub-projects)."""

    dumps = _item_encoder()

    def block(value: Any) -> str:
        if isinstance(value, _SubProjectColumns):
            return "[\n    " + ",\n    ".join(value.lines(dumps)) + "\n  ]" if len(value) else "[]"
        if isinstance(value, list) and value:
            return "[\n    " + ",\n    ".join(map(dumps, value)) + "\n  ]"
        if isinstance(value, dict) and value:
            lines = (f"    {dumps(key)}: {dumps(item)}" for key, item in value.items())
            return "{\n" + ",\n".join(lines) + "\n  }"
        return dumps(value)

    data = _summary(results)
    return "{\n" + ",\n".join(f"  {dumps(k)}: {block(v)}" for k, v in data.items()) + "\n}"


def summary_text(results: Results) -> str:
    """``summary``'s short Korean report."""
    return _report(summary(results))


def _read_then(path: str, then: Callable[[Results], T]) -> T:
    """``then`` of the workbook at ``path``, computed in the bounded child process that reads
    it (``lib.workbook.bounded``), so that only its answer crosses back."""
    try:
        return read_path_bounded_then(path, then)
    except OSError as exc:
        message = CliText.CANNOT_OPEN.format(path=path, reason=exc.strerror)
        raise WorkbookError([Problem(None, None, None, message)]) from None


def _read_or_say(path: str, then: Callable[[Results], T]) -> T | None:
    """``_read_then``, or None after printing every problem of the workbook on stderr."""
    try:
        return _read_then(path, then)
    except WorkbookError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def stored_round(url: str, district: str, year: int) -> RoundSnapshot | None:
    """The monitoring round of one 시군구·연도 kept in the database at ``url``, if any.

    Raises ``lib.store.StoreUnavailable`` (its message says why) when the database cannot
    be read; an SQLite file that does not exist is such an error, not a new empty database.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from lib import store
    from lib.store import StoreError, StoreUnavailable

    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreUnavailable(str(exc)) from None
    database = parsed.database or ""
    local = parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
    if local and not Path(database).is_file():
        raise StoreUnavailable(f"{database}: {ReportText.CLI_STORE_NO_FILE}")
    try:
        engine = store.create_store_engine(url)
        try:
            return store.round_snapshot(engine, district, year)
        finally:
            engine.dispose()
    except StoreUnavailable:
        raise
    except (SQLAlchemyError, StoreError) as exc:
        raise StoreUnavailable(str(exc).splitlines()[0]) from None


def report(args: argparse.Namespace) -> int:
    """``report``: the meeting deck (PPTX), tables (xlsx) and HTML report for a filtered view,
    and the 결과보고 (DOCX, HWPX) with the stored round when ``--store`` is given."""
    # Imported here so `summary`, which staff run often, does not load python-pptx and plotly.
    from lib.exports.deck import build_deck
    from lib.exports.html import render_html
    from lib.exports.pptx import render_pptx
    from lib.exports.xlsx import render_xlsx

    if not (args.pptx or args.xlsx or args.html or args.docx or args.hwpx):
        print(ExportText.CLI_NEED_OUTPUT, file=sys.stderr)
        return EXIT_INVALID
    results = _read_or_say(args.workbook, whole)
    if results is None:
        return EXIT_INVALID
    round_: RoundSnapshot | None = None
    if args.store:
        from lib.store import StoreError

        try:
            round_ = stored_round(args.store, results.meta.district, results.meta.year)
        except StoreError as exc:
            print(ReportText.CLI_STORE_FAILED.format(reason=exc), file=sys.stderr)
            return EXIT_INVALID
        if round_ is None:
            print(
                ReportText.CLI_NO_ROUND.format(
                    district=results.meta.district, year=results.meta.year
                ),
                file=sys.stderr,
            )
        elif round_.workbook_sha256 not in (None, results.source_sha256):
            print(ReportText.CLI_OTHER_VERSION, file=sys.stderr)
    opts = filters.options(results)
    problems: list[str] = []

    def check(option: str, values: Sequence[str], allowed: Sequence[str]) -> None:
        for value in values:
            if value not in allowed:
                problems.append(
                    ExportText.CLI_UNKNOWN.format(
                        option=option,
                        value=value,
                        allowed=", ".join(allowed) or ExportText.CLI_NONE_ALLOWED,
                    )
                )

    check("--system", [args.system] if args.system else [], [s.value for s in opts.systems])
    system = System(args.system) if args.system and not problems else None
    check("--strategy", args.strategy, filters.options(results, system).strategies)
    check("--dong", args.dong, opts.dongs)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_INVALID
    f = filters.Filter(
        system=system,
        strategies=tuple(dict.fromkeys(args.strategy)),
        dongs=tuple(dict.fromkeys(args.dong)),
        include_district_wide=args.district_wide,
    )
    view = View.build(results, f)
    deck = build_deck(view)
    shown = len(view.shown)
    jobs: list[tuple[str | None, Callable[[], bytes], str]] = [
        (
            args.pptx,
            lambda: render_pptx(deck),
            ExportText.CLI_WROTE_PPTX.format(path=args.pptx, n=len(deck.slides)),
        ),
        (
            args.xlsx,
            lambda: render_xlsx(view),
            ExportText.CLI_WROTE_XLSX.format(path=args.xlsx, n=shown),
        ),
        (
            args.html,
            lambda: render_html(deck).encode("utf-8"),
            ExportText.CLI_WROTE_HTML.format(path=args.html),
        ),
    ]
    if args.docx or args.hwpx:
        # The 결과보고 covers the whole district: --system/--strategy/--dong narrow the
        # meeting files only.
        from lib.report import build_report
        from lib.report.docx_file import render_docx
        from lib.report.hwpx_file import render_hwpx

        document = build_report(results, round_)
        jobs += [
            (
                args.docx,
                lambda: render_docx(document),
                ReportText.CLI_WROTE_DOCX.format(path=args.docx),
            ),
            (
                args.hwpx,
                lambda: render_hwpx(document),
                ReportText.CLI_WROTE_HWPX.format(path=args.hwpx),
            ),
        ]
    for path, render, done in jobs:
        if not path:
            continue
        try:
            Path(path).write_bytes(render())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            print(ExportText.CLI_WRITE_FAILED.format(path=path, reason=reason), file=sys.stderr)
            return EXIT_INVALID
        print(done)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=CliText.DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    p_summary = commands.add_parser("summary", help=CliText.SUMMARY_HELP)
    p_summary.add_argument("workbook")
    p_summary.add_argument("--json", action="store_true", help=CliText.JSON_HELP)
    p_template = commands.add_parser("template", help=CliText.TEMPLATE_HELP)
    p_template.add_argument("out")
    p_report = commands.add_parser("report", help=ExportText.CLI_HELP)
    p_report.add_argument("workbook")
    p_report.add_argument("--pptx", metavar="OUT.pptx", help=ExportText.CLI_PPTX)
    p_report.add_argument("--xlsx", metavar="OUT.xlsx", help=ExportText.CLI_XLSX)
    p_report.add_argument("--html", metavar="OUT.html", help=ExportText.CLI_HTML)
    p_report.add_argument("--docx", metavar="OUT.docx", help=ReportText.CLI_DOCX)
    p_report.add_argument("--hwpx", metavar="OUT.hwpx", help=ReportText.CLI_HWPX)
    p_report.add_argument("--store", metavar="URL", help=ReportText.CLI_STORE)
    p_report.add_argument("--system", help=ExportText.CLI_SYSTEM)
    p_report.add_argument("--strategy", action="append", default=[], help=ExportText.CLI_STRATEGY)
    p_report.add_argument("--dong", action="append", default=[], help=ExportText.CLI_DONG)
    p_report.add_argument("--district-wide", action="store_true", help=MeetingText.CLI_WIDE)
    args = parser.parse_args(argv)

    if args.command == "template":
        write_template(Path(args.out))
        return 0
    if args.command == "report":
        return report(args)
    text = _read_or_say(args.workbook, summary_json if args.json else summary_text)
    if text is None:
        return EXIT_INVALID
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
