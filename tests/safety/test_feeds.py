import pytest

from crawler.safety.feeds import FeedRejected, parse_feed

URL = "http://feeds.example.org/rss"


def rss(items: str, *, decl: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return f'{decl}<rss version="2.0"><channel><title>News</title>{items}</channel></rss>'


def item(i: int, title: str = "Story") -> str:
    return f"<item><title>{title} {i}</title><link>http://example.org/{i}</link><guid>g{i}</guid></item>"


def test_a_good_feed_parses() -> None:
    result = parse_feed(rss(item(1) + item(2)).encode(), url=URL)
    assert [e.title for e in result.entries] == ["Story 1", "Story 2"]


@pytest.mark.parametrize("char_ref", ["&#1114112;", "&#x110000;", "&#xD800;", "&#55296;"])
def test_feedparser_crashers_become_a_rejection(char_ref: str) -> None:
    body = rss(item(1, f"bad {char_ref} ref")).encode()
    with pytest.raises(FeedRejected) as info:
        parse_feed(body, url=URL)
    assert "could not be parsed" in info.value.reason


def test_billion_laughs_rejected_before_parsing() -> None:
    body = b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + rss(item(1), decl="").encode()
    with pytest.raises(FeedRejected, match="unsafe XML: document declares a DOCTYPE"):
        parse_feed(body, url=URL)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<!doctype html><html><head><title>Just a moment...</title></head><body>"
         b"<div id='challenge-platform'>Verify you are human</div></body></html>", "captcha"),
        (b"<html><head><title>Sign in</title></head><body>login</body></html>", "HTML page titled 'Sign in'"),
        (b"plain text, no markup", "not a feed"),
        (b"   ", "empty"),
    ],
)
def test_html_or_captcha_where_a_feed_was_expected_is_a_failure(body: bytes, words: str) -> None:
    with pytest.raises(FeedRejected) as info:
        parse_feed(body, url=URL, headers={"Content-Type": "text/html"})
    assert words in info.value.reason


def test_an_empty_but_valid_feed_is_not_a_failure() -> None:
    assert parse_feed(rss("").encode(), url=URL).entries == []


def test_every_entry_is_returned_for_the_spider_to_cap() -> None:
    body = rss("".join(item(i) for i in range(30))).encode()
    assert len(parse_feed(body, url=URL).entries) == 30


@pytest.mark.parametrize(
    ("codec", "header", "decl"),
    [
        ("cp949", "application/rss+xml; charset=euc-kr", ""),
        ("cp949", None, '<?xml version="1.0" encoding="EUC-KR"?>'),
        ("gb18030", "text/xml; charset=gb2312", '<?xml version="1.0" encoding="gb2312"?>'),
        ("gb18030", "text/xml; charset=GBK", ""),
        ("cp932", None, '<?xml version="1.0" encoding="shift_jis"?>'),
        ("cp932", "application/xml; charset=Shift_JIS", '<?xml version="1.0" encoding="x-sjis"?>'),
        ("utf-8", "text/xml; charset=iso-8859-1", '<?xml version="1.0" encoding="utf-8"?>'),
    ],
)
def test_labelled_legacy_encodings_read_right(codec: str, header: str | None, decl: str) -> None:
    title = {"cp949": "중국 비밀경찰서 똠", "gb18030": "海外警察站 𠀀", "cp932": "海外警察拠点 ①",
             "utf-8": "海外警察站"}[codec]
    body = rss(item(1, title), decl=decl).encode(codec)
    headers = {"Content-Type": header} if header else {}
    result = parse_feed(body, url=URL, headers=headers)
    assert result.entries[0].title == f"{title} 1"
