"""Stages that need no stationwatch pipeline: the server, the floors, the claims cost."""

from __future__ import annotations

import time

from bench import floors, loadgen
from bench.context import Ctx
from bench.report import Row, skipped

RUN = "python -m bench"


def stage_server(ctx: Ctx) -> list[Row]:
    web = ctx.web
    site0 = [web.url(0, web.plan.article_path(a)) for a, i in enumerate(web.plan.infos) if i.site == 0]
    res = loadgen.measure(site0 or web.article_urls(), ctx.work, seconds=ctx.size.load_seconds)
    web.reset()
    return [
        Row("server", "news web: article pages served (keep-alive, 8 connections)", res["req_per_s"], "req/s",
            target=">= 2,000 req/s", target_op=">=", target_value=2000, target_on="value",
            command=f"{RUN} --only server", note=f"{res['avg_kb']:.0f} KB avg, {res['mb_per_s']:.0f} MB/s"),
        Row("server", "news web: pages rendered at start-up", web.gen_seconds, "s",
            note=f"{web.spec.articles} articles, {web.spec.total_feeds} feeds"),
    ]


def stage_floors(ctx: Ctx) -> list[Row]:
    web = ctx.web
    article_urls = web.article_urls()
    t0 = time.perf_counter()
    pages = floors.fetch_all(article_urls)
    fetch_s = time.perf_counter() - t0
    n = ctx.size.floor_a_pages
    sample = pages[:: max(1, len(pages) // n)][:n] if n and n < len(pages) else pages
    ctx.floor_a = fa = floors.floor_a(sample)
    avg_kb = sum(len(p) for _, p in pages) / max(len(pages), 1) / 1024
    web.reset()
    ctx.floor_b = fb = floors.floor_b(web.feed_urls() + article_urls, ctx.work, concurrency=ctx.size.concurrency)
    stats = web.reset()
    return [
        Row("floors", "floor A: trafilatura alone, one process", fa.pages_per_s, "pages/s",
            command=f"{RUN} --only floors",
            note=f"{fa.pages} of {len(pages)} pages (even sample) of {avg_kb:.0f} KB avg, {fa.ms_per_page:.1f} ms/page; fetched beforehand "
                 f"in {fetch_s:.1f} s; call {fa.call}"),
        Row("floors", "floor B: bare Scrapy fetching the same URLs", float(fb["req_per_s"]), "req/s",
            command=str(fb["command"]),
            note=f"{fb['responses']} responses in {fb['crawl_seconds']:.1f} s (process {fb['process_wall']:.1f} s, "
                 f"CPU {fb['process_cpu']:.1f} s, concurrency {fb['concurrency']}); server saw "
                 f"{stats.get('requests', 0)} requests"),
    ]


def stage_claims(ctx: Ctx) -> list[Row]:
    """Claims + relevance (crawler.analysis.document.analyse) per article vs trafilatura's time."""
    figure = "claims + relevance per article vs trafilatura's extraction"
    target = "<= 0.10 x floor A per article"
    if ctx.floor_a is None:
        return [skipped("claims", figure, "floor A did not run", target=target)]
    try:
        from crawler.analysis.document import analyse
    except ImportError as exc:
        return [skipped("claims", figure, f"crawler.analysis.document not importable ({exc})", target=target)]
    texts = [(u, t, x) for u, t, x in ctx.floor_a.texts if x]
    if not texts:
        return [skipped("claims", figure, "trafilatura extracted no text", target=target)]
    t0 = time.perf_counter()
    from crawler.analysis.document import warm_up

    warm_up()  # one-time loading (detector, lexicons, gazetteer) is start-up, not per article
    analyse(texts[0][2], title=texts[0][1])
    warm = time.perf_counter() - t0
    results = []
    t0 = time.perf_counter()
    for _, title, text in texts:
        results.append(analyse(text, title=title))
    seconds = time.perf_counter() - t0
    per_ms = 1000 * seconds / len(texts)
    # the generator knows which pages are on topic: a cheap sanity check of what was measured
    truth = {ctx.web.url(i.site, ctx.web.plan.article_path(i.id)): i.on_topic for i in ctx.web.plan.infos}
    on_topic = sum(1 for (u, _, _) in texts if truth.get(u.split("?")[0]))
    found = sum(1 for (u, _, _), r in zip(texts, results, strict=True) if r.relevant and truth.get(u.split("?")[0]))
    false_pos = sum(1 for (u, _, _), r in zip(texts, results, strict=True) if r.relevant and not truth.get(u.split("?")[0]))
    with_claims = sum(1 for r in results if r.claims)
    return [Row("claims", figure, per_ms, "ms/article", floor=ctx.floor_a.ms_per_page, floor_name="ms (floor A)",
                target=target, target_op="<=", target_value=0.10, command=f"{RUN} --only floors,claims",
                note=f"{len(texts)} articles, first call {warm:.2f} s; relevant {found}/{on_topic} on-topic, "
                     f"{false_pos} off-topic flagged; {with_claims} with claims")]
