"""Quality of the reader on the field sets (tests/fixtures/field, field2, field3, field4), against pinned floors.

The field set was written away from the reader, from real coverage (see its README):
this gate keeps what the reader learnt from it. The check half (even ids) is scored
with the rest but its misses are never printed: ``python -m tests.quality.report
--field-misses`` lists the tune half's only.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

import pytest

from tests.quality import external
from tests.quality.metrics import Floors, check_floors

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# each field set and the file of its floors
SETS = {"field": (external.FIELD_DIR, HERE / "field_floors.toml", 300, 100),
        "field2": (external.FIELD2_DIR, HERE / "field2_floors.toml", 240, 80),
        "field3": (external.FIELD3_DIR, HERE / "field3_floors.toml", 230, 146),
        # check only: no tune half (see its README)
        "field4": (external.FIELD4_DIR, HERE / "field4_floors.toml", 174, 90)}
pytestmark = pytest.mark.slow


def _floors(name: str, kind: str) -> Floors:
    data = tomllib.loads(SETS[name][1].read_text(encoding="utf-8"))[kind]
    per = dict(data["per_language"])
    groups = per.pop("groups")
    return Floors(overall=data["overall"], per_group=per, groups=groups)


@pytest.fixture(scope="module")
def analyse() -> external.Analyse:
    return external.default_analyse()


@pytest.mark.parametrize("name", sorted(SETS))
def test_field_set_is_there_and_well_formed(name: str) -> None:
    folder, _, n_claims, n_relevance = SETS[name]
    claims = external.load(folder, "claims")
    relevance = external.load(folder, "relevance")
    assert len(claims) >= n_claims and len(relevance) >= n_relevance
    ids = [i.id for i in claims + relevance]
    assert len(ids) == len(set(ids))
    assert {i.number % 2 for i in claims} == {0, 1}  # both halves


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("kind", ["claims", "relevance"])
def test_field_quality(name: str, kind: str, analyse: external.Analyse) -> None:
    items = external.load(SETS[name][0], kind)
    report = external.run(items, analyse)
    failures = check_floors(report, _floors(name, kind))
    table = external.format_f1_table(report, report if kind == "relevance" else None)
    assert not failures, (f"{name} below its floors ({kind}):\n  " + "\n  ".join(failures)
                          + "\n" + table)


def test_report_skips_a_missing_shared_eval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.quality import report

    assert report.main(["--only", "shared", "--shared", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_report_scores_a_shared_eval_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.quality import report

    (tmp_path / "claims_dev.jsonl").write_text(
        '{"id": "x-1", "lang": "en", "text": "Police found two Chinese police stations in '
        'Athens.", "claims": [{"count": 2, "qualifier": "exact", "place": "GR", "city": "Athens", '
        '"added": false, "countries": null, "cities": null}], "optional": []}\n', encoding="utf-8")
    assert report.main(["--only", "shared", "--shared", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "1.000" in out
