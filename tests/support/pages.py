"""Article pages and feeds for loopback tests, with page chrome around the text."""

from __future__ import annotations

from html import escape

CHROME_TOP = """<header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/top10">Top 10 stories</a> <a href="/login">Sign in</a></nav>
<div class="ad">Advertisement: 3 months for the price of 1</div>
<div class="cookie">We use cookies. <button>Accept all</button></div></header>"""

CHROME_BOTTOM = """<aside class="related"><h3>Most read</h3><ol>
<li><a href="/a/1">5 things to know this morning</a></li>
<li><a href="/a/2">Markets close 2% higher</a></li></ol></aside>
<section class="comments"><h3>27 comments</h3><p>Join the discussion</p></section>
<footer><p>Copyright 2022 Example Media Group. All rights reserved.</p>
<p><a href="/about">About us</a> | <a href="/privacy">Privacy</a></p></footer>"""


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    published: str = "2022-12-05T09:00:00+00:00",
    canonical: str | None = None,
    lang: str = "en",
) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    head_canon = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | Example News</title>{head_canon}
<meta property="article:published_time" content="{published}"></head>
<body>{CHROME_TOP}<main><article><h1>{escape(title)}</h1>
<p class="byline">By a staff reporter</p>{body}</article></main>{CHROME_BOTTOM}</body></html>"""


def rss(title: str, items: list[dict[str, str]]) -> str:
    parts = []
    for it in items:
        guid = f"<guid isPermaLink=\"false\">{escape(it['id'])}</guid>" if it.get("id") else ""
        parts.append(
            f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>{guid}"
            f"<pubDate>{it.get('date', 'Mon, 05 Dec 2022 09:00:00 GMT')}</pubDate>"
            f"<description>{escape(it.get('summary', ''))}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        f"<description>test feed</description>{''.join(parts)}</channel></rss>"
    )


def atom(title: str, entries: list[dict[str, str]]) -> str:
    parts = []
    for it in entries:
        parts.append(
            f"<entry><title>{escape(it['title'])}</title><link href=\"{escape(it['link'])}\"/>"
            f"<id>{escape(it.get('id') or it['link'])}</id>"
            f"<updated>{it.get('date', '2022-12-06T10:00:00Z')}</updated>"
            f"<summary>{escape(it.get('summary', ''))}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id>"
        f"<updated>2022-12-06T10:00:00Z</updated>{''.join(parts)}</feed>"
    )
