"""Every page, feed and API route of the dashboard, over HTTP, on a store filled by a loopback crawl."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import feedparser
import httpx
import pytest

from scheduler.web.security import CSP
from scheduler.web.server import WebHandle
from tests.scheduler.web.site import KOREAN_QUERY, CrawledStore
from tests.support.cli import cli_json

pytestmark = pytest.mark.slow  # one loopback crawl for the module

PAGES = ["/", "/stories", f"/stories?q={KOREAN_QUERY}", "/sources", "/alerts"]
ROUTES = PAGES + ["/feeds/alerts.atom", "/feeds/coverage.atom", "/api/counts", "/api/coverage",
                  "/api/status", "/api/alerts", "/static/style.css", "/static/dashboard.js"]


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_every_route_answers_with_the_safety_headers(client: httpx.Client) -> None:
    for path in ROUTES:
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "server" not in r.headers


def test_pages_load_nothing_from_another_host_and_run_no_inline_script(client: httpx.Client) -> None:
    for path in PAGES:
        html = client.get(path).text
        for tag, attrs in tags(html):
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert "style" not in attrs, (path, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/"), (path, attrs)
            if tag in {"link", "img", "script", "iframe", "source"}:
                ref = attrs.get("src") or attrs.get("href") or ""
                assert ref.startswith("/") and not ref.startswith("//"), (path, tag, ref)
        assert "<style" not in html


def test_figures_page_shows_each_place_worldwide_first(client: httpx.Client, crawled: CrawledStore) -> None:
    html = client.get("/").text
    history = cli_json(crawled.config, "counts", "--history")
    assert isinstance(history, list)
    sections = re.findall(r'<section class="card place" id="place-([a-z]+)">', html)
    assert sections == ["world", "it", "nl"]
    world = html.split('id="place-world"')[1].split("</section>")[0]
    assert "more than 102" in world and "overseas police stations in 53 countries" in world
    assert "<strong>2</strong> reported it, <strong>2</strong> independent" in world
    assert crawled.outlet_a in world and crawled.outlet_b in world
    assert "국제 인권단체는 중국이 전 세계 53개국에서" in world  # the evidence sentences
    assert "The rights group said in a new report" in world
    assert world.count('<circle class="claim') == sum(1 for c in history if c["place"] is None) == 3
    nl = html.split('id="place-nl"')[1].split("</section>")[0]
    assert "<strong>2</strong> reported it, <strong>1</strong> independent" in nl  # a syndicated copy
    table = html.split('id="countries"')[1].split("</table>")[0]
    assert table.index("Italy") < table.index("Netherlands")


def test_stories_newest_first_with_copies_and_korean_search(client: httpx.Client, crawled: CrawledStore) -> None:
    coverage = cli_json(crawled.config, "coverage")
    assert isinstance(coverage, list)
    html = client.get("/stories").text
    shown = [int(i) for i in re.findall(r'id="story-(\d+)"', html)]
    assert shown == [s["id"] for s in coverage]
    syndicated = next(s for s in coverage if len(s["copies"]) == 2)
    card = html.split(f'id="story-{syndicated["id"]}"')[1].split("</li>\n</ol>")[0]
    assert all(c["url"] in card for c in syndicated["copies"])
    found = client.get("/stories", params={"q": KOREAN_QUERY}).text
    korean = [s["id"] for s in coverage if KOREAN_QUERY in (s["title"] or "") + str(s["claims"])]
    assert [int(i) for i in re.findall(r'id="story-(\d+)"', found)] == korean
    assert f"<mark>{KOREAN_QUERY}</mark>" in found and 'class="lang">ko<' in found
    assert "No story matches" in client.get("/stories", params={"q": "Antarctica"}).text
    assert client.get("/stories", params={"page": "0"}).status_code == 400


def test_sources_and_alerts_pages(client: httpx.Client, crawled: CrawledStore) -> None:
    html = client.get("/sources").text
    assert "outlet-a" in html and "outlet-b" in html and 'class="badge ok"' in html
    assert "Report: more than 102 Chinese police stations worldwide" in html  # a recent article
    alerts = cli_json(crawled.config, "alerts", "list")
    assert isinstance(alerts, list) and len(alerts) == 3
    html = client.get("/alerts").text
    for alert in alerts:
        assert f'id="alert-{alert["id"]}"' in html
    assert html.count("log: sent") == 3


@pytest.mark.parametrize(("route", "command"), [
    ("/api/counts", ["counts"]),
    ("/api/counts?history=1", ["counts", "--history"]),
    ("/api/coverage", ["coverage"]),
    ("/api/status", ["status"]),
    ("/api/alerts", ["alerts", "list"]),
])
def test_api_answers_exactly_what_the_command_prints(client: httpx.Client, crawled: CrawledStore,
                                                    route: str, command: list[str]) -> None:
    r = client.get(route)
    assert r.headers["content-type"] == "application/json"
    assert r.json() == cli_json(crawled.config, *command)


def test_api_limits(client: httpx.Client) -> None:
    assert len(client.get("/api/coverage", params={"limit": "2"}).json()) == 2
    assert len(client.get("/api/alerts", params={"limit": "1"}).json()) == 1
    assert client.get("/api/coverage", params={"limit": "lots"}).status_code == 400


def test_alerts_feed_has_one_entry_per_alert_with_stable_ids(client: httpx.Client,
                                                             crawled: CrawledStore) -> None:
    alerts = cli_json(crawled.config, "alerts", "list")
    assert isinstance(alerts, list)
    first = feedparser.parse(client.get("/feeds/alerts.atom").content)
    again = feedparser.parse(client.get("/feeds/alerts.atom").content)
    assert not first.bozo, first.bozo_exception
    assert first.version == "atom10"
    assert [e.title for e in first.entries] == [a["subject"] for a in alerts]
    ids = [e.id for e in first.entries]
    assert len(set(ids)) == len(alerts) and ids == [e.id for e in again.entries]
    for alert, entry in zip(alerts, first.entries, strict=True):
        assert entry.link == alert["story"]["url"]
        for figure in alert["figures"]:
            assert figure["previous"] in entry.content[0].value  # e.g. "previous highest ...: 54"
            assert figure["evidence"] in entry.content[0].value


def test_coverage_feed_lists_the_stories(client: httpx.Client, crawled: CrawledStore) -> None:
    coverage = cli_json(crawled.config, "coverage")
    assert isinstance(coverage, list)
    feed = feedparser.parse(client.get("/feeds/coverage.atom").content)
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [s["url"] for s in coverage]
    assert any("중국 비밀경찰서" in e.title for e in feed.entries)
    assert all(e.id.startswith("urn:stationwatch:story:") for e in feed.entries)


def test_dashboard_handle_reports_its_url(dashboard: WebHandle) -> None:
    assert dashboard.url.startswith("http://127.0.0.1:")
