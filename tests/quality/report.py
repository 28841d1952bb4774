"""Print the quality tables by hand: ``python -m tests.quality.report [--lang xx] [--misses N]``.

Three kinds of set: the gold corpus (tests/fixtures/gold, against its floors); the field
sets (tests/fixtures/field, field2 and field3), each in its tune (odd) and check (even) halves;
and ../shared/eval when that folder is beside the project (or given with ``--shared``),
skipped otherwise. Misses of the field sets are listed for the tune halves only.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tests.quality import corpus, external
from tests.quality.metrics import Report, format_misses, format_table, score

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None, *, analyser: corpus.Analyser | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.quality.report", description=__doc__)
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="also list up to N gold passages not scored perfectly (-1: all)")
    parser.add_argument("--field-misses", action="store_true",
                        help="list the field sets' tune-half (odd id) passages not scored perfectly")
    parser.add_argument("--shared", type=Path, default=external.SHARED_EVAL, metavar="DIR",
                        help="the shared eval folder (default: ../shared/eval beside the project)")
    parser.add_argument("--shared-misses", action="store_true",
                        help="list the shared eval passages not scored perfectly")
    parser.add_argument("--only", choices=("gold", "field", "shared"), action="append",
                        help="print only these sets (repeatable)")
    args = parser.parse_args(argv)
    only = set(args.only or ("gold", "field", "shared"))

    if analyser is None:
        try:
            analyser = corpus.default_analyser()
        except ModuleNotFoundError as exc:
            sys.stderr.write(f"cannot load the analyser: {exc}\n")
            return 1
    if "gold" in only:
        _gold(args, analyser)
    analyse = external.default_analyse()
    if "field" in only:
        _field(args, analyse)
    if "shared" in only:
        _shared(args, analyse)
    return 0


def _gold(args: argparse.Namespace, analyser: corpus.Analyser) -> None:
    passages = corpus.load_corpus()
    if args.lang:
        passages = [p for p in passages if p.lang in args.lang]
    report = score(corpus.run(passages, analyser))
    sys.stdout.write("gold corpus (tests/fixtures/gold)\n")
    sys.stdout.write(format_table(report, corpus.load_floors()) + "\n")
    if args.misses:
        limit = None if args.misses < 0 else args.misses
        sys.stdout.write(format_misses(report, limit) + "\n")


def _filter(items: list[external.Item], langs: list[str] | None) -> list[external.Item]:
    return [i for i in items if not langs or i.lang in langs]


def _field(args: argparse.Namespace, analyse: external.Analyse) -> None:
    for folder in external.FIELD_DIRS:
        name = folder.name
        claims = _filter(external.load(folder, "claims"), args.lang)
        relevance = _filter(external.load(folder, "relevance"), args.lang)
        if not claims and not relevance:
            sys.stdout.write(f"\n{name}: none in tests/fixtures/{name}\n")
            continue
        for which, half in (("odd", "tune half (odd ids)"), ("even", "check half (even ids)")):
            c = external.run(external.half(claims, which), analyse)
            r = external.run(external.half(relevance, which), analyse)
            sys.stdout.write(f"\n{name}, {half}\n{external.format_f1_table(c, r)}\n")
            if which == "odd" and args.field_misses:
                sys.stdout.write(_misses(c, r, claims, relevance) + "\n")
    claims = _filter(external.load(external.FIELD4_DIR, "claims"), args.lang)
    relevance = _filter(external.load(external.FIELD4_DIR, "relevance"), args.lang)
    if claims or relevance:  # check only: scored whole, its misses never printed
        c, r = external.run(claims, analyse), external.run(relevance, analyse)
        sys.stdout.write(f"\nfield4, check only (every item)\n{external.format_f1_table(c, r)}\n")


def _shared(args: argparse.Namespace, analyse: external.Analyse) -> None:
    folder: Path = args.shared
    if not (folder / "claims_dev.jsonl").is_file():
        sys.stdout.write(f"\nshared eval: skipped ({folder} is not there)\n")
        return
    claims = _filter(external.load(folder, "claims"), args.lang)
    relevance = _filter(external.load(folder, "relevance"), args.lang)
    c = external.run(claims, analyse)
    r = external.run(relevance, analyse)
    sys.stdout.write(f"\nshared eval ({folder})\n{external.format_f1_table(c, r)}\n")
    if args.shared_misses:
        sys.stdout.write(_misses(c, r, claims, relevance) + "\n")


def _misses(claims: Report, relevance: Report, claim_items: list[external.Item],
            relevance_items: list[external.Item]) -> str:
    lines = []
    for report, items in ((claims, claim_items), (relevance, relevance_items)):
        text = {i.id: i.text for i in items}
        for o in report.misses():
            m = o.match
            parts = [o.id]
            if not o.relevance_ok:
                parts.append(f"relevant gold={o.gold_relevant} got={o.predicted_relevant}")
            if m.missing:
                parts.append(f"missing={list(m.missing)}")
            if m.extra:
                parts.append(f"extra={list(m.extra)}")
            lines.append("  ".join(parts) + "\n    " + " ".join(text[o.id].split())[:400])
    return f"{len(lines)} not perfect\n" + "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
