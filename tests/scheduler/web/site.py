"""Two loopback outlets publishing coverage in English and Korean, crawled into a store.

Outlet A reports 54 stations worldwide (and 2 in the Netherlands), 11 in
Italy, then more than 102 worldwide; outlet B syndicates A's first story and
reports more than 102 worldwide in Korean. So the worldwide figure of 102 has
two outlets, independent of each other, and the 54 has two outlets that are
copies of each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.pages import article_page, rss
from tests.support.web import LoopbackWeb

FIRST = [
    "A human rights group said on Monday that Chinese police had opened 54 overseas police service stations in 30 countries.",
    "Dutch officials called two of the offices in Amsterdam and Rotterdam illegal.",
    "The group said the offices pressured people abroad to return to China, which Beijing denies.",
]
ITALY = [
    "Italian prosecutors are examining reports that Chinese police ran at least 11 police stations in Italy, including offices in Milan, Rome and Florence.",
    "The interior ministry said it was gathering information and would act on any illegal activity.",
]
UPDATE = [
    "The rights group said in a new report that it had now identified more than 102 overseas police stations in 53 countries.",
    "Several governments have opened inquiries since the first findings were published in September.",
]
KOREAN = [
    "서울 도심의 한 중식당이 중국의 비밀경찰서로 쓰였다는 의혹이 커지고 있다.",
    "국제 인권단체는 중국이 전 세계 53개국에서 102곳이 넘는 해외 비밀경찰서를 운영해 왔다고 밝혔다.",
    "방첩 당국은 관련 자료를 확인하고 있다고 말했다.",
]
KOREAN_QUERY = "비밀경찰서"


@dataclass
class CrawledStore:
    config: Path
    outlet_a: str
    outlet_b: str


def _publish(a: LoopbackWeb, b: LoopbackWeb) -> tuple[str, str]:
    pages_a = {
        "/news/54-stations": ("Rights group finds 54 Chinese police outposts abroad", FIRST, "2022-09-12T08:00:00+00:00"),
        "/news/italy": ("Italy examines Chinese police stations", ITALY, "2022-10-20T10:00:00+00:00"),
        "/news/102-stations": ("Report: more than 102 Chinese police stations worldwide", UPDATE, "2022-12-05T09:00:00+00:00"),
    }
    pages_b = {
        "/world/outposts": ("Chinese police outposts found in 30 countries", FIRST, "2022-09-13T07:00:00+00:00"),
        "/ko/secret-police": ("중국 비밀경찰서 의혹 확산", KOREAN, "2022-12-06T03:00:00+00:00"),
    }
    feeds = []
    for web, pages in ((a, pages_a), (b, pages_b)):
        items = []
        for path, (title, paras, published) in pages.items():
            lang = "ko" if path.startswith("/ko/") else "en"
            web.put(path, article_page(title, paras, published=published, lang=lang))
            date = format_datetime(datetime.fromisoformat(published), usegmt=True)
            items.append({"title": title, "link": web.url(path), "id": web.url(path), "date": date})
        feeds.append(web.put("/rss.xml", rss("News", items), "application/rss+xml"))
    return feeds[0], feeds[1]


def crawl_into(folder: Path, extra: str = "") -> CrawledStore:
    """Serve both outlets, crawl them once into ``folder/store.db``; the config is returned."""
    a, b = LoopbackWeb().start(), LoopbackWeb().start()
    try:
        feed_a, feed_b = _publish(a, b)
        config = write_config(folder / "config.toml", (
            '[alerts]\non_first_crawl = true\nmax_age = "100000d"\n\n'
            f'[[sources]]\nname = "outlet-a"\nkind = "feed"\nurl = "{feed_a}"\n\n'
            f'[[sources]]\nname = "outlet-b"\nkind = "feed"\nurl = "{feed_b}"\n' + extra
        ))
        done = run_cli("crawl", config=config)
        assert done.returncode == 0, done.stderr[-3000:]
        return CrawledStore(config, f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}")
    finally:
        a.stop()
        b.stop()
