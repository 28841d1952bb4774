"""Sanity of the gold corpus itself: it must be a fair, well-formed test."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.quality import corpus
from tests.quality.corpus import LANGS, line_problems, load_corpus

MIN_PASSAGES = 400
MIN_PER_LANG = 35
MIN_NEGATIVE_SHARE = 0.30


@pytest.fixture(scope="module")
def passages() -> list[corpus.Passage]:
    return load_corpus()  # raises on any malformed line, naming file and line


def test_ids_are_unique(passages):
    dupes = [i for i, n in Counter(p.id for p in passages).items() if n > 1]
    assert dupes == []


def test_size_and_languages(passages):
    assert len(passages) >= MIN_PASSAGES
    per_lang = Counter(p.lang for p in passages)
    assert set(per_lang) == set(LANGS)
    thin = {lang: n for lang, n in per_lang.items() if n < MIN_PER_LANG}
    assert thin == {}
    assert sum(1 for p in passages if p.script == "Hant") >= 20


def test_negative_share_overall_and_per_language(passages):
    def share(ps):
        return sum(p.negative for p in ps) / len(ps)

    assert share(passages) >= MIN_NEGATIVE_SHARE
    for lang in LANGS:
        ps = [p for p in passages if p.lang == lang]
        assert share(ps) >= MIN_NEGATIVE_SHARE, lang
        # and off-topic passages proper, not only on-topic ones without a count
        assert sum(not p.relevant for p in ps) / len(ps) >= 0.2, lang


def test_passages_are_one_to_five_sentences_of_real_length(passages):
    for p in passages:
        assert 8 <= len(p.text) <= 1200, p.id  # CJK headlines are short


def test_gold_claims_are_not_listed_twice(passages):
    # the same key may occur twice only for two different cities ("two in Barcelona, two in
    # Valencia"); a figure merely repeated in a passage is labelled once
    for p in passages:
        full = [tuple(sorted(c.items())) for c in p.claims]
        assert len(full) == len(set(full)), p.id


def test_validator_catches_contract_violations():
    good = {"id": "en-999", "lang": "en", "text": "x" * 30, "relevant": True, "claims": [
        {"count": 11, "qualifier": "at_least", "place": "IT", "city": None, "added": False,
         "countries": None, "cities": None}]}
    assert line_problems(good, expected_lang="en") == []
    bad_claim = dict(good["claims"][0], place="Italy", qualifier="roughly")
    problems = line_problems(dict(good, claims=[bad_claim]))
    assert any("place" in p for p in problems) and any("qualifier" in p for p in problems)
    assert line_problems(dict(good, relevant=False)) == ["an off-topic passage cannot carry claims"]
    assert line_problems(dict(good, script="Hant"))
    assert line_problems(good, expected_lang="ko")


class _Result:
    def __init__(self, relevant: bool, claims: tuple, lang: str | None) -> None:
        self.relevant, self.claims, self.lang = relevant, claims, lang


def test_gate_can_pass_and_can_fail(passages):
    """The scoring path the gate uses: an oracle passes every floor, a blank analyser fails."""
    from tests.quality.metrics import check_floors, score

    gold = {p.text: p for p in passages}
    floors = corpus.load_floors()

    def oracle(text: str) -> _Result:
        p = gold[text]
        return _Result(p.relevant, p.claims, p.lang)

    def blank(text: str) -> _Result:
        return _Result(False, (), None)

    assert check_floors(score(corpus.run(passages, oracle)), floors) == []
    failures = check_floors(score(corpus.run(passages, blank)), floors)
    assert any(f.startswith("overall: claims_recall 0.000 < floor ") for f in failures)
    assert any(f.startswith("zh-Hant: ") for f in failures)


class _Dumped:
    def __init__(self, data: dict) -> None:
        self.data = data

    def to_dict(self) -> dict:
        return self.data


def test_result_problems_checks_the_contract_shape():
    text = "Italy hosts 11 stations.\nSpain hosts nine."
    claim = {"count": 11, "qualifier": "exact", "place": "IT", "city": None, "added": False,
             "countries": None, "cities": None, "evidence": "Italy hosts 11 stations."}
    ok = {"relevant": True, "score": 0.9, "lang": "en", "claims": [claim]}
    assert corpus.result_problems(text, _Dumped(ok)) == []
    bad_claim = dict(claim, place="it", evidence="Italy hosts eleven stations.")
    bad = {"relevant": 1, "score": 1.5, "lang": "eng", "claims": [bad_claim]}
    problems = corpus.result_problems(text, _Dumped(bad))
    assert len(problems) == 5, problems


def test_report_prints_the_table(passages, capsys):
    from tests.quality import report

    gold = {p.text: p for p in passages}

    def oracle(text: str) -> _Result:
        p = gold[text]
        return _Result(p.relevant, p.claims, p.lang)

    assert report.main(["--only", "gold", "--lang", "ko", "--misses", "5"], analyser=oracle) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("gold corpus")
    assert out.splitlines()[3].startswith("ko ")
    assert "1.000" in out and "0 passage(s) not perfect" in out


def test_texts_are_unique_and_every_language_has_claims_to_find(passages):
    texts = Counter(p.text for p in passages)
    assert [t for t, n in texts.items() if n > 1] == []
    for lang in LANGS:
        with_claims = [p for p in passages if p.lang == lang and p.claims]
        assert len(with_claims) >= 15, lang
        assert any(c["added"] for p in with_claims for c in p.claims), lang
        assert any(c["place"] for p in with_claims for c in p.claims), lang
