"""Novelty rules on a real SQLite file: which figures alert, and what the alert carries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from storage.engine import read_session
from storage.models import Alert, Claim, Delivery
from tests.support.store import make_store
from tests.support.stories import NOW, add_article, claim, policy

# (history of (place, added, count), the new claim's (place, added, count), new?, beats)
CASES = [
    ("empty store, first worldwide total", [], (None, False, 54), True, None),
    ("higher worldwide total", [(None, False, 54)], (None, False, 102), True, 54),
    ("lower worldwide total", [(None, False, 102)], (None, False, 54), False, None),
    ("same worldwide total again", [(None, False, 102)], (None, False, 102), False, None),
    ("same total, NULL place, two earlier stories", [(None, False, 54), (None, False, 54)],
     (None, False, 54), False, None),
    ("first figure for a country", [(None, False, 102)], ("IT", False, 11), True, None),
    ("same country total again", [("IT", False, 11)], ("IT", False, 11), False, None),
    ("lower country total", [("IT", False, 11)], ("IT", False, 9), False, None),
    ("higher country total", [("IT", False, 9)], ("IT", False, 11), True, 9),
    ("country figure does not cover worldwide", [("IT", False, 11)], (None, False, 11), True, None),
    ("worldwide figure does not cover a country", [(None, False, 102)], ("KR", False, 102), True, None),
    ("first increment", [(None, False, 54)], (None, True, 48), True, 54),
    ("same increment again", [(None, False, 54), (None, True, 48)], (None, True, 48), False, None),
    ("smaller increment is still a new figure", [(None, True, 48)], (None, True, 12), True, None),
    ("increment does not count as a total", [(None, True, 48)], (None, False, 48), True, None),
    ("total does not count as an increment", [(None, False, 48)], (None, True, 48), True, 48),
]


@pytest.mark.parametrize(("history", "incoming", "expect_new", "beats"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_novelty_rule(tmp_path, history, incoming, expect_new, beats):
    engine = make_store(tmp_path)
    for i, (place, added, count) in enumerate(history):
        add_article(engine, f"https://old{i}.example/a", [claim(count, place=place, added=added)],
                    pol=policy(alert=False))
    place, added, count = incoming
    _story, alert_id = add_article(engine, "https://new.example/a",
                                   [claim(count, place=place, added=added, qualifier="more_than")])
    assert (alert_id is not None) is expect_new
    with read_session(engine) as s:
        row = s.exec(select(Claim).order_by(Claim.id.desc())).first()
        assert (row.place, row.added, row.count) == (place, added, count)
        assert row.is_new is expect_new
        assert row.beats == beats
        if expect_new:
            payload = json.loads(s.get(Alert, alert_id).payload)
            assert payload["figures"][0]["beats"] == beats


def test_copy_of_a_story_adds_no_claim_and_no_alert(tmp_path):
    engine = make_store(tmp_path)
    story, first = add_article(engine, "https://a.example/1", [claim(102, countries=53)])
    assert first is not None
    again = add_article(engine, "https://b.example/copy", [claim(102, countries=53)], story_id=story)
    assert again == (story, None)
    with read_session(engine) as s:
        assert len(s.exec(select(Claim)).all()) == 1
        assert len(s.exec(select(Alert)).all()) == 1


def test_restatement_in_another_story_records_but_does_not_alert(tmp_path):
    engine = make_store(tmp_path)
    add_article(engine, "https://a.example/1", [claim(102, countries=53)])
    _story, alert_id = add_article(engine, "https://c.example/later", [claim(102, qualifier="more_than")])
    assert alert_id is None
    with read_session(engine) as s:
        rows = s.exec(select(Claim).order_by(Claim.id)).all()
        assert [r.is_new for r in rows] == [True, False]


def test_update_of_a_story_with_a_further_figure_raises_another_alert(tmp_path):
    engine = make_store(tmp_path)
    story, first = add_article(engine, "https://a.example/1", [claim(54)])
    _, second = add_article(engine, "https://a.example/1?update", [claim(54), claim(102)], story_id=story)
    assert first is not None and second is not None and second != first
    with read_session(engine) as s:
        alert = s.get(Alert, second)
        figures = json.loads(alert.payload)["figures"]
        assert [(f["count"], f["beats"]) for f in figures] == [(102, 54)]


def test_one_alert_for_several_new_figures_led_by_the_highest_total(tmp_path):
    engine = make_store(tmp_path)
    add_article(engine, "https://old.example/a", [claim(54, countries=21)], pol=policy(alert=False))
    claims = [
        claim(48, added=True, evidence="A further 48 were found."),
        claim(11, place="IT", evidence="Italy hosts 11."),
        claim(102, qualifier="more_than", countries=53, evidence="Over 102 in 53 countries."),
    ]
    _, alert_id = add_article(engine, "https://news.example/report", claims, title="New report",
                              outlet="news.example")
    with read_session(engine) as s:
        alert = s.get(Alert, alert_id)
        assert alert.subject.startswith("more than 102 overseas police stations in 53 countries")
        assert "2 more new figures" in alert.subject
        payload = json.loads(alert.payload)
        assert [f["count"] for f in payload["figures"]] == [102, 11, 48]
        assert [f["beats"] for f in payload["figures"]] == [54, None, 54]
        assert payload["figures"][1]["previous"] == "first figure for Italy"
        assert payload["story"]["title"] == "New report"
        assert payload["story"]["url"] == "https://news.example/report"
        assert payload["story"]["outlet"] == "news.example"
        assert payload["story"]["copies"] == 1
        assert payload["story"]["published"].startswith("2022-12-06T06:00")
        channels = sorted(d.channel for d in s.exec(select(Delivery).where(Delivery.alert_id == alert_id)))
        assert channels == ["email", "slack"]
        assert all(d.state == "pending" for d in s.exec(select(Delivery)))


def test_lower_total_in_the_same_story_is_a_restatement(tmp_path):
    engine = make_store(tmp_path)
    _, alert_id = add_article(engine, "https://a.example/1", [claim(54), claim(102)])
    with read_session(engine) as s:
        rows = {r.count: r for r in s.exec(select(Claim))}
        assert rows[102].is_new and not rows[54].is_new
        assert [f["count"] for f in json.loads(s.get(Alert, alert_id).payload)["figures"]] == [102]


def test_first_crawl_records_claims_as_new_but_raises_nothing(tmp_path):
    engine = make_store(tmp_path)
    _, alert_id = add_article(engine, "https://a.example/1", [claim(102)], pol=policy(alert=False))
    assert alert_id is None
    with read_session(engine) as s:
        assert s.exec(select(Claim)).one().is_new
        assert s.exec(select(Alert)).all() == [] and s.exec(select(Delivery)).all() == []
    # the baseline counts: the same figure later alerts nobody
    assert add_article(engine, "https://b.example/2", [claim(102)])[1] is None


def test_old_articles_are_recorded_never_alerted(tmp_path):
    engine = make_store(tmp_path)
    old = NOW - timedelta(days=31)
    _, alert_id = add_article(engine, "https://a.example/old", [claim(102)], published=old)
    assert alert_id is None
    fresh = NOW - timedelta(days=29)
    assert add_article(engine, "https://a.example/fresh", [claim(103)], published=fresh)[1] is not None
    with read_session(engine) as s:
        assert [c.is_new for c in s.exec(select(Claim).order_by(Claim.id))] == [True, True]


def test_no_channel_enabled_writes_one_log_delivery(tmp_path):
    engine = make_store(tmp_path)
    _, alert_id = add_article(engine, "https://a.example/1", [claim(102)], pol=policy(channels=()))
    with read_session(engine) as s:
        assert [d.channel for d in s.exec(select(Delivery))] == ["log"]
        assert s.exec(select(Delivery)).one().alert_id == alert_id


def test_invalid_claims_are_skipped(tmp_path):
    engine = make_store(tmp_path)
    bad = [{"count": "many"}, {"count": 0}, {"count": 5, "place": "Italy"}, {"count": 5, "qualifier": "lots"}]
    _, alert_id = add_article(engine, "https://a.example/1", [*bad, claim(7, place="it")])
    assert alert_id is not None
    with read_session(engine) as s:
        assert [(c.place, c.count) for c in s.exec(select(Claim))] == [("IT", 7)]


def test_long_evidence_is_cut_in_the_payload_but_stored_whole(tmp_path):
    engine = make_store(tmp_path)
    evidence = "word " * 5000
    _, alert_id = add_article(engine, "https://a.example/1", [claim(102, evidence=evidence)])
    with read_session(engine) as s:
        assert s.exec(select(Claim)).one().evidence == evidence
        stored = json.loads(s.get(Alert, alert_id).payload)["figures"][0]["evidence"]
        assert len(stored) <= 2000 and stored.endswith("…")
