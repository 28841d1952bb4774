"""The crawl's hand-off to the evidence archive: what is written, what is not, and a
full disk that costs the pointer but never the article."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.evidence import EvidenceCaptureMiddleware, EvidencePipeline
from crawler.items import ArticleItem
from storage.evidence.warc import read_response

PAGE = b"<html><body><p>More than 102 overseas police stations in 53 countries.</p></body></html>"


def _crawler(folder: Path) -> Crawler:
    return get_crawler(settings_dict={"STATIONWATCH_EVIDENCE_DIR": str(folder)})


def _items(crawler: Crawler, n: int = 2) -> list[ArticleItem]:
    request = Request("https://news.example/report", headers={"User-Agent": "stationwatch/0.1"})
    response = HtmlResponse("https://news.example/report", body=PAGE, request=request,
                            headers={"Content-Type": "text/html"})
    capture = EvidenceCaptureMiddleware(crawler)
    now = datetime.now(UTC)
    items = [ArticleItem(source="news", url=response.url, fetched_at=now) for _ in range(n)]
    return list(capture.process_spider_output(response, items))


def test_only_on_topic_articles_with_claims_are_archived_and_once_per_response(tmp_path: Path) -> None:
    crawler = _crawler(tmp_path / "evidence")
    pipeline = EvidencePipeline.from_crawler(crawler)
    first, second = _items(crawler)
    assert first.exchange is second.exchange and first.exchange.body == PAGE  # one capture per response
    off_topic = _items(crawler, 1)[0]
    for item in (first, second):
        item.relevant, item.claims = True, [{"count": 102}]
    done = [pipeline.process_item(i) for i in (first, second, off_topic)]
    pipeline.close_spider()
    assert all(i.exchange is None for i in done)  # the body is let go either way
    assert off_topic.evidence is None
    assert first.evidence is not None and first.evidence == second.evidence
    back = read_response(tmp_path / "evidence" / first.evidence.warc_file, first.evidence.offset)
    assert back.body == PAGE and back.url == "https://news.example/report"
    assert crawler.stats.get_value("stationwatch/evidence/written") == 1


def test_an_unwritable_archive_keeps_the_article_without_a_pointer(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the evidence folder should be")
    crawler = _crawler(blocker / "evidence")
    pipeline = EvidencePipeline.from_crawler(crawler)
    items = _items(crawler, 1) + _items(crawler, 1)
    for item in items:
        item.relevant, item.claims = True, [{"count": 102}]
    out = [pipeline.process_item(i) for i in items]
    pipeline.close_spider()
    assert out == items and all(i.evidence is None for i in out)  # stored on, without evidence
    assert crawler.stats.get_value("stationwatch/evidence/not_written") == 2


def test_off_when_the_archive_is_off() -> None:
    crawler = get_crawler(settings_dict={})
    with pytest.raises(NotConfigured):
        EvidencePipeline.from_crawler(crawler)
    with pytest.raises(NotConfigured):
        EvidenceCaptureMiddleware(crawler)
