"""House rules the analysis package keeps: a module logger only where it logs, and
``analyse_html`` typed for the bytes it is given (pages in their own encoding)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from crawler.analysis import document

PACKAGE = Path(document.__file__).resolve().parent


def test_a_module_logger_only_where_it_logs() -> None:
    unused = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if re.search(r"^log = logging\.getLogger\(__name__\)$", source, re.M) and not re.search(
                r"\blog\.(?:debug|info|warning|error|exception|critical|log)\(", source):
            unused.append(str(path.relative_to(PACKAGE)))
    assert not unused, f"a logger never used in {unused}"


def test_analyse_html_is_typed_for_bytes_and_reads_them() -> None:
    hints = typing.get_type_hints(document.analyse_html)
    assert bytes in typing.get_args(hints["html"])
    page = ("<html><head><meta charset='euc-kr'><title>네덜란드, 중국 비밀경찰서 2곳 폐쇄 명령</title>"
            "</head><body><article><h1>네덜란드, 중국 비밀경찰서 2곳 폐쇄 명령</h1><p>네덜란드 정부는 "
            "암스테르담과 로테르담에서 운영된 중국 비밀경찰서 2곳을 폐쇄하라고 명령했다.</p>"
            "</article></body></html>").encode("euc-kr")
    result = document.analyse_html(page)
    assert result.relevant
    assert {(c.count, c.place) for c in result.claims} == {(2, "NL")}
