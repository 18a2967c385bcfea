"""Every rate lib.metrics computes equals a plain Fraction computation of the spec's rule, on
random workbooks: .x5 edges, 하향 indicators, weights, 폐지, blank budgets included."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lib import metrics
from lib.flags import Flag, Thresholds, flags_of
from lib.format import pair_rate_value, rate_value, round_half_up
from lib.schema import Direction, Indicator, Meta, ProjectStatus, Results, SubProject, System


def _decimal(places: int) -> st.SearchStrategy[Decimal]:
    """Cell values as written: up to ``places`` decimals, often ending in 5 (the .x5 edges)."""
    return st.one_of(
        st.integers(0, 10**7).map(lambda n: Decimal(n).scaleb(-places)),
        st.integers(0, 10**6).map(lambda n: Decimal(10 * n + 5).scaleb(-places - 1)),
        st.sampled_from([Decimal("36.1"), Decimal("40"), Decimal("0.05"), Decimal("99.95")]),
    )


@st.composite
def indicators(draw: st.DrawFn, weighted: bool) -> Indicator:
    return Indicator(
        name="지표",
        direction=draw(st.sampled_from(list(Direction))),
        weight=draw(_decimal(2).filter(lambda d: d > 0)) if weighted else None,
        target=draw(st.one_of(st.none(), _decimal(draw(st.integers(0, 3))))),
        actual=draw(st.one_of(st.none(), _decimal(draw(st.integers(0, 3))))),
        row=2,
    )


@st.composite
def sub_projects(draw: st.DrawFn, index: int) -> SubProject:
    weighted = draw(st.booleans())
    budget = st.one_of(st.none(), _decimal(3))
    return SubProject(
        system=draw(st.sampled_from(list(System))),
        code=f"1-1-{index}",
        strategy=draw(st.sampled_from(["가", "나"])),
        key_project=draw(st.sampled_from(["중점 1", "중점 2"])),
        name=f"사업 {index}",
        status=draw(st.sampled_from(list(ProjectStatus))),
        indicators=tuple(draw(st.lists(indicators(weighted), min_size=1, max_size=4))),
        budget_planned=draw(budget),
        budget_changed=draw(budget),
        budget_executed=draw(budget),
        rows=(2,),
    )


@st.composite
def workbooks(draw: st.DrawFn) -> list[SubProject]:
    count = draw(st.integers(1, 12))
    return [draw(sub_projects(i)) for i in range(count)]


# ── the reference: the spec's rules in Fraction, written independently ──


def ref_indicator(ind: Indicator) -> Fraction | None:
    if ind.target is None or ind.actual is None or ind.target <= 0:
        return None
    ratio = Fraction(ind.actual) / Fraction(ind.target)
    if ind.direction is Direction.DOWN:
        return max(Fraction(0), (2 - ratio) * 100)
    return ratio * 100


def ref_sub_project(sp: SubProject) -> Fraction | None:
    if sp.status is ProjectStatus.ABOLISHED:
        return None
    rated = [(ind, r) for ind in sp.indicators if (r := ref_indicator(ind)) is not None]
    if not rated:
        return None
    if all(ind.weight is not None for ind, _ in rated):
        total = sum(Fraction(ind.weight) for ind, _ in rated)  # type: ignore[arg-type]
        return sum(Fraction(ind.weight) * r for ind, r in rated) / total  # type: ignore[arg-type]
    return sum(r for _, r in rated) / len(rated)


def ref_mean(sps: list[SubProject]) -> Fraction | None:
    rates = [r for sp in sps if (r := ref_sub_project(sp)) is not None]
    return sum(rates, Fraction(0)) / len(rates) if rates else None


def ref_execution(sp: SubProject) -> Fraction | None:
    base = sp.budget_changed if sp.budget_changed is not None else sp.budget_planned
    if sp.budget_executed is None or base is None or base == 0:
        return None
    return Fraction(sp.budget_executed) / Fraction(base) * 100


def ref_half_up(value: Fraction) -> Decimal:
    scaled = value * 10
    whole = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    return Decimal(whole) / 10


@settings(max_examples=100, deadline=None)
@given(workbooks())
def test_every_rate_equals_the_fraction_reference(sps: list[SubProject]) -> None:
    for sp in sps:
        numbers = metrics.rates(sp)
        abolished = sp.status is ProjectStatus.ABOLISHED
        for ind, rate in zip(sp.indicators, numbers.indicators, strict=True):
            assert rate == (None if abolished else ref_indicator(ind))
            assert metrics.indicator_rate(ind) == ref_indicator(ind)
        assert numbers.achievement == ref_sub_project(sp)
        assert metrics.sub_project_rate(sp) == ref_sub_project(sp)
        assert numbers.execution == ref_execution(sp)
        if numbers.achievement is not None:
            assert round_half_up(numbers.achievement) == ref_half_up(numbers.achievement)
    assert metrics.mean_rate(sps) == ref_mean(sps)
    for summary in metrics.strategy_summaries(sps) + metrics.key_project_summaries(sps):
        members = [
            sp
            for sp in sps
            if (sp.system, sp.strategy) == (summary.system, summary.strategy)
            and summary.key_project in (None, sp.key_project)
        ]
        assert summary.achievement_rate == ref_mean(members)
    results = Results(meta=Meta(district="가구", year=2024), sub_projects=tuple(sps))
    for summary in metrics.system_summaries(results):
        members = [sp for sp in sps if sp.system is summary.system]
        counted = [sp for sp in members if sp.status is not ProjectStatus.ABOLISHED]
        assert summary.achievement_rate == ref_mean(members)
        assert summary.sub_projects == len(counted)
        assert summary.strategies == len({sp.strategy for sp in counted})
        assert summary.key_projects == len({(sp.strategy, sp.key_project) for sp in counted})
        assert summary.budget == metrics.budget_sum(members)
        assert summary == metrics.summarise(summary.system, members)
    # The view makes them from its strategy summaries: the same figures.
    merged = metrics.system_summaries(results, strategies=metrics.strategy_summaries(sps))
    assert merged == metrics.system_summaries(results)


@settings(max_examples=60, deadline=None)
@given(
    workbooks(),
    st.fractions(Fraction(0), Fraction(300), max_denominator=20),
    st.fractions(Fraction(0), Fraction(300), max_denominator=20),
    st.fractions(Fraction(0), Fraction(300), max_denominator=20),
)
def test_flags_compare_the_exact_rate(
    sps: list[SubProject], under: Fraction, over: Fraction, low: Fraction
) -> None:
    thresholds = Thresholds(underperforming=under, over_achieving=over, low_execution=low)
    for sp in sps:
        rate, execution = ref_sub_project(sp), ref_execution(sp)
        found = set(flags_of(sp, thresholds))
        if sp.status is ProjectStatus.ABOLISHED:
            assert found == {Flag.ABOLISHED}
            continue
        assert (Flag.UNDERPERFORMING in found) == (rate is not None and rate < under)
        assert (Flag.OVER_ACHIEVING in found) == (rate is not None and rate >= over)
        assert (Flag.LOW_EXECUTION in found) == (execution is not None and execution < low)


def test_the_spec_example_and_half_up_edges() -> None:
    down = Indicator(
        name="지표", direction=Direction.DOWN, target=Decimal(40), actual=Decimal("36.1"), row=2
    )
    assert metrics.indicator_rate(down) == Fraction(10975, 100)
    assert round_half_up(Fraction(10975, 100)) == Decimal("109.8")
    assert round_half_up(Fraction(12165, 100)) == Decimal("121.7")
    assert round_half_up(Fraction(-5, 100)) == Decimal("-0.1")
    assert round_half_up(Fraction(9996, 100)) == Decimal("100.0")


@given(
    st.integers(0, 10**9),
    st.integers(1, 10**6),
)
def test_rate_value_in_integers_is_round_half_up(numerator, denominator):
    """``rate_value``'s integer path gives the float of ``round_half_up`` (.x5 edges too)."""
    for rate in (Fraction(numerator, denominator), Fraction(numerator * 5, 1000)):
        assert rate_value(rate) == float(round_half_up(rate, 1))
        for sign in (1, -1):
            pair = (sign * rate.numerator, rate.denominator)
            assert pair_rate_value(pair) == float(round_half_up(Fraction(*pair), 1))
