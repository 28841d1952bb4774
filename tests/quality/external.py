"""Evaluation sets written away from the reader: the field sets and ../shared/eval.

Both hold claim passages (``{"id", "lang", "text", "claims", "optional"}``) and
relevance items (``{"id", "lang", "title", "text", "relevant"}``), scored the way the
owners score their held-back halves: per passage, the *set* of ``(count, place, added)``
keys the reader returns against the set labelled, a key in ``optional`` neither
rewarded nor penalised; relevance is accuracy on title + blank line + text. Each text
is analysed with its language as the hint, as a source's configured language would be.

The field sets (tests/fixtures/field, field2 and field3) are split by the number in each id:
odd ids are the tune half (their misses may be read), even ids the check half (scored
only: ``misses`` refuses them). tests/fixtures/field4 is check only: scored whole, never
read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.quality.metrics import ClaimKey, Outcome, Report, claim_key, score

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
FIELD_DIR = ROOT / "tests" / "fixtures" / "field"
FIELD2_DIR = ROOT / "tests" / "fixtures" / "field2"
FIELD3_DIR = ROOT / "tests" / "fixtures" / "field3"
FIELD_DIRS = (FIELD_DIR, FIELD2_DIR, FIELD3_DIR)
# check only: no tune half, every item scored, no miss ever printed
FIELD4_DIR = ROOT / "tests" / "fixtures" / "field4"
# beside the project, when it is there (a worktree may sit one folder deeper)
SHARED_EVAL = next((p / "shared" / "eval" for p in (ROOT.parent, ROOT.parent.parent)
                    if (p / "shared" / "eval").is_dir()), ROOT.parent / "shared" / "eval")

Analyse = Callable[[str, str], Any]  # (text, lang hint) -> object with .relevant, .claims


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    lang: str
    script: str | None
    text: str
    relevant: bool | None            # relevance items only
    claims: frozenset[ClaimKey] | None   # claim passages only
    optional: frozenset[ClaimKey]

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])

    @property
    def groups(self) -> tuple[str, ...]:
        return (self.lang, f"{self.lang}-{self.script}") if self.script else (self.lang,)


def _load(path: Path) -> list[Item]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name}:{n}: {exc}") from exc
        is_claims = "claims" in raw
        text = raw["text"] if is_claims else f"{raw['title']}\n\n{raw['text']}"
        items.append(Item(
            id=raw["id"], lang=raw["lang"], script=raw.get("script"), text=text,
            relevant=None if is_claims else bool(raw["relevant"]),
            claims=frozenset(claim_key(c) for c in raw["claims"]) if is_claims else None,
            optional=frozenset(claim_key(c) for c in raw.get("optional") or ())))
    return items


def load(folder: Path, kind: str) -> list[Item]:
    """Every ``{kind}_*.jsonl`` item of ``folder`` (kind: claims or relevance)."""
    items: list[Item] = []
    for path in sorted(folder.glob(f"{kind}_*.jsonl")):
        items.extend(_load(path))
    return items


def half(items: Iterable[Item], which: str) -> list[Item]:
    """The odd (tune) or even (check) half by id number; ``all`` for both."""
    if which == "all":
        return list(items)
    want = 1 if which == "odd" else 0
    return [i for i in items if i.number % 2 == want]


def run(items: Iterable[Item], analyse: Analyse) -> Report:
    outcomes = []
    for item in items:
        result = analyse(item.text, item.lang)
        if item.claims is None:  # relevance item
            assert item.relevant is not None
            outcomes.append(Outcome(
                id=item.id, groups=item.groups, gold_relevant=item.relevant,
                predicted_relevant=bool(result.relevant), gold_claims=(), predicted_claims=(),
                gold_lang=item.lang, predicted_lang=result.lang))
            continue
        got = {claim_key(c) for c in result.claims} - item.optional
        outcomes.append(Outcome(
            id=item.id, groups=item.groups, gold_relevant=True, predicted_relevant=True,
            gold_claims=tuple(sorted(item.claims, key=str)),
            predicted_claims=tuple(sorted(got, key=str)),
            gold_lang=item.lang, predicted_lang=result.lang))
    return score(outcomes)


def default_analyse() -> Analyse:
    from crawler.analysis.document import analyse

    def call(text: str, lang: str) -> Any:
        return analyse(text, lang_hint=lang)

    return call


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def format_f1_table(claims: Report, relevance: Report | None) -> str:
    """Claims P/R/F1 per language and overall; relevance accuracy beside them."""
    header = f"{'group':<9}{'passages':>9}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}{'rel':>8}"
    lines = [header, "-" * len(header)]
    names = sorted(g for g in claims.groups if g != "overall") + ["overall"]
    for name in names:
        t = claims.groups[name]
        rel = relevance.groups.get(name) if relevance is not None else None
        rel_txt = f"{rel.relevance_accuracy:>8.3f}" if rel is not None and rel.passages else f"{'':>8}"
        lines.append(f"{name:<9}{t.passages:>9}{t.tp:>5}{t.fp:>5}{t.fn:>5}"
                     f"{t.claims_precision:>7.3f}{t.claims_recall:>7.3f}"
                     f"{f1(t.claims_precision, t.claims_recall):>7.3f}{rel_txt}")
    return "\n".join(lines)
