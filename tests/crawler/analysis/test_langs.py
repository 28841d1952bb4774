"""Language packs: every pack complete, each read on its own, languages without one unread."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import crawler.analysis.langs as langs_pkg
from crawler.analysis.document import analyse
from crawler.analysis.langs import PACKS, pack_for
from crawler.analysis.langs.pack import LangPack, pack_problems
from crawler.analysis.lexicon import lexicon


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(langs_pkg.__path__) if m.name != "pack")


def test_every_language_module_is_registered_under_its_code() -> None:
    for name in _modules():
        pack = importlib.import_module(f"crawler.analysis.langs.{name}").PACK
        assert pack.code == name
        assert PACKS[name] is pack
    assert sorted(PACKS) == _modules()


@pytest.mark.parametrize("code", sorted(PACKS))
def test_pack_is_complete(code: str) -> None:
    assert pack_problems(PACKS[code]) == []


def test_every_field_says_who_needs_it() -> None:
    for f in dataclasses.fields(LangPack):
        assert f.metadata.get("need") in ("all", "words", "counters", "optional"), f.name
        assert f.metadata.get("doc"), f.name


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(LangPack)
                                   if f.metadata["need"] != "optional"
                                   and f.type not in ("bool", "int")])
def test_an_emptied_required_field_is_caught(field: str) -> None:
    """The completeness check can fail: empty any required field of a pack that needs it."""
    need = LangPack.__dataclass_fields__[field].metadata["need"]
    pack = next(p for p in PACKS.values() if need in ("all", p.grammar))
    empty = type(getattr(pack, field))()
    problems = pack_problems(dataclasses.replace(pack, **{field: empty}))
    assert any(p.startswith(f"{field}:") for p in problems)


def test_a_pack_lacking_a_field_cannot_be_built() -> None:
    values = {f.name: getattr(PACKS["en"], f.name) for f in dataclasses.fields(LangPack)}
    del values["facility"]
    with pytest.raises(TypeError, match="facility"):
        LangPack(**values)


def test_function_words_belong_to_one_pack_each() -> None:
    seen: dict[str, str] = {}
    for p in PACKS.values():
        for w in p.function_words:
            assert w not in seen, f"{w!r} is a function word of {seen[w]} and {p.code}"
            seen[w] = p.code


@pytest.mark.parametrize("code", sorted(PACKS))
def test_each_pack_reads_its_own_sample(code: str) -> None:
    pack = PACKS[code]
    lexicon(pack)  # every pattern of the pack compiles
    result = analyse(pack.sample)
    assert result.lang == code
    assert pack.sample_count in {c.count for c in result.claims}


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Правозащитная организация Safeguard Defenders сообщила о 102 китайских полицейских "
           "участках в 53 странах мира, в том числе о двух в Нидерландах."),
    ("pl", "Organizacja Safeguard Defenders poinformowała o 102 chińskich posterunkach policji "
           "w 53 krajach, w tym o dwóch w Holandii i jednym w Polsce."),
])
def test_a_language_without_a_pack_is_not_read_as_english(lang: str, text: str) -> None:
    assert pack_for(lang) is None
    result = analyse(text)
    assert result.lang == lang
    assert result.claims == ()
    assert result.unread == f"no language pack for {lang!r}"
    assert result.to_dict()["unread"] == result.unread


def test_a_language_without_a_pack_is_relevant_through_its_keywords() -> None:
    text = ("Власти Нидерландов закрыли два китайских полицейских участка в Амстердаме и "
            "Роттердаме, сообщила Safeguard Defenders.")
    assert not analyse(text).relevant
    assert analyse(text, keywords={"ru": ["китайских полицейских участка"]}).relevant
