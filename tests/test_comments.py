"""Comments attach to exactly the node they name."""

from lib.comments import Node, about, above, from_workbook, overall, rating_counts, rating_summary
from lib.schema import Rating, System
from lib.workbook import read_workbook


def test_comments_about_nodes(valid_bytes):
    results = read_workbook(valid_bytes)
    views = from_workbook(results)
    first = results.sub_projects[0]
    assert [c.text for c in about(views, Node.of(first))] == ["민관 연계 강화 필요"]
    assert [c.text for c in overall(views, [System.SOCIAL_SECURITY])] == ["목표 대비 향상된 성과"]
    assert overall(views, [System.DEVELOPMENT]) == []
    assert [c.text for c in above(views, first)] == ["목표 대비 향상된 성과"]
    assert views[0].source == "모니터링의견 시트 2행"


def test_rating_summary(valid_bytes):
    counts = rating_counts(from_workbook(read_workbook(valid_bytes)))
    assert counts == {Rating.APPROPRIATE: 1, Rating.AVERAGE: 0, Rating.INAPPROPRIATE: 0}
    assert rating_summary(counts) == "적절 1 · 보통 0 · 부적절 0"


def test_comments_within_a_strategy_include_those_on_its_projects(valid_bytes):
    from lib.comments import within_strategy

    views = from_workbook(read_workbook(valid_bytes))
    assert [c.text for c in within_strategy(views, System.SOCIAL_SECURITY, "돌봄 강화")] == [
        "민관 연계 강화 필요"
    ]
    assert within_strategy(views, System.DEVELOPMENT, "거버넌스 구축") == []


def test_comment_target_of_a_sub_project_names_it_in_its_tree(valid_bytes):
    from lib.comments import speaks_of
    from lib.schema import CommentTarget, TargetKind

    results = read_workbook(valid_bytes, "x.xlsx")
    sp = results.sub_projects[0]
    target = CommentTarget.of(sp)
    assert target.kind is TargetKind.SUB_PROJECT
    assert (target.system, target.strategy, target.key_project, target.sub_project_id) == (
        sp.system,
        sp.strategy,
        sp.key_project,
        sp.id,
    )
    assert speaks_of(target, Node.of(sp))
    assert not speaks_of(target, Node(sp.system, sp.strategy, sp.key_project))
