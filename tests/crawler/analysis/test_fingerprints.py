"""Content hashes, MinHash signatures, LSH bands and similarity: table tests."""

from __future__ import annotations

import random

import pytest

from crawler.analysis import fingerprints as fp
from tests.support.stories import fixture_text

DUBLIN = fixture_text("story_dublin")
TORONTO = fixture_text("story_toronto")
ZH = (
    "据西班牙人权组织保护卫士发布的报告，中国在五大洲21个国家设立了54个海外警务服务站。"
    "该组织称，这些服务站由福州和青田的公安机关开设，用于劝返在海外的中国公民。"
    "荷兰外交部表示，已要求阿姆斯特丹和鹿特丹的两个站点立即关闭，并展开调查。"
    "中国外交部否认存在所谓海外警察站，称这些场所由志愿者运营，帮助侨民更换驾照。"
)
KO = (
    "서울 송파구의 한 중식당이 중국 비밀경찰서로 의심된다는 보도가 나왔다. "
    "방첩 당국은 해당 식당 운영자와 중국 당국의 관계를 조사하고 있다고 밝혔다. "
    "식당 대표는 기자회견을 열고 의혹을 전면 부인했다. "
    "국제 인권단체는 전 세계 53개국에 102곳 이상의 해외 경찰서가 있다고 주장했다."
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("More than 102 stations", "more  than\n102   STATIONS ", True),
        ("Ｆｕｌｌｗｉｄｔｈ ５４", "fullwidth 54", True),  # NFKC
        ("Straße", "STRASSE", True),  # casefold
        ("54 stations", "53 stations", False),
        ("a b", "ab", False),
    ],
)
def test_content_hash_normalises(a, b, same):
    assert (fp.content_hash(a) == fp.content_hash(b)) is same
    assert len(fp.content_hash(a)) == 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police, stations!", ["police", "stations"]),
        ("海外警察站", ["海", "外", "警", "察", "站"]),
        ("東京の2カ所", ["東", "京", "の", "2", "カ", "所"]),
        ("비밀경찰서 102곳", ["비밀경찰서", "102곳"]),
        ("Ｆｕｌｌ ５４", ["full", "54"]),
    ],
)
def test_tokens(text, expected):
    assert fp.tokens(text) == expected


def test_signature_shape_and_determinism():
    sig = fp.signature(DUBLIN)
    assert len(sig) == fp.SIGNATURE_BYTES == 512
    assert fp.signature(DUBLIN) == sig
    bands = fp.band_hashes(sig)
    assert len(bands) == fp.BANDS
    assert all(-(2**63) <= b < 2**63 for b in bands)
    assert fp.band_hashes(sig) == bands


@pytest.mark.parametrize("text", ["", "   ", "!!! --- ..."])
def test_no_tokens_no_signature(text):
    assert fp.signature(text) == b""
    assert fp.band_hashes(b"") == []
    assert fp.similarity(b"", b"") == 0.0


def test_short_text_still_has_a_signature():
    assert len(fp.signature("Two")) == fp.SIGNATURE_BYTES
    assert fp.similarity(fp.signature("two words"), fp.signature("two words")) == 1.0


def test_bad_signature_is_refused():
    with pytest.raises(ValueError):
        fp.similarity(b"\x00" * 10, b"\x00" * 10)


def _drop_sentence(text: str) -> str:
    sentences = text.split(". ")
    return ". ".join(sentences[:3] + sentences[4:])


@pytest.mark.parametrize(
    ("name", "a", "b", "low", "high"),
    [
        ("identical", DUBLIN, DUBLIN, 1.0, 1.0),
        ("extra sentence", DUBLIN, DUBLIN + " Officials gave no date for a decision.", 0.9, 1.0),
        ("sentence removed", DUBLIN, _drop_sentence(DUBLIN), 0.85, 1.0),
        ("reflowed and re-cased", DUBLIN, DUBLIN.replace("\n\n", " ").upper(), 1.0, 1.0),
        ("other story", DUBLIN, TORONTO, 0.0, 0.05),
        ("zh extra sentence", ZH, ZH + "该报告在欧洲引起广泛关注。", 0.8, 1.0),
        ("zh vs ko", ZH, KO, 0.0, 0.05),
        ("ko sentence removed", KO, KO.split(". ", 1)[1], 0.6, 0.9),
        (
            "live template",
            fixture_text("live_header", "live_monday", "live_footer"),
            fixture_text("live_header", "live_tuesday", "live_footer"),
            0.1,
            0.45,
        ),
    ],
)
def test_similarity_tracks_jaccard(name, a, b, low, high):
    exact = fp.jaccard(a, b)
    estimate = fp.similarity(fp.signature(a), fp.signature(b))
    assert low <= exact <= high, f"{name}: jaccard {exact:.3f}"
    assert abs(estimate - exact) < 0.15, f"{name}: estimate {estimate:.3f} vs {exact:.3f}"


def test_estimate_is_unbiased_over_many_pairs():
    rng = random.Random(7)
    words = DUBLIN.split() + TORONTO.split()
    errors = []
    for _ in range(40):
        a = rng.sample(words, 200)
        b = a[: rng.randint(100, 200)] + rng.sample(words, rng.randint(0, 100))
        ta, tb = " ".join(a), " ".join(b)
        errors.append(fp.similarity(fp.signature(ta), fp.signature(tb)) - fp.jaccard(ta, tb))
    assert abs(sum(errors) / len(errors)) < 0.03
    assert max(abs(e) for e in errors) < 0.2


@pytest.mark.parametrize(
    ("jaccard", "min_rate", "max_rate"),
    [(0.9, 0.97, 1.0), (0.5, 0.0, 0.1)],
)
def test_band_collision_rate_matches_the_threshold(jaccard, min_rate, max_rate):
    """Pairs at high Jaccard share a band nearly always; pairs at 0.5 rarely."""
    rng = random.Random(11)
    hits, trials = 0, 60
    for t in range(trials):
        base = [f"w{t}x{i}" for i in range(400)]
        # keep n shingles' worth of words and replace the rest to reach the target
        keep = int(len(base) * (2 * jaccard / (1 + jaccard)))
        other = base[:keep] + [f"v{t}y{i}z{rng.randrange(10**9)}" for i in range(len(base) - keep)]
        ta, tb = " ".join(base), " ".join(other)
        assert abs(fp.jaccard(ta, tb) - jaccard) < 0.01
        sa, sb = fp.signature(ta), fp.signature(tb)
        hits += bool(set(fp.band_hashes(sa)) & set(fp.band_hashes(sb)))
    assert min_rate <= hits / trials <= max_rate
