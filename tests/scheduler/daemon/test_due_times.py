"""Issue 12.13: a changed interval reschedules; and the schedule's batch writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from scheduler.backoff import backoff_delay, effective_due
from scheduler.plans import Due, LocalPlan
from storage.engine import make_engine, read_session, write_session
from storage.schedule import Outcome, quiet_sources, record_outcomes, source_rows, sync_sources
from storage.schema import ensure_schema

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_lowered_interval_brings_the_due_time_forward() -> None:
    stored = T0 + H  # fetched at T0 with an interval of 1h
    assert effective_due(stored, T0, timedelta(seconds=2), 0) == T0 + timedelta(seconds=2)


def test_raised_interval_keeps_the_stored_due_time() -> None:
    assert effective_due(T0 + H, T0, 24 * H, 0) == T0 + H


def test_back_off_still_counts_after_a_change() -> None:
    # 3 failures on a 10-minute interval: 40 minutes back-off; lowered to 5 minutes: 20 minutes
    stored = T0 + 4 * timedelta(minutes=10)
    assert effective_due(stored, T0, timedelta(minutes=5), 3) == T0 + timedelta(minutes=20)


def test_never_fetched_or_reset_is_due_now() -> None:
    assert effective_due(None, T0, H, 0) is None
    assert effective_due(None, None, H, 0) is None


def test_local_plan_takes_due_together_and_coalesces() -> None:
    now = [T0]
    plan = LocalPlan(lambda: now[0])
    every = {"a": H, "b": H, "c": H, "d": H, "e": timedelta(seconds=2)}
    plan.set_due({"a": (None, False), "b": (T0 + timedelta(milliseconds=500), False),
                  "c": (T0 + timedelta(seconds=30), False), "d": (T0 - H, True),
                  "e": (T0 + timedelta(milliseconds=500), False)}, every)
    taken = plan.take(10)
    # never fetched, most overdue, then within a second; not e: 0.5 s early is a quarter of its 2 s
    assert [d.name for d in taken] == ["a", "d", "b"]
    assert Due("d", True) in taken
    assert plan.take(10) == []  # taken until they report back
    plan.finish(["a", "b", "d"], {"a": (T0 + H, False), "b": (T0 + H, False)})
    assert plan.wait_seconds() == 0.0  # d kept its old (overdue) time
    assert [d.name for d in plan.take(10)] == ["d"]
    assert plan.wait_seconds() == 0.5


def test_local_plan_pulls_nothing_forward_when_nothing_is_due() -> None:
    plan = LocalPlan(lambda: T0)
    plan.set_due({"a": (T0 + timedelta(milliseconds=300), False)}, {"a": H})
    assert plan.take(10) == []  # due in 0.3 s: wait for it, not fetch it early
    assert plan.wait_seconds() == 0.3


def test_batch_write_backs_off_and_sets_baselines(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sw.db'}")
    ensure_schema(engine)
    every = timedelta(minutes=15)
    with write_session(engine) as s:
        sync_sources(s, [("a", "feed", "http://x/a"), ("b", "feed", "http://x/b")])
        assert quiet_sources(s, ["a", "b"]) == {"a", "b"}
        due = record_outcomes(s, [
            Outcome(name="a", kind="feed", url="http://x/a", result="ok", interval=every, new=2),
            Outcome(name="b", kind="feed", url="http://x/b", result="failed", interval=every, error="HTTP 503"),
        ], started=T0, backoff=backoff_delay, enabled=["a", "b"])
        assert due == {"a": T0 + every, "b": T0 + every}
        assert quiet_sources(s, ["a", "b"]) == {"b"}  # a's first crawl completed; b's has not
        due = record_outcomes(s, [
            Outcome(name="b", kind="feed", url="http://x/b", result="failed", interval=every, error="HTTP 503"),
        ], started=T0 + every, backoff=backoff_delay, enabled=["a", "b"])
        assert due == {"b": T0 + 3 * every}  # two failures in a row: twice the interval
    with read_session(engine) as s:
        rows = source_rows(s)
        assert rows["a"].last_new == 2 and rows["a"].baseline_at == T0
        assert rows["b"].consecutive_failures == 2 and rows["b"].failing_since == T0
        assert rows["b"].last_error == "HTTP 503" and rows["b"].baseline_at is None


def test_batches_split_over_cpus_and_failing_sources_apart() -> None:
    from scheduler.dispatch import split_batches

    healthy = [Due(f"h{i:03d}", False) for i in range(120)]
    assert split_batches(healthy[:10], free=3, cpus=2) == [[d.name for d in healthy[:10]]]  # few: one child
    two = split_batches(healthy, free=3, cpus=2)
    assert [len(g) for g in two] == [60, 60]  # many: one child per CPU
    mixed = split_batches([*healthy[:10], Due("bad", True)], free=3, cpus=2)
    assert mixed == [[d.name for d in healthy[:10]], ["bad"]]
    assert split_batches([*healthy[:10], Due("bad", True)], free=1, cpus=2) == [
        [*(d.name for d in healthy[:10]), "bad"]]  # one slot: together rather than waiting
