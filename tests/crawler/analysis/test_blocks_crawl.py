"""Blocks stay blocks, end to end: a headline without a final stop is read on its own.

A Korean article served over loopback in EUC-KR: its headline ends "…국내 거점 1곳 지목"
(one base named in the country, no full stop), a byline follows, and the first paragraph
gives the worldwide figure. Read as one run of text, the headline's "국내" (in the country)
and its "1곳" bleed into the worldwide figure. Crawled for real, the store must hold
exactly the two figures the article gives: 1 in South Korea and more than 102 worldwide,
each with the block it was read from as evidence.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.config import MakeConfig
from tests.support.pages import rss
from tests.support.web import LoopbackWeb, Resource

pytestmark = pytest.mark.slow

HEADLINE = '"中 해외 비밀경찰서"…국내 거점 1곳 지목'
BYLINE = "예시일보 김민지 기자 입력 2022.12.06 09:00"
FIRST = ("스페인 인권단체 세이프가드 디펜더스는 중국 공안이 전 세계 53개국에서 102곳이 넘는 "
         "해외 비밀경찰서를 운영하고 있다는 보고서를 냈다.")
SECOND = "보고서는 서울 송파구의 한 중식당을 그중 하나로 지목했고, 정부는 사실관계 확인에 나섰다."


def _korean_page() -> bytes:
    html = f"""<!doctype html><html lang="ko"><head><meta charset="euc-kr">
<title>{HEADLINE} : 사회 : 예시일보</title></head>
<body><header><nav><a href="/">홈</a> <a href="/society">사회</a>
<a href="/top">많이 본 뉴스 10</a></nav></header>
<main><article><h1>{HEADLINE}</h1>
<p class="byline">{BYLINE}</p>
<p>{FIRST}</p>
<p>{SECOND}</p>
</article></main><footer><p>댓글 12</p></footer></body></html>"""
    return html.encode("euc-kr")


def _claims(db: Path) -> list[tuple[int, str | None, int, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count, place, added, evidence FROM claim").fetchall()
    return sorted(rows, key=lambda r: r[0])


def test_headline_and_paragraph_are_read_apart(web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path) -> None:
    web.add("/society/1", Resource(_korean_page(), content_type="text/html; charset=euc-kr"))
    feed = web.add("/rss.xml", Resource(
        rss("예시일보", [{"title": HEADLINE, "link": web.url("/society/1"), "id": "k-1"}]),
        content_type="application/rss+xml"))
    cfg = make_config(f'[[sources]]\nname = "ko-news"\nkind = "feed"\nurl = "{feed}"\n')

    out = run_cli("crawl", config=cfg)
    assert out.returncode == 0, out.stderr

    claims = _claims(tmp_path / "store.db")
    assert [(c, p, bool(a)) for c, p, a, _ in claims] == [(1, "KR", False), (102, None, False)]
    one, worldwide = claims
    assert one[3] == HEADLINE
    assert worldwide[3] == FIRST


def test_feed_entry_paragraphs_stay_apart(web: LoopbackWeb, make_config: MakeConfig, tmp_path: Path) -> None:
    """A feed read without following its links: the entry's HTML paragraphs are blocks too."""
    content = f"<p>{BYLINE}</p><p>{FIRST}</p><p>{SECOND}</p>"
    feed = web.add("/rss.xml", Resource(
        rss("예시일보", [{"title": HEADLINE, "link": web.url("/society/2"), "id": "k-2",
                       "summary": content}]),
        content_type="application/rss+xml"))
    cfg = make_config(
        f'[[sources]]\nname = "ko-feed"\nkind = "feed"\nurl = "{feed}"\nfollow_links = false\n')

    out = run_cli("crawl", config=cfg)
    assert out.returncode == 0, out.stderr

    claims = _claims(tmp_path / "store.db")
    assert [(c, p, bool(a)) for c, p, a, _ in claims] == [(1, "KR", False), (102, None, False)]
    assert claims[1][3] == FIRST
