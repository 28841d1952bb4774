"""Value types the analysis stages return; plain data, no behaviour beyond JSON shape."""

from __future__ import annotations

from dataclasses import dataclass

QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to")


@dataclass(frozen=True, slots=True)
class ClaimData:
    """One facility count read from a document (see CONTRACT.md, "Claims")."""

    count: int
    qualifier: str
    place: str | None
    city: str | None
    added: bool
    countries: int | None
    cities: int | None
    evidence: str

    def to_dict(self) -> dict[str, object]:
        return {
            "count": self.count,
            "qualifier": self.qualifier,
            "place": self.place,
            "city": self.city,
            "added": self.added,
            "countries": self.countries,
            "cities": self.cities,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a document says about the topic: relevance, language and claims."""

    relevant: bool
    score: float
    lang: str | None
    claims: tuple[ClaimData, ...]
    unread: str | None = None  # why the counts were not read (a language without a pack)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "relevant": self.relevant,
            "score": round(self.score, 4),
            "lang": self.lang,
            "claims": [c.to_dict() for c in self.claims],
        }
        if self.unread is not None:
            out["unread"] = self.unread
        return out
