import codecs

import feedparser
import pytest

from crawler.safety.xmlguard import UnsafeXML, check_xml, dtd_reason

RSS = b'<rss version="2.0"><channel><title>t</title></channel></rss>'
ONE_LINE_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;'
    b'&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'
    b'&lol1;&lol1;&lol1;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>'
)


def test_one_line_billion_laughs_slips_past_feedparser_filter() -> None:
    # the reason this guard exists: feedparser only strips ENTITY lines that start a line
    from feedparser.sanitizer import replace_doctype

    _, data, _ = replace_doctype(ONE_LINE_LAUGHS)
    assert b"<!ENTITY lol1" in data
    assert dtd_reason(ONE_LINE_LAUGHS) is not None


@pytest.mark.parametrize(
    "doc",
    [
        ONE_LINE_LAUGHS,
        b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1/evil.dtd">\n' + RSS,
        b'<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>' + RSS,
        b"<!-- hi --><?pi x?>\n  <!doctype rss>" + RSS,
        b"\xef\xbb\xbf<!DOCTYPE rss>" + RSS,
        b"<!ENTITY a 'b'>" + RSS,
        b"<!ELEMENT rss ANY>" + RSS,
        b"<! DOCTYPE rss>" + RSS,
        codecs.BOM_UTF16_LE + '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss/>'.encode("utf-16-le"),
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><rss/>'.encode("utf-16-be"),
        '<!DOCTYPE x><rss/>'.encode("utf-32-le"),
        b"<?xml version='1.0'",  # unterminated declaration
        b"<!-- never closed",
    ],
)
def test_dtds_and_entities_are_refused(doc: bytes) -> None:
    with pytest.raises(UnsafeXML) as info:
        check_xml(doc)
    assert info.value.reason


@pytest.mark.parametrize(
    "doc",
    [
        RSS,
        b'<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment --><?xml-stylesheet href="s.xsl"?>\n' + RSS,
        # a post about XXE, quoting a DTD inside CDATA, is content, not a declaration
        b"<rss><channel><item><description><![CDATA[<!DOCTYPE x [<!ENTITY a 'b'>]>]]></description></item></channel></rss>",
        '<?xml version="1.0" encoding="UTF-16"?><rss/>'.encode("utf-16"),
        b"",
        b"not xml at all",
    ],
)
def test_clean_prologs_pass(doc: bytes) -> None:
    assert dtd_reason(doc) is None


def test_reason_says_what_was_declared() -> None:
    reason = dtd_reason(ONE_LINE_LAUGHS)
    assert reason is not None and "DOCTYPE" in reason and "3 more declarations" in reason


def test_feedparser_alone_would_expand_entities() -> None:
    # shows that refusing up front matters: feedparser keeps the safe entity
    doc = b'<!DOCTYPE rss [\n<!ENTITY who "expanded">\n]>\n<rss version="2.0"><channel><title>&who;</title></channel></rss>'
    assert feedparser.parse(doc).feed.get("title") == "expanded"
    assert dtd_reason(doc) is not None
