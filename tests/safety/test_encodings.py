import codecs
import logging

import pytest

from crawler.safety.encodings import canonical, decode, xml_as_utf8

KO = "해외 비밀경찰서 102곳"
ZH = "海外警察站 102个"
JA = "海外警察拠点 ２カ所"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("euc-kr", "cp949"),
        ("EUC-KR", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("shift_jis", "cp932"),
        ("Shift-JIS", "cp932"),
        ("x-sjis", "cp932"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("utf8", "utf-8"),
        ("utf-7", None),
        ("no-such-charset", None),
    ],
)
def test_labels_map_the_whatwg_way(label: str, codec: str | None) -> None:
    assert canonical(label) == codec


def test_euc_kr_label_decodes_cp949_only_bytes() -> None:
    # 똠 exists only in cp949 (the superset servers really send as "euc-kr")
    body = f"<p>{KO} 똠</p>".encode("cp949")
    text, choice = decode(body, "text/html; charset=euc-kr")
    assert KO in text and "똠" in text and choice.encoding == "cp949"


def test_gb2312_label_decodes_gb18030_text() -> None:
    body = f"<p>{ZH} 𠀀</p>".encode("gb18030")
    text, _ = decode(body, "text/html; charset=gb2312")
    assert ZH in text and "𠀀" in text


def test_shift_jis_label_decodes_cp932_extensions() -> None:
    body = f"<p>{JA} ①</p>".encode("cp932")
    text, choice = decode(body, "text/html; charset=Shift_JIS")
    assert JA in text and "①" in text and choice.encoding == "cp932"


def test_bom_wins_over_labels() -> None:
    body = codecs.BOM_UTF8 + f'<?xml version="1.0" encoding="iso-8859-1"?><t>{KO}</t>'.encode()
    text, choice = decode(body, "application/xml; charset=euc-kr")
    assert choice.source == "bom" and KO in text and not text.startswith("\ufeff")


def test_default_latin1_header_loses_to_declared_utf8_that_decodes(caplog: pytest.LogCaptureFixture) -> None:
    body = f'<?xml version="1.0" encoding="utf-8"?><t>{ZH}</t>'.encode()
    with caplog.at_level(logging.WARNING):
        text, choice = decode(body, "text/xml; charset=ISO-8859-1", url="http://x/feed")
    assert choice.encoding == "utf-8" and ZH in text
    assert "disagree" in caplog.text and "http://x/feed" in caplog.text


def test_header_wins_when_declaration_is_wrong() -> None:
    body = f'<meta charset="utf-8"><p>{KO}</p>'.encode("cp949")
    text, choice = decode(body, "text/html; charset=euc-kr")
    assert choice.source == "header" and KO in text


def test_declaration_used_when_header_has_no_charset() -> None:
    body = f'<?xml version="1.0" encoding="gb2312"?><t>{ZH}</t>'.encode("gb18030")
    text, choice = decode(body, "application/rss+xml")
    assert choice.source == "declared" and ZH in text


def test_unlabelled_utf8_and_unlabelled_legacy() -> None:
    assert decode(f"<p>{KO}</p>".encode(), None)[1].encoding == "utf-8"
    text, choice = decode(("<p>" + KO * 20 + "</p>").encode("cp949"), None)
    assert choice.source in {"detected", "default"}


def test_invalid_bytes_replace_only_themselves() -> None:
    body = "앞 ".encode("cp949") + b"\xff" + " 뒤".encode("cp949")
    text, _ = decode(body, "text/plain; charset=euc-kr")
    assert text == "앞 \ufffd 뒤"
    body = b"ok \xe2\x82 fine"
    assert decode(body, "text/plain; charset=utf-8")[0] == "ok \ufffd fine"


def test_xml_as_utf8_rewrites_the_declaration() -> None:
    body = f'<?xml version="1.0" encoding="EUC-KR"?><rss><title>{KO}</title></rss>'.encode("cp949")
    out, choice = xml_as_utf8(body, None)
    assert out.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert KO in out.decode("utf-8") and choice.encoding == "cp949"
