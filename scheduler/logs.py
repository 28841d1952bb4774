"""Logging to stderr for every entry point."""

from __future__ import annotations

import logging
import sys
from typing import Any

QUIET = (
    "scrapy",
    "twisted",
    "py.warnings",
    "alembic",
    "trafilatura",
    "htmldate",
    "courlan",
    "filelock",
    "urllib3",
    "apscheduler.executors",
)


def setup_logging(level: int = logging.INFO, *, debug: bool = False) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else level)
    logging.captureWarnings(True)
    quiet_libraries(debug=debug)


def redact_secrets(app: Any) -> None:
    """Mask the config's secrets (SMTP password, webhook URLs and secret, Apprise URLs, the
    dashboard's token) in every log line."""
    from crawler.safety.redact import install_redaction

    alerts = app.alerts
    secrets = [alerts.email.password, alerts.slack.webhook_url, alerts.webhook.url,
               alerts.webhook.secret, app.web.token, *(a.url for a in alerts.apprise)]
    install_redaction([s for s in secrets if s])


def quiet_libraries(*, debug: bool = False) -> None:
    """Libraries log at WARNING unless --debug (Scrapy resets levels when it starts)."""
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.INFO if debug else logging.WARNING)
    # "gave up retrying" is said again by the source's own failure line
    logging.getLogger("scrapy.downloadermiddlewares.retry").setLevel(
        logging.INFO if debug else logging.CRITICAL
    )
