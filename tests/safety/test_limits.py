import logging

import pytest

from crawler.safety.limits import (
    MAX_TITLE_CHARS,
    capped,
    clip,
    clip_field,
    safe_link,
    scheme_allowed,
    url_problem,
)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "data:text/html,<script>", "gopher://x/",
     "javascript:alert(1)", "//example.org/x", "http:///nohost", "http://a/" + "x" * 3000,
     "http://a/\r\nInjected: 1"],
)
def test_bad_urls_have_a_problem(url: str) -> None:
    assert url_problem(url) is not None
    assert safe_link(url) is None


def test_http_and_https_pass() -> None:
    assert url_problem("https://example.org/a?b=c") is None
    assert safe_link(" http://example.org/ ") == "http://example.org/"
    assert scheme_allowed("HTTPS://example.org/") and not scheme_allowed("file:///x")


def test_clip_marks_the_cut() -> None:
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc" and clip(None, 3) is None
    assert len(clip_field("title", "t" * 5000) or "") == MAX_TITLE_CHARS
    assert clip_field("unknown", "x" * 5000) == "x" * 5000


def test_capped_yields_the_cap_and_logs_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        out = list(capped(range(10), 3, what="entries", where="feed x"))
    assert out == [0, 1, 2]
    assert "7 entries over the cap of 3" in caplog.text
