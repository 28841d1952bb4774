"""One clear line for a failed download, fit for a source's ``last_error``.

Spider errbacks get a Twisted ``Failure`` wrapping whatever went wrong in the
downloader; ``describe_failure`` turns the usual ones into a short sentence
(without secrets, clipped to the error field's length).
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as txerror

from crawler.safety.limits import MAX_ERROR_CHARS, clip
from crawler.safety.redact import redact

_Errors = tuple[type[BaseException], ...]

try:  # a newer Scrapy wraps Twisted's errors in its own
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadCancelledError,
        DownloadConnectionRefusedError,
        DownloadFailedError,
        DownloadTimeoutError,
        ResponseDataLossError,
    )

    _TIMED_OUT: _Errors = (DownloadTimeoutError, txerror.TimeoutError)
    _CANCELLED: _Errors = (DownloadCancelledError,)
    _NO_HOST: _Errors = (CannotResolveHostError, txerror.DNSLookupError)
    _REFUSED: _Errors = (DownloadConnectionRefusedError, txerror.ConnectionRefusedError)
    _DATA_LOST: _Errors = (ResponseDataLossError,)
    _FAILED: _Errors = (DownloadFailedError, txerror.ConnectionLost, txerror.ConnectionDone)
except ImportError:  # pragma: no cover
    _TIMED_OUT = (txerror.TimeoutError,)
    _CANCELLED = (OSError,)
    _NO_HOST = (txerror.DNSLookupError,)
    _REFUSED = (OSError, txerror.ConnectionRefusedError)
    _DATA_LOST = (txerror.TimeoutError,)
    _FAILED = (OSError, txerror.ConnectionLost, txerror.ConnectionDone)


def describe_exception(exc: BaseException, *, timeout: float | None = None,
                       max_bytes: int | None = None) -> str:
    """A short sentence for ``exc`` (see the module docstring)."""
    text = str(exc).strip()
    if isinstance(exc, HttpError):
        response = getattr(exc, "response", None)
        status = getattr(response, "status", "?")
        return f"HTTP {status}"
    if isinstance(exc, IgnoreRequest):  # RefusedRequest, decompression cap, robots.txt, ...
        if "during decompression" in text:
            cap = f" of {max_bytes} bytes" if max_bytes else ""
            return f"response too large after decompression (over the cap{cap})"
        return text or "request ignored"
    if isinstance(exc, _TIMED_OUT):
        limit = f" of {timeout:g}s" if timeout else ""
        return f"timed out: no complete response within the deadline{limit}"
    if isinstance(exc, _CANCELLED):
        if "max size" in text or not text:
            cap = f" ({max_bytes} bytes)" if max_bytes else ""
            return f"response too large: download cancelled at the size cap{cap}"
        return f"download cancelled: {text}"
    if isinstance(exc, _NO_HOST):
        while text.lower().startswith("dns lookup failed:"):
            text = text[len("dns lookup failed:"):].strip()
        return f"DNS lookup failed: {text}" if text else "DNS lookup failed"
    if isinstance(exc, _REFUSED):
        return "connection refused"
    if isinstance(exc, _DATA_LOST):
        return "connection closed before the whole response arrived"
    if isinstance(exc, _FAILED):
        return f"download failed: {text or type(exc).__name__}"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def describe_failure(failure: Any, *, timeout: float | None = None,
                     max_bytes: int | None = None, secrets: list[str] | None = None) -> str:
    """``describe_exception`` for a Twisted ``Failure`` (or an exception)."""
    exc = getattr(failure, "value", failure)
    if not isinstance(exc, BaseException):
        return clip(redact(str(exc), secrets or ()), MAX_ERROR_CHARS) or ""
    text = describe_exception(exc, timeout=timeout, max_bytes=max_bytes)
    return clip(redact(text, secrets or ()), MAX_ERROR_CHARS) or ""
