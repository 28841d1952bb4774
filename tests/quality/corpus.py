"""Loading the gold corpus and the floors, validating them, and running an analyser over them."""

from __future__ import annotations

import json
import logging
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.quality.metrics import METRICS, ClaimKey, Floors, Outcome, claim_key

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
FLOORS_PATH = Path(__file__).resolve().parent / "floors.toml"

LANGS = ("en", "ko", "zh", "ja", "es", "fr", "de", "it", "nl", "pt")
QUALIFIERS = frozenset({"exact", "at_least", "more_than", "about", "up_to"})
CLAIM_KEYS = ("count", "qualifier", "place", "city", "added", "countries", "cities")
LINE_KEYS = frozenset({"id", "lang", "script", "text", "relevant", "claims", "note"})


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    lang: str
    script: str | None
    text: str
    relevant: bool
    claims: tuple[dict[str, Any], ...]
    note: str | None

    @property
    def groups(self) -> tuple[str, ...]:
        return (self.lang, f"{self.lang}-{self.script}") if self.script else (self.lang,)

    @property
    def claim_keys(self) -> tuple[ClaimKey, ...]:
        return tuple(claim_key(c) for c in self.claims)

    @property
    def negative(self) -> bool:
        """A hard negative: off topic, or on topic with no facility count to read."""
        return not self.relevant or not self.claims


def load_corpus(gold_dir: Path = GOLD_DIR) -> list[Passage]:
    passages: list[Passage] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path.name}:{lineno}: {exc}") from exc
                passages.append(
                    Passage(
                        id=raw.get("id"),
                        lang=raw.get("lang"),
                        script=raw.get("script"),
                        text=raw.get("text"),
                        relevant=raw.get("relevant"),
                        claims=tuple(raw.get("claims") or ()),
                        note=raw.get("note"),
                    )
                )
                problems = line_problems(raw, expected_lang=path.stem)
                if problems:
                    raise ValueError(f"{path.name}:{lineno}: " + "; ".join(problems))
    return passages


def line_problems(raw: dict[str, Any], *, expected_lang: str | None = None) -> list[str]:
    """What is wrong with one corpus line, per the contract's claim table (empty when fine)."""
    out: list[str] = []
    extra = set(raw) - LINE_KEYS
    if extra:
        out.append(f"unknown keys {sorted(extra)}")
    pid, lang = raw.get("id"), raw.get("lang")
    if not isinstance(pid, str) or not pid.startswith(f"{lang}-"):
        out.append(f"id {pid!r} must be a string starting with '{lang}-'")
    if lang not in LANGS:
        out.append(f"lang {lang!r} not one of {LANGS}")
    if expected_lang is not None and lang != expected_lang:
        out.append(f"lang {lang!r} in {expected_lang}.jsonl")
    if raw.get("script") not in (None, "Hans", "Hant") or (raw.get("script") and lang != "zh"):
        out.append(f"script {raw.get('script')!r} (only Hans/Hant, only for zh)")
    if not isinstance(raw.get("text"), str) or not raw["text"].strip():
        out.append("text must be a non-empty string")
    if not isinstance(raw.get("relevant"), bool):
        out.append("relevant must be a boolean")
    claims = raw.get("claims")
    if not isinstance(claims, list):
        out.append("claims must be a list")
        claims = []
    if raw.get("relevant") is False and claims:
        out.append("an off-topic passage cannot carry claims")
    for i, c in enumerate(claims):
        out.extend(f"claims[{i}]: {p}" for p in claim_problems(c))
    return out


def claim_problems(c: object) -> list[str]:
    if not isinstance(c, dict):
        return ["not an object"]
    out: list[str] = []
    if list(c) != list(CLAIM_KEYS):
        out.append(f"keys must be exactly {CLAIM_KEYS} in that order, got {list(c)}")
    count = c.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        out.append(f"count {count!r} must be a positive int")
    if c.get("qualifier") not in QUALIFIERS:
        out.append(f"qualifier {c.get('qualifier')!r}")
    place = c.get("place")
    if place is not None and (not isinstance(place, str) or len(place) != 2 or not place.isupper()):
        out.append(f"place {place!r} must be null or ISO alpha-2 upper case")
    city = c.get("city")
    if city is not None and (not isinstance(city, str) or place is None):
        out.append("city needs a string value and a place")
    if not isinstance(c.get("added"), bool):
        out.append("added must be a boolean")
    for key in ("countries", "cities"):
        v = c.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1):
            out.append(f"{key} {v!r} must be null or a positive int")
    if c.get("countries") is not None and place is not None:
        out.append("a count spanning several countries has place null")
    return out


def load_floors(path: Path = FLOORS_PATH) -> Floors:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    overall = {k: float(v) for k, v in data["overall"].items()}
    per = data["per_language"]
    per_group = {k: float(v) for k, v in per.items() if k != "groups"}
    unknown = (set(overall) | set(per_group)) - set(METRICS)
    if unknown:
        raise ValueError(f"{path}: unknown metric(s) {sorted(unknown)}; known: {METRICS}")
    return Floors(overall=overall, per_group=per_group, groups=tuple(per["groups"]))


Analyser = Callable[[str], Any]  # text -> object with .relevant, .lang, .claims


def analyse_all(passages: Iterable[Passage], analyser: Analyser) -> list[tuple[Passage, Any]]:
    """Each passage with the analyser's result for its text."""
    return [(p, analyser(p.text)) for p in passages]


def outcomes(pairs: Iterable[tuple[Passage, Any]]) -> list[Outcome]:
    """Pair each result with its gold labels for scoring."""
    return [
        Outcome(
            id=p.id,
            groups=p.groups,
            gold_relevant=p.relevant,
            predicted_relevant=bool(result.relevant),
            gold_claims=p.claim_keys,
            predicted_claims=tuple(claim_key(c) for c in result.claims),
            gold_lang=p.lang,
            predicted_lang=getattr(result, "lang", None),
        )
        for p, result in pairs
    ]


def run(passages: Iterable[Passage], analyser: Analyser) -> list[Outcome]:
    """Analyse every passage and pair the result with its gold labels."""
    return outcomes(analyse_all(passages, analyser))


def result_problems(text: str, result: Any) -> list[str]:
    """Where one analyser result departs from the contract's shape (empty when fine)."""
    out: list[str] = []
    data = result.to_dict()
    if list(data)[:4] != ["relevant", "score", "lang", "claims"]:
        out.append(f"keys {list(data)}")
    if not isinstance(data.get("relevant"), bool):
        out.append(f"relevant {data.get('relevant')!r}")
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0.0 <= score <= 1.0:
        out.append(f"score {score!r} not in [0, 1]")
    lang = data.get("lang")
    if lang is not None and (not isinstance(lang, str) or len(lang) != 2 or not lang.islower()):
        out.append(f"lang {lang!r} not an ISO 639-1 code")
    flat = " ".join(text.split())
    for i, c in enumerate(data.get("claims", [])):
        keys = list(c)
        if keys[: len(CLAIM_KEYS)] != list(CLAIM_KEYS) or "evidence" not in keys:
            out.append(f"claims[{i}] keys {keys}")
            continue
        out.extend(f"claims[{i}]: {p}" for p in claim_problems({k: c[k] for k in CLAIM_KEYS}))
        evidence = c["evidence"]
        if not isinstance(evidence, str) or not evidence.strip():
            out.append(f"claims[{i}]: empty evidence")
        elif " ".join(evidence.split()) not in flat:
            out.append(f"claims[{i}]: evidence not found in the text: {evidence!r}")
    return out


def default_analyser() -> Analyser:
    """The product's analyser, called as the pipeline calls it: no language hint."""
    from crawler.analysis.document import analyse

    def call(text: str) -> Any:
        return analyse(text, lang_hint=None)

    return call
