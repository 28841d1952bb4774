"""The peer: rss2email (``r2e``) on the same feeds, mailing a local aiosmtpd sink.

rss2email is not a dependency of stationwatch: ``ensure_r2e`` installs it
with pip on demand (``pip install rss2email``) when ``r2e`` is not beside the
running interpreter. Its feeds are written straight into its config file
(one ``r2e add`` per feed would time process start-up, not the peer).
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.measure import Measured, child_env, display, run_measured

log = logging.getLogger(__name__)


class Sink:
    """Counts what arrives over SMTP: messages and bytes."""

    def __init__(self) -> None:
        self.messages = 0
        self.bytes = 0
        self.envelopes: list[Any] = []
        self.keep = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        self.messages += 1
        self.bytes += len(envelope.content or b"")
        if self.keep:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    sink: Sink = field(default_factory=Sink)
    port: int = 0
    controller: Any = None

    def __enter__(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.controller is not None:
            self.controller.stop()


def r2e_command() -> list[str] | None:
    exe = Path(sys.executable).with_name("r2e")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("r2e")
    return [found] if found else None


class PeerMissing(Exception):
    """rss2email is not installed and installing it was not allowed."""


def ensure_r2e(*, install: bool = True) -> list[str]:
    """The ``r2e`` command, installing rss2email with pip into this environment if missing."""
    cmd = r2e_command()
    if cmd is None and not install:
        raise PeerMissing("rss2email is not installed (pip install rss2email, or the [test] extra)")
    if cmd is None:
        log.info("rss2email not found: pip install rss2email")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "rss2email"], check=True, timeout=300)
        cmd = r2e_command()
    if cmd is None:
        raise RuntimeError("rss2email installed but r2e not found")
    return cmd


def write_config(path: Path, feed_urls: list[str], smtp_port: int) -> None:
    lines = [
        "[DEFAULT]",
        "to = desk@example.org",
        "from = r2e@example.org",
        "email-protocol = smtp",
        f"smtp-server = 127.0.0.1:{smtp_port}",
        f"smtp-port = {smtp_port}",
        "smtp-auth = False",
        "smtp-ssl = False",
        "verbose = warning",
        "feed-timeout = 30",
        "",
    ]
    for i, url in enumerate(feed_urls):
        lines += [f"[feed.f{i}]", f"url = {url}", ""]
    path.write_text("\n".join(lines))


@dataclass
class PeerRun:
    label: str
    measured: Measured
    messages: int
    command: str


class Peer:
    """One rss2email home (config + data file) in ``workdir``."""

    def __init__(self, workdir: Path, sink: SmtpSink, *, install: bool = True) -> None:
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cfg = self.dir / "r2e.cfg"
        self.data = self.dir / "r2e.json"
        self.sink = sink
        self.cmd = ensure_r2e(install=install)

    def set_feeds(self, feed_urls: list[str]) -> None:
        write_config(self.cfg, feed_urls, self.sink.port)

    def run(self, label: str, *, send: bool = True) -> PeerRun:
        before = self.sink.sink.messages
        cmd = [*self.cmd, "-c", str(self.cfg), "-d", str(self.data), "run"]
        if not send:
            cmd.append("--no-send")
        env = child_env({"HOME": str(self.dir), "XDG_CONFIG_HOME": str(self.dir), "XDG_DATA_HOME": str(self.dir)})
        m = run_measured(cmd, env=env, cwd=self.dir, timeout=900)
        if m.returncode != 0:
            log.warning("r2e %s exited %d: %s", label, m.returncode, m.tail())
        return PeerRun(label, m, self.sink.sink.messages - before, display(cmd))
