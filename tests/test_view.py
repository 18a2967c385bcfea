"""The View: one per run, holding what depends on the filter; every rate computed once."""

from __future__ import annotations

import pytest

from lib import cli, metrics
from lib.exports.deck import build_deck
from lib.exports.xlsx import render_xlsx
from lib.flags import Flag, Thresholds, flags_of
from lib.schema import Results, System
from lib.views import filters
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Results:
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.mark.parametrize(
    "f",
    [
        filters.Filter(),
        filters.Filter(system=System.DEVELOPMENT),
        filters.Filter(flags=(Flag.UNDERPERFORMING,), thresholds=Thresholds(underperforming=110)),
    ],
)
def test_view_holds_what_the_filter_keeps(sample: Results, f: filters.Filter) -> None:
    view = View.build(sample, f)
    assert list(view.shown) == filters.apply(sample.sub_projects, f)
    assert [view.flags_of(sp) for sp in sample.sub_projects] == [
        flags_of(sp, f.thresholds) for sp in sample.sub_projects
    ]
    assert list(view.systems) == metrics.system_summaries(sample, list(view.shown))
    assert list(view.systems_all) == metrics.system_summaries(sample)
    assert view.flagged() == {
        flag: [sp for sp in view.shown if flag in flags_of(sp, f.thresholds)] for flag in Flag
    }


def test_a_sub_project_of_another_workbook_gets_its_own_flags(sample: Results) -> None:
    view = View.build(sample, filters.Filter(thresholds=Thresholds(underperforming=200)))
    other = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)  # equal ids, other objects
    sp = other.sub_projects[0]
    assert view.flags_of(sp) == flags_of(sp, Thresholds(underperforming=200))


def test_every_rate_is_computed_once_for_the_view_the_summary_and_exports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)  # objects no test has rated yet
    made: list[object] = []
    real = metrics.SubProjectRates

    def counted(sub_project: object) -> object:
        made.append(sub_project)
        return real(sub_project)  # type: ignore[arg-type]

    monkeypatch.setattr(metrics, "SubProjectRates", counted)
    view = View.build(results, filters.Filter())
    cli.summary(results)
    build_deck(view)
    render_xlsx(view)
    assert len(made) == len(results.sub_projects)
    assert {id(sp) for sp in made} == {id(sp) for sp in results.sub_projects}
