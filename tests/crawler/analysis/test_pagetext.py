"""HTML → text keeps one block per line: headlines, bylines, paragraphs, items, cells."""

from __future__ import annotations

from crawler.analysis.pagetext import extract_page, html_fragment_text

LONG = ("The ministry said it would examine the reports in detail and publish what it found "
        "before the end of the year, a spokesman told reporters on Tuesday. ") * 3


def _page(body: str) -> str:
    return (f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{body}</article><footer>12 comments</footer></body></html>")


def test_a_short_article_keeps_its_headline_apart() -> None:
    # short enough that trafilatura's rescue would flatten it into one paragraph
    page = extract_page(_page("<h1>Dutch police close 2 stations</h1><p>By A. Writer</p>"
                              "<p>The group counts 102 stations in 53 countries.</p>"))
    assert page.text.splitlines() == ["Dutch police close 2 stations", "By A. Writer",
                                      "The group counts 102 stations in 53 countries."]


def test_items_cells_and_line_breaks_are_blocks() -> None:
    page = extract_page(_page(
        f"<h1>Where they are</h1><p>{LONG}</p><ul><li>Spain 9</li><li>Italy 11</li></ul>"
        f"<p>First line<br>second line</p><blockquote><p>a quote</p></blockquote><p>And {LONG}</p>"))
    lines = page.text.splitlines()
    assert lines[0] == "Where they are"
    for block in ("Spain 9", "Italy 11", "First line", "second line", "a quote"):
        assert block in lines


def test_a_long_article_is_not_flattened() -> None:
    page = extract_page(_page(f"<h1>Headline 1 station</h1><p>{LONG}</p><p>Also: {LONG}</p>"))
    assert page.text.splitlines()[0] == "Headline 1 station"
    assert len(page.text.splitlines()) == 3


def test_feed_fragments_keep_blocks() -> None:
    assert html_fragment_text("<p>One &amp; two</p><p>three<br/>four</p>") == \
        "One & two\nthree\nfour"
    assert html_fragment_text("plain text, no tags") == "plain text, no tags"
    assert html_fragment_text("  ") == ""
