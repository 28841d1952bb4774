"""Quality of the analyser on the independent holdout set (tests/fixtures/holdout).

The holdout documents were written apart from the gold corpus, by someone who
never saw it or the extractor, so this measures how the analyser generalises.
Each document goes through ``analyse(text)`` with no language hint; claims are
scored as multisets of ``(count, place, added)`` and relevance as accuracy, per
language, for the traditional-script subset ("zh-Hant") and overall. The table
is always printed; the floors come from tests/fixtures/holdout/floors.toml.
"""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path
from typing import Any

import pytest

from crawler.analysis.document import analyse
from tests.quality.metrics import (
    Floors,
    Outcome,
    Report,
    check_floors,
    claim_key,
    format_misses,
    format_table,
    score,
)

pytestmark = pytest.mark.slow  # a quality gate: CI runs it, the inner loop does not

log = logging.getLogger(__name__)

HOLDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "holdout"
LANGS = ("en", "ko", "zh", "ja", "es", "fr", "de", "it", "nl", "pt")
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to"}
CLAIM_FIELDS = {"count", "qualifier", "place", "city", "added", "countries", "cities"}


def load_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for lang in LANGS:
        path = HOLDOUT / f"{lang}.jsonl"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                item["_where"] = f"{path.name}:{n}"
                items.append(item)
    return items


def load_floors() -> Floors:
    data = tomllib.loads((HOLDOUT / "floors.toml").read_text(encoding="utf-8"))
    per = dict(data["per_language"])
    groups = per.pop("groups")
    return Floors(overall=data["overall"], per_group=per, groups=groups)


def _check_item(item: dict[str, Any], seen: set[str]) -> None:
    where = item["_where"]
    assert item["id"] not in seen, f"{where}: duplicate id {item['id']}"
    seen.add(item["id"])
    assert item["lang"] in LANGS, where
    assert item["id"].startswith(f"ho-{item['lang']}-"), where
    assert isinstance(item["text"], str) and item["text"].strip(), where
    assert isinstance(item["relevant"], bool), where
    assert item.get("script") in (None, "Hant"), where
    if not item["relevant"]:
        assert item["claims"] == [], f"{where}: an off-topic document carries no claims"
    for c in item["claims"]:
        assert set(c) == CLAIM_FIELDS, f"{where}: claim fields {sorted(c)}"
        assert isinstance(c["count"], int) and not isinstance(c["count"], bool), where
        assert c["count"] > 0, where
        assert c["qualifier"] in QUALIFIERS, where
        assert c["place"] is None or (len(c["place"]) == 2 and c["place"].isupper()), where
        assert c["city"] is None or c["place"] is not None, f"{where}: a city needs its country"
        assert isinstance(c["added"], bool), where
    keys = [(*claim_key(c), c["city"]) for c in item["claims"]]
    assert len(keys) == len(set(keys)), f"{where}: a (count, place, added, city) is listed twice"


def test_holdout_set_is_well_formed() -> None:
    items = load_items()
    seen: set[str] = set()
    for item in items:
        _check_item(item, seen)
    for lang in LANGS:
        mine = [i for i in items if i["lang"] == lang]
        assert len(mine) >= 25, f"{lang}: only {len(mine)} documents"
        negatives = sum(not i["relevant"] for i in mine)
        assert negatives / len(mine) >= 0.35, f"{lang}: {negatives}/{len(mine)} negatives"
    assert any(i.get("script") == "Hant" for i in items), "no traditional-script documents"


def run_holdout(items: list[dict[str, Any]]) -> Report:
    outcomes = []
    for item in items:
        result = analyse(item["text"])
        groups = (item["lang"],) + (("zh-Hant",) if item.get("script") == "Hant" else ())
        outcomes.append(
            Outcome(
                id=item["id"],
                groups=groups,
                gold_relevant=item["relevant"],
                predicted_relevant=bool(result.relevant),
                gold_claims=tuple(claim_key(c) for c in item["claims"]),
                predicted_claims=tuple(claim_key(c) for c in result.claims),
                gold_lang=item["lang"],
                predicted_lang=result.lang,
            )
        )
    return score(outcomes)


@pytest.mark.timeout(300)
def test_holdout_quality(capsys: pytest.CaptureFixture[str]) -> None:
    floors = load_floors()
    report = run_holdout(load_items())
    with capsys.disabled():
        print("\nholdout set: claims and relevance per language")
        print(format_table(report, floors))
        print(format_misses(report, limit=None))
    failures = check_floors(report, floors)
    assert not failures, "holdout below its floors:\n" + "\n".join(failures)
