"""The quality gate: the product's analyser on the gold corpus, against the pinned floors.

Run with ``-s`` to see the table; it is also in the failure message. By hand:
``python -m tests.quality.report --misses 50``.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.quality import corpus
from tests.quality.metrics import check_floors, format_misses, format_table, score

pytestmark = pytest.mark.slow  # a quality gate: CI runs it, the inner loop does not

log = logging.getLogger(__name__)


@pytest.fixture(scope="module")
def results() -> list[tuple[corpus.Passage, Any]]:
    # the pipeline's call: no language hint, language detection is part of the job
    return corpus.analyse_all(corpus.load_corpus(), corpus.default_analyser())


def test_quality_gate(results) -> None:
    floors = corpus.load_floors()
    report = score(corpus.outcomes(results))
    table = format_table(report, floors)
    print("\n" + table)  # visible with -s
    print(format_misses(report, limit=None))
    failures = check_floors(report, floors)
    assert not failures, (
        "quality below floor:\n  " + "\n  ".join(failures) + "\n\n" + table + "\n\n"
        + format_misses(report, limit=60)
    )


def test_results_follow_the_contract(results) -> None:
    """Every result has the contract's shape, and each claim's evidence is in the text."""
    problems = [
        f"{p.id}: {problem}" for p, result in results
        for problem in corpus.result_problems(p.text, result)
    ]
    assert not problems, f"{len(problems)} problem(s):\n  " + "\n  ".join(problems[:40])
