"""Fault suite, items 3 and 4: hostile XML, non-feeds and wrong encodings.

One cycle: the good source, feeds that must fail (DTDs, entity bombs,
feedparser crashers, HTML and captcha pages), and feeds in legacy encodings
labelled in the ways servers really label them, which must be read right.
The encoding feeds are stored from the feed entries (``follow_links =
false``), so the stored title shows how the bytes were decoded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import crawl, status
from tests.support.config import Source
from tests.support.faults import MARKER, assert_fault, fault_config, serve_good_source
from tests.support.store import alert_count, query, stored_urls
from tests.support.web import RSS, LoopbackWeb

pytestmark = pytest.mark.slow  # subprocesses, real crawls


def _rss(title: str, link: str, *, decl: str = '<?xml version="1.0" encoding="utf-8"?>',
         doctype: str = "", summary: str = "") -> str:
    return (f'{decl}{doctype}<rss version="2.0"><channel><title>Desk</title><item><title>{title}</title>'
            f"<link>{link}</link><guid>{link}</guid><description>{summary}</description></item></channel></rss>")


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;'
          '&lol2;&lol2;&lol2;&lol2;">]>')
CAPTCHA = ("<!doctype html><html><head><title>Attention Required</title></head><body>"
           "<h1>Please verify you are human</h1><div class='g-recaptcha'>captcha</div></body></html>")
LOGIN = "<html><head><title>Subscribe to read</title></head><body><form>login</form></body></html>"

# name → (title as sent, codec, Content-Type, XML declaration)
ENCODED = {
    "euc-kr-header": ("중국 비밀경찰서 의혹 똠방", "cp949", "application/rss+xml; charset=euc-kr",
                      '<?xml version="1.0"?>'),
    "euc-kr-declared": ("서울 비밀경찰서 수사", "cp949", "application/rss+xml",
                        '<?xml version="1.0" encoding="EUC-KR"?>'),
    "gb2312-labelled": ("海外警察站 调查 𠀀", "gb18030", "text/xml; charset=gb2312",
                        '<?xml version="1.0" encoding="gb2312"?>'),
    "gbk-labelled": ("海外警务服务站 曝光", "gb18030", "text/xml", '<?xml version="1.0" encoding="GBK"?>'),
    "shift-jis-labelled": ("中国の海外警察拠点 ①", "cp932", "application/xml; charset=Shift_JIS",
                           '<?xml version="1.0" encoding="shift_jis"?>'),
    "latin1-header-utf8-body": ("海外警察站 – Polizeistationen", "utf-8", "text/xml; charset=ISO-8859-1",
                                '<?xml version="1.0" encoding="utf-8"?>'),
}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LoopbackWeb, Path, Path, dict]]:
    tmp = tmp_path_factory.mktemp("xml")
    with LoopbackWeb() as server:
        good = serve_good_source(server)
        page = server.url("/leak/page")
        server.put("/evil.dtd", '<!ENTITY leak "leaked">', "application/xml-dtd")
        bodies = {
            "billion-laughs": _rss("&lol3;", page, doctype=LAUGHS),
            "external-dtd": _rss("x", page, doctype=f'<!DOCTYPE rss SYSTEM "{server.url("/evil.dtd")}">'),
            "external-entity": _rss("&xxe;", page,
                                    doctype='<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>'),
            "char-ref-crasher": _rss(f"Leak &#1114112; {MARKER}", page),
            "surrogate-crasher": _rss(f"Leak &#xD800; {MARKER}", page),
        }
        sources = [Source("good", good)]
        for name, body in bodies.items():
            sources.append(Source(name, server.put(f"/{name}.xml", body, RSS)))
        sources.append(Source("captcha-page", server.put("/captcha.xml", CAPTCHA, "text/html")))
        sources.append(Source("html-page", server.put("/login.xml", LOGIN)))
        for name, (title, codec, ctype, decl) in ENCODED.items():
            link = server.url(f"/story/{name}")
            body = _rss(title, link, decl=decl, summary=f"{title}: police station report").encode(codec)
            sources.append(Source(name, server.put(f"/{name}.xml", body, ctype), follow_links=False))
        bad = _rss("경찰서 앞 ", server.url("/story/bad-bytes"), decl='<?xml version="1.0" encoding="euc-kr"?>',
                   summary="경찰서").encode("cp949").replace("앞 ".encode("cp949"), "앞 ".encode("cp949") + b"\xff")
        sources.append(Source("invalid-bytes", server.put("/bad-bytes.xml", bad, RSS), follow_links=False))
        cfg = fault_config(tmp / "config.toml", sources)
        crawl(cfg)
        yield server, cfg, tmp / "store.db", status(cfg)


FAILURES = {
    "billion-laughs": "unsafe XML: document declares a DOCTYPE with 4 more declarations",
    "external-dtd": "unsafe XML: document declares a DOCTYPE",
    "external-entity": "unsafe XML: document declares a DOCTYPE",
    "char-ref-crasher": "feed could not be parsed: ValueError",
    "surrogate-crasher": "feed could not be parsed: UnicodeEncodeError",
    "captcha-page": "not a feed: got a captcha or bot-check page titled 'Attention Required'",
    "html-page": "not a feed: got an HTML page titled 'Subscribe to read'",
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_bad_xml_or_non_feed_fails_alone(parsed, name: str) -> None:
    server, cfg, db, states = parsed
    assert_fault(cfg, db, server, hostile=name, error=FAILURES[name], states=states)


def test_no_dtd_or_entity_was_ever_fetched(parsed) -> None:
    server, *_ = parsed
    assert "/evil.dtd" not in server.hits and "/leak/page" not in server.hits


@pytest.mark.parametrize("name", list(ENCODED))
def test_labelled_encodings_are_read_right(parsed, name: str) -> None:
    server, _, db, states = parsed
    assert states[name]["last_result"] == "ok", states[name]
    titles = [r[0] for r in query(db, "SELECT title FROM article WHERE source = ?", name)]
    assert titles == [ENCODED[name][0]]
    assert stored_urls(db, "good") and alert_count(db) == 0


def test_invalid_bytes_replace_only_themselves(parsed) -> None:
    _, _, db, states = parsed
    assert states["invalid-bytes"]["last_result"] == "ok"
    titles = [r[0] for r in query(db, "SELECT title FROM article WHERE source = 'invalid-bytes'")]
    assert titles == ["경찰서 앞 \ufffd"]
    assert alert_count(db) == 0
