"""A deterministic news web: feeds, article pages and their plan, from a seed.

Nothing here does I/O. ``Plan`` is the light description both the server
and the bench compute from the same ``WebSpec``; ``render_article`` and
``render_feed`` build the bytes the server sends.

Layout: ``sites`` fake outlets; feed ``f`` (of the first ``feeds``) lists
articles ``f*items .. f*items+items-1`` on site ``f % sites``; even feeds are
RSS 2.0, odd ones Atom. About ``syndicated_share`` of the articles are copies
of an original on another site (same body, other headline and chrome, a
utm-tagged link, sometimes one extra sentence). ``extra_feeds`` more feeds
list ``extra_items`` already existing articles each (section feeds), for the
quiet cycle.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cached_property
from html import escape
from xml.sax.saxutils import escape as xesc

from bench import webtext as T

BASE_TIME = 1_767_225_600  # 2026-01-01T00:00:00Z, the default newest item time


@dataclass(frozen=True)
class WebSpec:
    seed: int = 8
    feeds: int = 100
    items: int = 20
    extra_feeds: int = 0
    extra_items: int = 5
    sites: int = 8
    base_time: int = BASE_TIME
    topic_share: float = 0.2
    syndicated_share: float = 0.1
    min_page_kb: int = 60
    max_page_kb: int = 120

    @property
    def articles(self) -> int:
        return self.feeds * self.items

    @property
    def total_feeds(self) -> int:
        return self.feeds + self.extra_feeds


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    site: int
    feed: int
    lang: str
    on_topic: bool
    original: int | None  # the article this one copies, if syndicated
    published: int  # epoch seconds


@dataclass
class Plan:
    spec: WebSpec
    infos: list[ArticleInfo] = field(default_factory=list)

    @cached_property
    def feed_items(self) -> list[list[int]]:
        s = self.spec
        out = [list(range(f * s.items, (f + 1) * s.items)) for f in range(s.feeds)]
        for f in range(s.feeds, s.total_feeds):
            rng = random.Random(f"{s.seed}:extra:{f}")
            k = min(s.extra_items, s.articles)
            out.append(sorted(rng.sample(range(s.articles), k)) if k else [])
        return out

    def feed_site(self, f: int) -> int:
        return f % self.spec.sites

    def feed_path(self, f: int) -> str:
        ext = "rss" if f % 2 == 0 else "atom"
        return f"/s{self.feed_site(f)}/feeds/{f}.{ext}.xml"

    def article_path(self, a: int) -> str:
        return f"/s{self.infos[a].site}/articles/{a}.html"


def _kind_draw(seed: int, a: int) -> random.Random:
    return random.Random(f"{seed}:article:{a}")


def make_plan(spec: WebSpec) -> Plan:
    plan = Plan(spec)
    for a in range(spec.articles):
        f = a // spec.items
        site = f % spec.sites
        rng = _kind_draw(spec.seed, a)
        copy_draw, topic_draw, lang_draw = rng.random(), rng.random(), rng.random()
        published = spec.base_time - a * 97 - rng.randrange(60)
        original = None
        if copy_draw < spec.syndicated_share and a >= spec.items:
            o = rng.randrange(a)
            for _ in range(a):
                if plan.infos[o].original is None and plan.infos[o].site != site:
                    original = o
                    break
                o = (o + 1) % a
        if original is not None:
            src = plan.infos[original]
            info = ArticleInfo(a, site, f, src.lang, src.on_topic, original, published)
        else:
            on_topic = topic_draw < spec.topic_share
            if on_topic:
                lang = "en" if lang_draw < 0.3 else T.LANGS[1 + int((lang_draw - 0.3) / 0.7 * 9) % 9]
            else:
                lang = "en" if lang_draw < 0.6 else T.LANGS[1 + int((lang_draw - 0.6) / 0.4 * 9) % 9]
            info = ArticleInfo(a, site, f, lang, on_topic, None, published)
        plan.infos.append(info)
    return plan


def _fill(tpl: str, rng: random.Random, lang: str = "en") -> str:
    return tpl.format(
        n=rng.choice((54, 102, 103, 48, 30, 110 + rng.randrange(40))), c=rng.choice((21, 53, 25, 55)),
        m=rng.randrange(2, 90), p=rng.randrange(80, 5000), g=rng.randrange(2, 6),
        t=rng.randrange(18, 39), k=rng.randrange(3, 12), loc="", who=T.name(lang, rng), where=T.name(lang, rng))


def body_paragraphs(spec: WebSpec, info: ArticleInfo) -> tuple[str, list[str]]:
    """The headline and paragraphs of an original article (copies reuse the original's)."""
    rng = random.Random(f"{spec.seed}:body:{info.id}")
    lang = info.lang
    paras: list[str] = []
    if info.on_topic:
        n = rng.choice((54, 102, 48, 30)) + rng.randrange(0, 3) * rng.randrange(0, 20)
        c = rng.choice((21, 53, 25)) + rng.randrange(0, 3)
        headline = rng.choice(T.HEADLINE[lang]).format(n=n)
        first = rng.choice(T.TOTAL[lang]).format(n=n, c=c)
        iso = rng.choice(sorted(T.PLACES))
        local = rng.choice(T.LOCAL[lang]).format(n=rng.randrange(1, 12), loc=T.PLACES[iso][lang])
        ctx = list(T.CONTEXT[lang])
        rng.shuffle(ctx)
        paras.append(first + " " + ctx[0])
        paras.append(local + " " + ctx[1])
        for _ in range(rng.randrange(3, 8)):
            paras.append(" ".join(_fill(rng.choice(T.OFF[lang]), rng, lang) for _ in range(3)) + " " + rng.choice(ctx))
    else:
        headline = _fill(rng.choice(T.OFF_HEADLINE[lang]), rng, lang)
        for _ in range(rng.randrange(5, 11)):
            paras.append(" ".join(_fill(rng.choice(T.OFF[lang]), rng, lang) for _ in range(rng.randrange(3, 6))))
    return headline, paras


def _http_date(ts: int) -> str:
    return format_datetime(datetime.fromtimestamp(ts, UTC), usegmt=True)


def _chrome_head(rng: random.Random, site: int, title: str) -> list[str]:
    css = "".join(f".c{site}-{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{(i * 2654435761) % 0xFFFFFF:06x}}}"
                  for i in range(rng.randrange(150, 260)))
    return [f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{escape(title)} | Site {site} News</title>",
            f"<meta name=\"viewport\" content=\"width=device-width\"><style>{css}</style></head><body>",
            "<div id=\"cookie-banner\" class=\"consent\"><p>We and our 842 partners use cookies to "
            "personalise ads. Accept all or manage your 37 choices.</p><button>Accept</button>"
            "<button>Reject</button></div>"]


def _nav(rng: random.Random, site: int, base: str) -> str:
    links = "".join(f"<li><a href=\"{base}/s{site}/section/{s.lower()}\">{s}</a></li>" for s in T.SECTIONS)
    trend = "".join(f"<li><a href=\"{base}/s{site}/tag/{rng.randrange(10**5)}\">Trending {i + 1}</a></li>"
                    for i in range(12))
    mega = "".join(
        f"<div class=\"mega-col\"><h4><span>{s}</span></h4><ul>" + "".join(
            f"<li class=\"mi\"><div><a href=\"{base}/s{site}/{s.lower()}/{j}\"><span>{s} topic {j}</span></a></div></li>"
            for j in range(rng.randrange(8, 16))) + "</ul></div>"
        for s in T.SECTIONS[:10])
    return (f"<header><nav class=\"main-nav\"><ul>{links}</ul><ul class=\"trending\">{trend}</ul>"
            f"<div class=\"mega-menu\" hidden>{mega}</div></nav></header>")


def _cards(rng: random.Random, site: int, base: str, plan_size: int) -> str:
    cards = "".join(
        f"<div class=\"card\"><a href=\"{base}/s{site}/articles/{rng.randrange(max(plan_size, 1))}.html\">"
        f"<div class=\"thumb\"><img src=\"/img/{rng.randrange(10**6)}.jpg\" alt=\"\"></div>"
        f"<h4>{escape(_fill(rng.choice(T.OFF_HEADLINE['en']), rng))}</h4></a>"
        f"<p class=\"meta\"><span>{rng.randrange(1, 23)} h ago</span> <span>{rng.randrange(900)} comments</span></p></div>"
        for _ in range(rng.randrange(16, 32)))
    return f"<aside class=\"sidebar\"><h3>More from Site {site}</h3><div class=\"grid\">{cards}</div></aside>"


def _ad(rng: random.Random, slot: int) -> str:
    js = ";".join(f"googletag.cmd.push(function(){{defineSlot('/{rng.randrange(10**8)}/slot{slot}',"
                  f"[{rng.choice((300, 728, 970))},{rng.choice((90, 250, 600))}],'ad-{slot}-{i}')}})"
                  for i in range(rng.randrange(8, 20)))
    return f"<aside class=\"ad\" id=\"ad-{slot}\"><span>Advertisement</span><script>{js}</script></aside>"


def _related(rng: random.Random, site: int, base: str, plan_size: int) -> str:
    items = "".join(
        f"<li><a href=\"{base}/s{site}/articles/{rng.randrange(max(plan_size, 1))}.html\">"
        f"{escape(_fill(rng.choice(T.OFF_HEADLINE['en']), rng))}</a> <span class=\"cc\">"
        f"{rng.randrange(0, 900)} comments</span></li>" for _ in range(8))
    top = "".join(f"<li>{i + 1}. <a href=\"{base}/s{site}/top/{i}\">"
                  f"{escape(_fill(rng.choice(T.OFF_HEADLINE['en']), rng))}</a></li>" for i in range(10))
    return (f"<section class=\"related\"><h3>Related</h3><ul>{items}</ul></section>"
            f"<section class=\"most-read\"><h3>Top 10 most read</h3><ol>{top}</ol></section>")


def _comments(rng: random.Random) -> str:
    n = rng.randrange(3, 15)
    body = "".join(f"<li class=\"comment\"><b>reader{rng.randrange(10**4)}</b> {rng.randrange(1, 59)} min ago"
                   f"<p>{rng.choice(T.COMMENTS)}</p><span>{rng.randrange(0, 300)} likes</span></li>"
                   for _ in range(n))
    return f"<section id=\"comments\"><h3>{n * 7 + rng.randrange(5)} comments</h3><ul>{body}</ul></section>"


def _footer(site: int, base: str) -> str:
    links = "".join(f"<a href=\"{base}/s{site}/about/{i}\">{w}</a> " for i, w in enumerate(
        ("About us", "Contact", "Careers", "Advertise", "Privacy", "Cookies", "Terms", "Newsletters",
         "Archive", "RSS", "Corrections", "Accessibility") * 4))
    return f"<footer><p>© 2026 Site {site} Media Group. All rights reserved.</p><div>{links}</div></footer>"


def render_article(plan: Plan, a: int, base: str = "") -> bytes:
    """The article page of article ``a``; ``base`` is prefixed to in-site links."""
    spec, info = plan.spec, plan.infos[a]
    src = plan.infos[info.original] if info.original is not None else info
    headline, paras = body_paragraphs(spec, src)
    rng = random.Random(f"{spec.seed}:chrome:{a}")
    if info.original is not None:
        headline = rng.choice(T.HEADLINE[src.lang] if src.on_topic else T.OFF_HEADLINE[src.lang]).format(
            n=rng.randrange(30, 120), k=rng.randrange(3, 12))
        if rng.random() < 0.5:
            extra = rng.choice(T.CONTEXT[src.lang] if src.on_topic else T.OFF[src.lang])
            paras = paras + [_fill(extra, rng, src.lang)]
    published = datetime.fromtimestamp(info.published, UTC).isoformat()
    url = f"{base}{plan.article_path(a)}"
    parts = _chrome_head(rng, info.site, headline)
    parts.append(_nav(rng, info.site, base))
    parts.append(_ad(rng, 1))
    parts.append(f"<main><article><h1>{escape(headline)}</h1><p class=\"byline\">By Staff Reporter · "
                 f"<time datetime=\"{published}\">{published[:10]}</time> · {rng.randrange(2, 15)} min read</p>")
    parts.append(f"<link rel=\"canonical\" href=\"{url}\">")
    for i, p in enumerate(paras):
        parts.append(f"<p>{escape(p)}</p>")
        if i == 2:
            parts.append(_ad(rng, 2))
    parts.append("</article>")
    parts.append(_related(rng, info.site, base, spec.articles))
    parts.append(_cards(rng, info.site, base, spec.articles))
    parts.append(_comments(rng))
    parts.append("</main>")
    parts.append(_ad(rng, 3))
    parts.append(_footer(info.site, base))
    target = rng.randrange(spec.min_page_kb * 1024, spec.max_page_kb * 1024 - 2048)
    size = sum(len(p.encode()) for p in parts)
    state = ['window.__STATE__={"articles":[']
    size += 60
    i = 0
    while size < target:
        chunk = (f'{{"id":{rng.randrange(10**9)},"slot":{i},"w":{rng.randrange(900)},'
                 f'"k":"{hashlib.md5(f"{a}:{i}".encode()).hexdigest()}"}},')
        state.append(chunk)
        size += len(chunk)
        i += 1
    state.append("]};")
    parts.append("<script>" + "".join(state) + "</script></body></html>")
    return "".join(parts).encode()


def article_link(plan: Plan, a: int, base: str) -> str:
    url = f"{base}{plan.article_path(a)}"
    if plan.infos[a].original is not None:
        url += f"?utm_source=rss&utm_medium=feed&utm_campaign=syndication{a % 7}"
    return url


def render_feed(plan: Plan, f: int, bases: list[str], extra: Sequence[tuple[int, str, str, int]] = ()) -> bytes:
    """Feed ``f``; ``bases[site]`` is the site's origin; ``extra`` = published (id, title, url, ts)."""
    spec = plan.spec
    site = plan.feed_site(f)
    entries: list[tuple[str, str, str, int, str]] = []  # guid, title, link, ts, summary
    for a, title, url, ts in extra:
        entries.append((f"s{site}-dyn-{a}", title, url, ts, title))
    for a in plan.feed_items[f]:
        info = plan.infos[a]
        src = plan.infos[info.original] if info.original is not None else info
        headline, paras = body_paragraphs(spec, src)
        base = bases[info.site]
        entries.append((f"s{info.site}-article-{a}", headline, article_link(plan, a, base), info.published,
                        paras[0][:280]))
    origin = bases[site]
    newest = max((e[3] for e in entries), default=spec.base_time)
    if f % 2 == 0:
        items = "".join(
            f"<item><title>{xesc(t)}</title><link>{xesc(u)}</link><guid isPermaLink=\"false\">{g}</guid>"
            f"<pubDate>{_http_date(ts)}</pubDate><description>{xesc(s)}</description></item>"
            for g, t, u, ts, s in entries)
        doc = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
               f"<title>Site {site} feed {f}</title><link>{origin}/s{site}/</link>"
               f"<description>Latest stories</description><lastBuildDate>{_http_date(newest)}</lastBuildDate>"
               f"{items}</channel></rss>")
    else:
        def iso(ts: int) -> str:
            return datetime.fromtimestamp(ts, UTC).isoformat()

        items = "".join(
            f"<entry><title>{xesc(t)}</title><link rel=\"alternate\" href=\"{xesc(u)}\"/><id>urn:sw-bench:{g}</id>"
            f"<updated>{iso(ts)}</updated><published>{iso(ts)}</published><summary>{xesc(s)}</summary></entry>"
            for g, t, u, ts, s in entries)
        doc = (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
               f"<title>Site {site} feed {f}</title><id>urn:sw-bench:feed:{f}</id><updated>{iso(newest)}</updated>"
               f"<link rel=\"alternate\" href=\"{origin}/s{site}/\"/>{items}</feed>")
    return doc.encode()


def published_article(spec: WebSpec, k: int, now: int, base: str, site: int) -> tuple[str, bytes, str]:
    """A fresh on-topic article (the k-th published at run time) with a figure never seen before."""
    n, c = 300 + k, 60 + k
    title = f"New report: more than {n} overseas police stations in {c} countries"
    text = (f"A new investigation released today counts more than {n} overseas police stations "
            f"in {c} countries. " + " ".join(T.CONTEXT["en"]))
    url = f"{base}/s{site}/live/{k}.html"
    when = datetime.fromtimestamp(now, UTC).isoformat()
    html = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head><body>"
            f"<article><h1>{escape(title)}</h1><time datetime=\"{when}\">{when[:10]}</time>"
            f"<p>{escape(text)}</p><p>{escape(T.CONTEXT['en'][0])}</p></article></body></html>")
    return title, html.encode(), url


http_date = _http_date
