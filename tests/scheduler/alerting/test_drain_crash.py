"""A drain process killed mid-send: after a restart only the unrecorded message goes out twice."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from scheduler.alerting.config import AlertsConfig, SlackConfig
from scheduler.alerting.drain import drain
from storage.engine import read_session
from storage.models import Delivery
from tests.support.cli import ROOT
from tests.support.receiver import reply
from tests.support.store import make_store
from tests.support.stories import add_article, claim, policy

CHILD = """
import logging, sys
from scheduler.alerting.config import AlertsConfig, SlackConfig
from scheduler.alerting.drain import drain
from storage.engine import make_engine
logging.basicConfig(level=logging.INFO)
cfg = AlertsConfig(slack=SlackConfig(enabled=True, webhook_url=sys.argv[2], timeout="30s"))
drain(make_engine(sys.argv[1]), cfg)
"""


def alert_ids(requests):
    ids = []
    for req in requests:
        context = req["body"]["blocks"][-1]["elements"][0]["text"]
        ids.append(int(re.search(r"alert #(\d+)", context).group(1)))
    return ids


@pytest.mark.slow
def test_killed_mid_drain_resends_only_the_unrecorded_message(tmp_path, webhook):
    engine = make_store(tmp_path)
    pol = policy(channels=("slack",))
    alerts = [add_article(engine, f"https://news{n}.example/a", [claim(n)], pol=pol)[1] for n in (54, 102, 110)]
    assert None not in alerts

    release = threading.Event()
    webhook.script.extend([reply(200), reply(200, hold=release)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, f"sqlite:///{tmp_path / 'store.db'}", webhook.url],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        assert webhook.wait_for(2, timeout=30), child.stderr.read().decode() if child.poll() is not None else ""
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        release.set()
        if child.poll() is None:
            child.kill()
        child.stderr.close()

    with read_session(engine) as s:
        states = {d.alert_id: d.state for d in s.exec(select(Delivery))}
    assert states == {alerts[0]: "sent", alerts[1]: "pending", alerts[2]: "pending"}

    cfg = AlertsConfig(slack=SlackConfig(enabled=True, webhook_url=webhook.url))
    soon = drain(engine, cfg, now=datetime.now(UTC), sleep=lambda s: None)
    assert soon.sent == 1  # the third; the second is still leased by the dead process
    later = drain(engine, cfg, now=datetime.now(UTC) + timedelta(hours=1), sleep=lambda s: None)
    assert later.sent == 1

    sent = Counter(alert_ids(webhook.requests))
    assert sent == {alerts[0]: 1, alerts[1]: 2, alerts[2]: 1}
    with read_session(engine) as s:
        assert {d.state for d in s.exec(select(Delivery))} == {"sent"}
    assert drain(engine, cfg, now=datetime.now(UTC) + timedelta(days=1), sleep=lambda s: None).sent == 0
