"""``stationwatch extract``: one document or a JSON-lines batch, run as a real process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from scheduler.commands.extract import run_batch, run_extract
from tests.support.cli import run_cli

TEXT = ("Rights group finds 48 more overseas police stations\n\n"
        "China now runs more than 102 overseas police stations in 53 countries, the group said.")
HTML = """<html><head><title>Dutch close two Chinese police stations</title></head><body>
<nav>Top 10 | 25 comments</nav><article><h1>Dutch close two Chinese police stations</h1>
<p>The Netherlands ordered the two secret Chinese police stations in Amsterdam and Rotterdam to
close, the foreign minister said on Tuesday.</p>
<p>The overseas police stations had been reported by a human rights group in Madrid.</p>
</article></body></html>"""


@pytest.mark.slow
def test_json_from_a_file(tmp_path: Path) -> None:
    doc = tmp_path / "story.txt"
    doc.write_text(TEXT, encoding="utf-8")
    proc = run_cli("extract", str(doc), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["relevant"] is True and out["lang"] == "en" and 0.5 <= out["score"] <= 1
    got = sorted((c["count"], c["qualifier"], c["added"], c["countries"]) for c in out["claims"])
    assert got == [(48, "exact", True, None), (102, "more_than", False, 53)]


@pytest.mark.slow
def test_plain_text_from_stdin() -> None:
    proc = run_cli("extract", "-", input=TEXT)
    assert proc.returncode == 0, proc.stderr
    assert "relevant: yes" in proc.stdout
    assert "more than 102 worldwide across 53 countries" in proc.stdout
    assert "48 added worldwide" in proc.stdout


@pytest.mark.slow
def test_html_mode(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    proc = run_cli("extract", str(page), "--html", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["relevant"] is True
    assert [(c["count"], c["place"]) for c in out["claims"]] == [(2, "NL")]


@pytest.mark.slow
def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert "nope.txt" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_jsonl_batch_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": TEXT}),
        "{not json",
        json.dumps({"id": 7, "lang": "en"}),
        json.dumps({"id": "c", "html": HTML}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "e", "text": "The bakery sold 300 loaves on Sunday.", "lang": "en"}),
    ]
    proc = run_cli("extract", "--jsonl", input="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, 7, "c", None, "e"]
    assert out[0]["relevant"] is True and len(out[0]["claims"]) == 2
    assert "error" in out[1] and "error" in out[2] and "error" in out[4]
    assert out[3]["claims"][0]["place"] == "NL"
    assert out[5]["relevant"] is False and out[5]["claims"] == []


def test_batch_function_counts_what_it_did() -> None:
    out = io.StringIO()
    done, refused = run_batch(['{"id": 1, "text": "x"}', "[]"], out)
    assert (done, refused) == (1, 1)


def test_jsonl_from_a_file_in_process(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": TEXT}) + "\n", encoding="utf-8")
    out = io.StringIO()
    code = run_extract(str(path), html=False, as_json=False, jsonl=True, keywords=None,
                       stdin=io.StringIO(), stdout=out)
    assert code == 0
    assert json.loads(out.getvalue())["id"] == 1


KO_TEXT = ("중국 비밀경찰서 의혹 중식당 조사\n\n"
           "인권단체는 중국이 53개국에서 102곳이 넘는 비밀경찰서를 운영하고 있다고 밝혔다.")


@pytest.mark.parametrize("encoding", ["euc-kr", "utf-16"])
def test_plain_text_in_a_legacy_encoding_is_read(tmp_path: Path, encoding: str) -> None:
    """An archived story saved as EUC-KR (or UTF-16 by Notepad) is read, not turned to U+FFFD."""
    path = tmp_path / "story.txt"
    path.write_bytes(KO_TEXT.encode(encoding))
    out = io.StringIO()
    code = run_extract(str(path), html=False, as_json=True, jsonl=False, keywords=None,
                       stdin=io.StringIO(), stdout=out)
    assert code == 0
    result = json.loads(out.getvalue())
    assert result["lang"] == "ko" and result["relevant"] is True
    assert [(c["count"], c["countries"]) for c in result["claims"]] == [(102, 53)]


def test_plain_text_from_stdin_in_a_legacy_encoding() -> None:
    # a pipe carrying EUC-KR bytes into a UTF-8 terminal's stdin
    stdin = io.TextIOWrapper(io.BytesIO(KO_TEXT.encode("euc-kr")), encoding="utf-8")
    out = io.StringIO()
    code = run_extract("-", html=False, as_json=True, jsonl=False, keywords=None,
                       stdin=stdin, stdout=out)
    assert code == 0
    assert [c["count"] for c in json.loads(out.getvalue())["claims"]] == [102]
