"""Speed of claims + relevance against trafilatura's extraction of the same page.

Run by hand: ``python bench/bench_analysis.py [--rounds N]``. Issue 3 item 6 asks that
analysing a 1,000-word article costs under 10% of extracting its page.
"""

from __future__ import annotations

import argparse
import statistics
import time

from crawler.analysis.document import analyse
from crawler.analysis.extract import extract_page

PARAGRAPHS = [
    "A human rights group said on Monday that China's police run more than 102 overseas "
    "police stations in 53 countries, after it identified 48 additional sites in a new report.",
    "The first report, published in September, listed 54 such stations, most of them run by "
    "police from Fuzhou and Qingtian, two cities with large communities abroad.",
    "Officials in the Netherlands ordered two stations in Amsterdam and Rotterdam to close, "
    "while Ireland shut one in Dublin and Canada opened an inquiry into three in Toronto.",
    "Italy hosts the most, with 11, some of them set up after joint police patrol agreements "
    "signed in 2015 and 2016, according to the group.",
    "Beijing denies that the offices are police stations and says volunteers help citizens "
    "renew driving licences and other documents during the pandemic.",
    "Critics say the offices are used to monitor dissidents and to pressure people to return "
    "home, a practice the group calls persuasion to return.",
    "The report says official figures show 230,000 people were persuaded to return between "
    "April 2021 and July 2022, a count of people rather than of offices.",
    "Lawmakers in several countries have asked their governments to explain how the stations "
    "could operate without permission from the host country for so long.",
    "In the United States, two men were arrested in April 2023 and charged with running an "
    "undeclared station in a building in Manhattan's Chinatown.",
    "The case was the first of its kind in the country, prosecutors said, and the trial is "
    "expected to take place next year in a federal court in Brooklyn.",
]


def make_page(words: int = 1000) -> str:
    paras: list[str] = []
    n = 0
    i = 0
    while n < words:
        p = PARAGRAPHS[i % len(PARAGRAPHS)]
        paras.append(f"<p>{p}</p>")
        n += len(p.split())
        i += 1
    chrome = "<nav><a href='/'>Home</a> <a href='/world'>World</a> Top 10 | 25 comments</nav>"
    return (f"<html><head><title>Group finds 48 more overseas police stations</title></head>"
            f"<body>{chrome}<article><h1>Group finds 48 more overseas police stations</h1>"
            f"{''.join(paras)}</article><footer>© 2024 Example News</footer></body></html>")


def timed(fn, rounds: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        samples.append(time.process_time() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--words", type=int, default=1000)
    args = ap.parse_args()
    html = make_page(args.words)
    page = extract_page(html)
    analyse(page.text, title=page.title)  # load models once, as a crawl process does
    t_extract = timed(lambda: extract_page(html), args.rounds)
    t_analyse = timed(lambda: analyse(page.text, title=page.title), args.rounds)
    words = len(page.text.split())
    print(f"article: {words} words, {len(page.text)} chars")
    print(f"trafilatura extract_page: {t_extract * 1000:8.2f} ms (median of {args.rounds})")
    print(f"analyse (lang+relevance+claims): {t_analyse * 1000:8.2f} ms")
    print(f"ratio: {t_analyse / t_extract:.1%} (target < 10%)")


if __name__ == "__main__":
    main()
