"""Keep secrets out of logs, errors and anything shown to users.

``redact(text, secrets)`` masks the given secrets (and their URL-encoded
forms) plus credentials embedded in URLs (``scheme://user:pass@host``) and
Slack webhook tokens. ``install_redaction(secrets)`` applies it to every log
record made from then on, whatever handler later writes it (Scrapy installs
its own root handler in the crawl process, so a handler filter would miss it):
it wraps the log record factory and formats the message and any exception
text eagerly, masked.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from urllib.parse import quote, quote_plus

MASK = "***"
MIN_SECRET_LENGTH = 4  # shorter values would mask ordinary words

_URL_CREDENTIALS = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s:@]*:[^/\s@]*@")
# "user:password@host" left without its scheme (e.g. in Twisted's "invalid hostname" error)
_BARE_CREDENTIALS = re.compile(r"(?<![\w/:@])[^\s/:@'\"<>]+:[^\s/@'\"<>]+@(?=[\w\[])")
_SLACK_HOOK = re.compile(r"(hooks\.slack(?:-gov)?\.com/(?:services|workflows|triggers)/)[^\s\"'<>]+")


def _forms(secrets: Iterable[str]) -> list[str]:
    forms: set[str] = set()
    for secret in secrets:
        if not secret or len(secret) < MIN_SECRET_LENGTH:
            continue
        forms.update({secret, quote(secret, safe=""), quote_plus(secret)})
    # longest first, so a secret containing another is masked whole
    return sorted(forms, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with secrets, URL credentials and webhook tokens masked."""
    for form in _forms(secrets):
        text = text.replace(form, MASK)
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{MASK}@", text)
    text = _BARE_CREDENTIALS.sub(f"{MASK}@", text)
    return _SLACK_HOOK.sub(lambda m: m.group(1) + MASK, text)


class _Redactor:
    """A log record factory wrapper that masks every record it makes."""

    def __init__(self, secrets: list[str], inner: Callable[..., logging.LogRecord]) -> None:
        self.secrets = _forms(secrets)
        self.inner = inner

    def __call__(self, *args: object, **kwargs: object) -> logging.LogRecord:
        record = self.inner(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError) as exc:  # a bad format string: keep the raw text
            message = f"{record.msg!r} (unformattable: {exc})"
        record.msg = redact(message, self.secrets)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = redact(text, self.secrets)
        return record


def install_redaction(secrets: list[str]) -> None:
    """Mask ``secrets`` in every log record made from now on (idempotent)."""
    current = logging.getLogRecordFactory()
    if isinstance(current, _Redactor):
        current.secrets = _forms([*current.secrets, *secrets])
        return
    logging.setLogRecordFactory(_Redactor(list(secrets), current))


def uninstall_redaction() -> None:
    """Undo ``install_redaction`` (for tests)."""
    current = logging.getLogRecordFactory()
    if isinstance(current, _Redactor):
        logging.setLogRecordFactory(current.inner)
