"""Speed of claims + relevance against trafilatura's extraction of the same page.

Run by hand: ``python bench/bench_analysis.py [--rounds N]``. Issue 3 item 6 asks that
analysing a 1,000-word article costs under 10% of extracting its page.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from crawler.analysis.document import analyse
from crawler.analysis.pagetext import extract_page

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
    "Researchers who worked on the report spent months reading local government notices, "
    "regional newspapers and the social media accounts of community associations.",
    "Many of the notices were later deleted, they said, but copies had been kept by archive "
    "services and by volunteers who follow the diaspora press.",
    "Diplomats from several European capitals met in Brussels last week to compare notes on "
    "what their own security services had found so far.",
    "Some governments have been reluctant to speak in public, citing trade ties and the fear "
    "of retaliation against their own citizens living in China.",
    "Others have moved faster: a minister told parliament that the premises had been visited "
    "by officers and that the people running them had been questioned.",
    "Community leaders say ordinary migrants are caught in the middle, as many used the "
    "offices for routine paperwork and knew nothing of any other purpose.",
    "The group's director said the network relied on informal ties rather than on formal "
    "police work, which makes it hard to prove a crime in court.",
    "Legal experts note that running a police function on foreign soil without consent breaks "
    "the basic rules of diplomatic relations between states.",
    "In Spain, where the group is based, prosecutors have opened a file, while police in "
    "Portugal and France said they were looking into the claims.",
    "A spokesman for the Chinese embassy called the report a smear and said the service "
    "centres were run by local associations, not by the police.",
    "He added that the pandemic had made it hard for citizens to travel home to renew their "
    "papers, and that the help offered was entirely voluntary.",
    "Human rights advocates reject that account and point to cases in which relatives in "
    "China were threatened to make people abroad come back.",
    "The new report also lists training sessions and visits by provincial officials to the "
    "host countries, which it says show central direction.",
    "Its authors call on governments to publish what they know and to offer protection to "
    "people who say they have been harassed.",
    "The group plans a further report next year, and says it has received many tips from "
    "readers since the first one was published.",
    "Meanwhile, the European Parliament has asked the Commission for a review of how member "
    "states respond to transnational repression.",
    "In Canada, the federal police said they had received reports about locations in the "
    "Toronto area and later about two sites near Montreal.",
    "Analysts say the affair has hardened views of Beijing in capitals that had long hoped "
    "to keep politics and commerce apart.",
    "Whether the closures have ended the practice is unclear, the group said, since some "
    "activities may simply have moved to other premises.",
    "It urged readers with information to get in touch through its secure channels.",
]

NAV = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(120))
RELATED = "".join(
    f"<div class='card'><a href='/story/{i}'><img src='/img/{i}.jpg' alt=''>"
    f"<h3>Related story number {i} about world affairs</h3></a><span>{i} comments</span></div>"
    for i in range(60)
)
SCRIPT = "<script>" + "var cfg={a:1,b:[1,2,3],c:'x'};" * 400 + "</script>"


def make_page(words: int = 1000) -> str:
    paras: list[str] = []
    n = 0
    i = 0
    while n < words:
        p = PARAGRAPHS[i % len(PARAGRAPHS)]
        paras.append(f"<p>{p}</p>")
        n += len(p.split())
        i += 1
    # page chrome as news sites carry it: menus, related cards, scripts (~100 KB in all)
    return (f"<html><head><title>Group finds 48 more overseas police stations</title>{SCRIPT}"
            f"</head><body><header><ul class='nav'>{NAV}</ul></header>"
            f"<main><article><h1>Group finds 48 more overseas police stations</h1>"
            f"{''.join(paras)}</article><aside>{RELATED}</aside></main>"
            f"<footer><ul>{NAV}</ul>© 2024 Example News</footer>{SCRIPT}</body></html>")


def timed(fn: Callable[[], object], rounds: int) -> float:
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
    print(f"page: {len(html) // 1024} KB of HTML")
    print(f"article: {words} words, {len(page.text)} chars")
    print(f"trafilatura extract_page: {t_extract * 1000:8.2f} ms (median of {args.rounds})")
    print(f"analyse (lang+relevance+claims): {t_analyse * 1000:8.2f} ms")
    print(f"ratio: {t_analyse / t_extract:.1%} (target < 10%)")


if __name__ == "__main__":
    main()
