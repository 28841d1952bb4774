"""A stand-in child for ChildRunner tests: behaves as told by its --source names.

``sleep``: never ends on its own; ``crash``: exits 3 with a message;
``ok``: prints a one-source summary; ``noisy``: prints log lines, then the summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--source", action="append", default=[])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    mode = args.source[0] if args.source else "ok"
    if mode == "sleep":
        time.sleep(600)
    if mode == "crash":
        sys.stderr.write("Traceback: something broke\nRuntimeError: boom\n")
        return 3
    if mode == "noisy":
        sys.stdout.write("a log line on stdout\n")
    summary = {"sources": {mode: {"fetched": 2, "new": 1, "duplicate": 0, "irrelevant": 1,
                                  "failed": 0, "error": None}}}
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
