"""Print the quality table by hand: ``python -m tests.quality.report [--lang xx] [--misses N]``."""

from __future__ import annotations

import argparse
import logging
import sys

from tests.quality import corpus
from tests.quality.metrics import format_misses, format_table, score

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None, *, analyser: corpus.Analyser | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.quality.report", description=__doc__)
    parser.add_argument("--lang", action="append", help="only these gold languages (repeatable)")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="also list up to N passages not scored perfectly (-1: all)")
    args = parser.parse_args(argv)

    passages = corpus.load_corpus()
    if args.lang:
        passages = [p for p in passages if p.lang in args.lang]
    floors = corpus.load_floors()
    if analyser is None:
        try:
            analyser = corpus.default_analyser()
        except ModuleNotFoundError as exc:
            sys.stderr.write(f"cannot load the analyser: {exc}\n")
            return 1
    report = score(corpus.run(passages, analyser))
    sys.stdout.write(format_table(report, floors) + "\n")
    if args.misses:
        limit = None if args.misses < 0 else args.misses
        sys.stdout.write(format_misses(report, limit) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
