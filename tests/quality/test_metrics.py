"""Unit tests of the scoring itself (tests/quality/metrics.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.quality.metrics import (
    Floors,
    Outcome,
    check_floors,
    claim_key,
    format_misses,
    format_table,
    match_claims,
    score,
)


@dataclass(frozen=True)
class _Claim:
    count: int
    place: str | None
    added: bool
    qualifier: str = "exact"


def _o(pid: str, gold: list, pred: list, *, rel=(True, True), groups=("en",), lang=("en", "en")):
    return Outcome(pid, groups, rel[0], rel[1], tuple(gold), tuple(pred), lang[0], lang[1])


def test_claim_key_reads_mappings_and_objects_alike():
    d = {"count": 102, "qualifier": "more_than", "place": None, "added": False}
    assert claim_key(d) == (102, None, False)
    assert claim_key(_Claim(11, "it", False)) == (11, "IT", False)
    assert claim_key({"count": 48, "place": None, "added": True}) == (48, None, True)


def test_claim_key_rejects_non_integer_counts():
    with pytest.raises(TypeError):
        claim_key({"count": "102", "place": None, "added": False})
    with pytest.raises(TypeError):
        claim_key({"count": True, "place": None, "added": False})


def test_match_is_a_multiset_on_count_place_added():
    gold = [(54, None, False), (48, None, True), (102, None, False)]
    pred = [(102, None, False), (48, None, False), (54, None, False), (54, None, False)]
    m = match_claims(gold, pred)
    assert (m.tp, m.fp, m.fn) == (2, 2, 1)
    assert m.missing == ((48, None, True),)
    assert m.extra == ((48, None, False), (54, None, False))


def test_place_matters():
    m = match_claims([(11, "IT", False)], [(11, None, False)])
    assert (m.tp, m.fp, m.fn) == (0, 1, 1)


def test_precision_recall_are_pooled_over_passages():
    r = score([
        _o("a", [(1, "IE", False)], [(1, "IE", False)]),
        _o("b", [(2, "NL", False), (3, "CA", False)], [(2, "NL", False)]),
        _o("c", [], [(110, None, False)], rel=(False, True)),
    ])
    t = r.overall
    assert (t.tp, t.fp, t.fn) == (2, 1, 1)
    assert t.claims_precision == pytest.approx(2 / 3)
    assert t.claims_recall == pytest.approx(2 / 3)
    assert t.relevance_accuracy == pytest.approx(2 / 3)
    assert [o.id for o in r.misses()] == ["b", "c"]


def test_empty_denominators_score_one():
    r = score([_o("a", [], [], rel=(False, False))])
    assert r.overall.claims_precision == 1.0
    assert r.overall.claims_recall == 1.0
    assert r.overall.relevance_accuracy == 1.0


def test_groups_and_language_accuracy():
    r = score([
        _o("zh-1", [(30, None, False)], [(30, None, False)], groups=("zh", "zh-Hant"),
           lang=("zh", "ja")),
        _o("zh-2", [], [], groups=("zh",), lang=("zh", "zh")),
        _o("ko-1", [(1, "KR", False)], [], groups=("ko",), lang=("ko", "ko")),
    ])
    assert set(r.groups) == {"overall", "zh", "zh-Hant", "ko"}
    assert r.groups["zh-Hant"].passages == 1
    assert r.groups["zh"].lang_accuracy == 0.5
    assert r.groups["ko"].claims_recall == 0.0
    assert r.overall.passages == 3


FLOORS = Floors(
    overall={"claims_precision": 0.95, "claims_recall": 0.92, "relevance_accuracy": 0.95},
    per_group={"claims_precision": 0.85, "claims_recall": 0.85, "relevance_accuracy": 0.85},
    groups=("en", "ko"),
)


def test_floors_pass_when_everything_is_right():
    r = score([
        _o("en-1", [(54, None, False)], [(54, None, False)]),
        _o("ko-1", [(1, "KR", False)], [(1, "KR", False)], groups=("ko",)),
    ])
    assert check_floors(r, FLOORS) == []


def test_floors_report_each_figure_below_and_missing_groups():
    r = score([_o("en-1", [(54, None, False)], [(54, None, False), (21, None, False)])])
    failures = check_floors(r, FLOORS)
    assert "overall: claims_precision 0.500 < floor 0.95" in failures
    assert "en: claims_precision 0.500 < floor 0.85" in failures
    assert "ko: no passages scored" in failures
    assert not any("recall" in f for f in failures)


def test_table_marks_figures_below_floor():
    r = score([_o("en-1", [(54, None, False)], [])])
    table = format_table(r, FLOORS)
    rows = {line.split()[0]: line for line in table.splitlines()[2:]}
    assert set(rows) == {"en", "overall"}
    assert rows["overall"] == table.splitlines()[-1]
    assert "0.000!" in rows["en"] and "1.000 " in rows["en"]
    assert "missing=[(54, None, False)]" in format_misses(r)
