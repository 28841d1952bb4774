"""Print the holdout table by hand: ``python -m tests.quality.holdout_report [--part odd|even]``.

The parts split the set by the number in each id, so that one half can guide
work on the analyser while the other half stays unseen and measures it.
"""

from __future__ import annotations

import argparse
import sys

from tests.quality.metrics import format_misses, format_table
from tests.quality.test_holdout import load_floors, load_items, run_holdout


def part(items: list[dict], which: str) -> list[dict]:
    if which == "all":
        return items
    want = 1 if which == "odd" else 0
    return [i for i in items if int(i["id"].rsplit("-", 1)[1]) % 2 == want]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.quality.holdout_report")
    p.add_argument("--part", choices=("all", "odd", "even"), default="all")
    p.add_argument("--misses", action="store_true", help="list the documents not scored perfectly")
    args = p.parse_args(argv)
    report = run_holdout(part(load_items(), args.part))
    sys.stdout.write(format_table(report, load_floors()) + "\n")
    if args.misses:
        sys.stdout.write(format_misses(report, limit=None) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
