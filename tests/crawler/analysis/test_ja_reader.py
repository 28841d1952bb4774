"""Japanese claim shapes read from real coverage, in our own sentences."""

from __future__ import annotations

from crawler.analysis.document import analyse


def _read(text: str) -> set[tuple[int, str | None, str, bool]]:
    return {(c.count, c.place, c.qualifier, c.added) for c in analyse(text, lang_hint="ja").claims}


def test_a_total_risen_to_with_amari_is_not_an_increment() -> None:
    # "余り" after the counter is one qualifier; the "に増えた" after it makes a total
    text = "人権団体の調べでは、中国の海外警察拠点は世界で120カ所余りに増えたという。"
    assert _read(text) == {(120, None, "more_than", False)}

