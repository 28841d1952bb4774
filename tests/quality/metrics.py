"""Scoring of claims and relevance against the gold corpus (pure: no I/O).

A claim is matched on its key ``(count, place, added)``; qualifier, city,
countries, cities and evidence are not part of the match. Within one passage
the gold keys and the predicted keys are compared as multisets: a predicted key
is a true positive as many times as it occurs in both, every surplus predicted
key is a false positive and every missing gold key a false negative.

Precision is TP / (TP + FP) and recall TP / (TP + FN), pooled over the passages
of a group (micro-averaged). A group with nothing to divide by scores 1.0: no
predictions means no wrong predictions, no gold claims means nothing missed.
Relevance accuracy is the share of passages whose predicted boolean equals the
gold label.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

ClaimKey = tuple[int, str | None, bool]

OVERALL = "overall"
METRICS = ("claims_precision", "claims_recall", "relevance_accuracy")


def claim_key(claim: object) -> ClaimKey:
    """The match key of a claim given as a mapping or as an object with attributes."""
    if isinstance(claim, Mapping):
        count, place, added = claim["count"], claim.get("place"), claim.get("added", False)
    else:
        count = getattr(claim, "count", None)
        place = getattr(claim, "place", None)
        added = getattr(claim, "added", False)
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"claim count must be an int, got {count!r}")
    return (count, place.upper() if isinstance(place, str) else None, bool(added))


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    tp: int
    fp: int
    fn: int
    missing: tuple[ClaimKey, ...] = ()
    extra: tuple[ClaimKey, ...] = ()


def match_claims(gold: Iterable[ClaimKey], predicted: Iterable[ClaimKey]) -> ClaimMatch:
    """Multiset comparison of one passage's gold and predicted claim keys."""
    g, p = Counter(gold), Counter(predicted)
    common = g & p
    missing, extra = g - p, p - g
    return ClaimMatch(
        tp=sum(common.values()),
        fp=sum(extra.values()),
        fn=sum(missing.values()),
        missing=tuple(sorted(missing.elements(), key=_sort_key)),
        extra=tuple(sorted(extra.elements(), key=_sort_key)),
    )


def _sort_key(key: ClaimKey) -> tuple[int, str, bool]:
    return (key[0], key[1] or "", key[2])


@dataclass(frozen=True, slots=True)
class Outcome:
    """One passage: the gold labels beside what the analyser returned."""

    id: str
    groups: tuple[str, ...]  # e.g. ("zh", "zh-Hant"); "overall" is implied
    gold_relevant: bool
    predicted_relevant: bool
    gold_claims: tuple[ClaimKey, ...]
    predicted_claims: tuple[ClaimKey, ...]
    gold_lang: str | None = None
    predicted_lang: str | None = None

    @property
    def match(self) -> ClaimMatch:
        return match_claims(self.gold_claims, self.predicted_claims)

    @property
    def relevance_ok(self) -> bool:
        return self.gold_relevant == self.predicted_relevant

    @property
    def perfect(self) -> bool:
        m = self.match
        return self.relevance_ok and m.fp == 0 and m.fn == 0


@dataclass(slots=True)
class Tally:
    passages: int = 0
    relevance_correct: int = 0
    lang_checked: int = 0
    lang_correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, o: Outcome) -> None:
        m = o.match
        self.passages += 1
        self.relevance_correct += o.relevance_ok
        self.tp += m.tp
        self.fp += m.fp
        self.fn += m.fn
        if o.gold_lang is not None:
            self.lang_checked += 1
            self.lang_correct += o.predicted_lang == o.gold_lang

    @property
    def claims_precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def claims_recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def relevance_accuracy(self) -> float:
        return _ratio(self.relevance_correct, self.passages)

    @property
    def lang_accuracy(self) -> float:
        return _ratio(self.lang_correct, self.lang_checked)


def _ratio(num: int, den: int) -> float:
    return 1.0 if den == 0 else num / den


@dataclass(slots=True)
class Report:
    groups: dict[str, Tally] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        return self.groups[OVERALL]

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.perfect]


def score(outcomes: Iterable[Outcome]) -> Report:
    """Tally every outcome into "overall" and into each of its groups."""
    report = Report(groups={OVERALL: Tally()})
    for o in outcomes:
        report.outcomes.append(o)
        report.groups[OVERALL].add(o)
        for g in o.groups:
            report.groups.setdefault(g, Tally()).add(o)
    return report


@dataclass(frozen=True, slots=True)
class Floors:
    """Minimum figures: one set for the whole corpus, one for each named group."""

    overall: Mapping[str, float]
    per_group: Mapping[str, float]
    groups: Sequence[str]


def check_floors(report: Report, floors: Floors) -> list[str]:
    """Every figure below its floor (and every floored group absent), as messages."""
    failures: list[str] = []
    for name, minimum in floors.overall.items():
        value = getattr(report.overall, name)
        if value < minimum:
            failures.append(f"{OVERALL}: {name} {value:.3f} < floor {minimum:.2f}")
    for group in floors.groups:
        tally = report.groups.get(group)
        if tally is None or tally.passages == 0:
            failures.append(f"{group}: no passages scored")
            continue
        for name, minimum in floors.per_group.items():
            value = getattr(tally, name)
            if value < minimum:
                failures.append(f"{group}: {name} {value:.3f} < floor {minimum:.2f}")
    return failures


def format_table(report: Report, floors: Floors | None = None) -> str:
    """A fixed-width table: one row per group, overall last; '!' marks a figure below its floor."""
    header = (
        f"{'group':<9}{'passages':>9}{'gold':>6}{'pred':>6}{'tp':>5}"
        f"{'precision':>11}{'recall':>9}{'relevance':>11}{'lang':>8}"
    )
    lines = [header, "-" * len(header)]
    names = sorted(g for g in report.groups if g != OVERALL) + [OVERALL]
    for name in names:
        t = report.groups[name]
        if floors is None:
            limits: Mapping[str, float] = {}
        elif name == OVERALL:
            limits = floors.overall
        elif name in floors.groups:
            limits = floors.per_group
        else:
            limits = {}

        def cell(metric: str, width: int, t: Tally = t, limits: Mapping[str, float] = limits) -> str:
            value = getattr(t, metric)
            mark = "!" if metric in limits and value < limits[metric] else " "
            return f"{value:.3f}{mark}".rjust(width)

        lang = f"{t.lang_accuracy:.3f}" if t.lang_checked else "-"
        lines.append(
            f"{name:<9}{t.passages:>9}{t.tp + t.fn:>6}{t.tp + t.fp:>6}{t.tp:>5}"
            f"{cell('claims_precision', 11)}{cell('claims_recall', 9)}"
            f"{cell('relevance_accuracy', 11)}{lang:>8}"
        )
    return "\n".join(lines)


def format_misses(report: Report, limit: int | None = 40) -> str:
    """The passages that were not scored perfectly, with what was missing and extra."""
    misses = report.misses()
    lines = [f"{len(misses)} passage(s) not perfect"]
    for o in misses[: limit if limit is not None else len(misses)]:
        parts = [o.id]
        if not o.relevance_ok:
            parts.append(f"relevant gold={o.gold_relevant} got={o.predicted_relevant}")
        m = o.match
        if m.missing:
            parts.append(f"missing={list(m.missing)}")
        if m.extra:
            parts.append(f"extra={list(m.extra)}")
        if o.gold_lang is not None and o.predicted_lang != o.gold_lang:
            parts.append(f"lang={o.predicted_lang}")
        lines.append("  " + "  ".join(parts))
    if limit is not None and len(misses) > limit:
        lines.append(f"  ... and {len(misses) - limit} more")
    return "\n".join(lines)
