"""Scrapy log lines that name an article by its URL instead of dumping the whole item."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


def _label(item: Any) -> str:
    return f"{getattr(item, 'source', '?')}: {getattr(item, 'url', type(item).__name__)}"


class QuietLogFormatter(logformatter.LogFormatter):
    def scraped(self, item: Any, response: Response | Failure | None, spider: Any) -> Any:
        return {"level": logging.DEBUG, "msg": "stored %(item)s", "args": {"item": _label(item)}}

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        return {
            "level": logging.INFO,
            "msg": "dropped %(item)s: %(exception)s",
            "args": {"item": _label(item), "exception": exception},
        }

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        return {
            "level": logging.ERROR,
            "msg": "error processing %(item)s",
            "args": {"item": _label(item)},
        }
