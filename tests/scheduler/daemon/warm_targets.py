"""Stand-ins for the crawl, run by WarmPool in a forked child (module level, so picklable).

Each is called as ``target(cfg, names, alerts, out_path, log_path)`` and behaves as
its first source name says: ``env`` writes what the child sees (environment, session,
whether Scrapy was already imported before the call); ``sleep`` never ends; ``crash``
raises; ``ok`` writes a one-source summary.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from scheduler.child import die_with_parent


def target(cfg: Any, names: list[str], alerts: str, out_path: str, log_path: str) -> None:
    warm = bool(getattr(sys.modules.get("scheduler.warmup"), "READY", False)) and "trafilatura" in sys.modules
    os.setsid()
    die_with_parent()
    mode = names[0]
    if mode == "sleep":
        time.sleep(600)
    if mode == "crash":
        with open(log_path, "w") as log:
            log.write("Traceback: something broke\nRuntimeError: boom\n")
        raise SystemExit(3)
    entry: dict[str, Any] = {"fetched": 1, "new": 0, "result": "ok", "error": None}
    if mode == "env":
        entry.update(env=sorted(os.environ), sid=os.getsid(0), pid=os.getpid(), warm=warm,
                     password=cfg.app.alerts.email.password, alerts=alerts)
    with open(out_path, "w") as out:
        json.dump({"sources": {mode: entry}}, out)
