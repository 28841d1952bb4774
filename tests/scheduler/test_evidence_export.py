"""``evidence export``: a zip whose manifest hashes verify against the WARC files inside it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from scheduler.cli import build_parser
from scheduler.commands import load_commands
from scheduler.commands.base import Context
from storage.engine import write_session
from storage.evidence.warc import Exchange, WarcArchive
from storage.record import ArticleRecord, record_article
from tests.support.cli import run_cli
from tests.support.store import make_store, query
from tests.support.stories import NOW, policy
from tests.support.stories import claim as figure


def _page(text: str) -> bytes:
    return f"<html><body><p>{text}</p></body></html>".encode()


def _store(tmp_path: Path) -> Path:
    """A config and a store with three claims: two archived (one page each), one not."""
    config = tmp_path / "config.toml"
    config.write_text('[storage]\nurl = "sqlite:///store.db"\n\n[evidence]\npath = "archive"\n', encoding="utf-8")
    engine = make_store(tmp_path)
    pages = [
        ("https://news.example/world", "More than 102 overseas police stations in 53 countries.",
         [figure(102, qualifier="more_than", countries=53,
                 evidence="More than 102 overseas police stations in 53 countries.")], True, NOW),
        ("https://news.example/italy", "Italy hosts 11 of the stations.",
         [figure(11, place="IT", evidence="Italy hosts 11 of the stations.")], True, NOW + timedelta(days=2)),
        ("https://news.example/old", "An older report on 54 stations.", [figure(54)], False, NOW - timedelta(days=9)),
    ]
    with WarcArchive(tmp_path / "archive") as archive:
        for url, text, claims, archived, when in pages:
            ref = archive.write(Exchange(url=url, status=200, response_headers=(("Content-Type", "text/html"),),
                                         body=_page(text), fetched_at=when)) if archived else None
            rec = ArticleRecord(source="news", url=url, canonical_url=url, fetched_at=when, title=text[:30],
                                text=text, content_hash=url, relevant=True, score=0.9, claims=claims,
                                evidence=ref)
            with write_session(engine) as s:
                record_article(s, rec, policy(now=when, alert=False))
    engine.dispose()
    return config


def _export(config: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command's run, in this process (its argument handling is tested through the CLI below)."""
    ns = build_parser(load_commands()).parse_args(["--config", str(config), "evidence", "export", *args])
    ctx = Context(ns)
    try:
        code = load_commands()["evidence"].run(ctx)
    finally:
        ctx.close()
    out, err = capsys.readouterr()
    return code, out, err


def verify_bundle(path: Path, *, sentences: bool = True) -> dict[str, Any]:
    """Every hash in the manifest checked against the bundle's own WARC files, read with warcio;
    each claim's sentence (or, for pages the extractor reflowed, its count) in its response."""
    with zipfile.ZipFile(path) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        names = set(bundle.namelist())
        for entry in manifest["warc_files"]:
            data = bundle.read(entry["name"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
        assert names == {"manifest.json", *(f["name"] for f in manifest["warc_files"])}
        for claim in manifest["claims"]:
            response = claim["response"]
            if response is None:
                continue
            stream = io.BytesIO(bundle.read(response["warc_file"]))
            stream.seek(response["offset"])
            record = next(iter(ArchiveIterator(stream, check_digests=True)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Record-ID") == response["record_id"]
            assert record.rec_headers.get_header("WARC-Target-URI") == response["url"] == claim["article"]["url"]
            body = record.content_stream().read()
            assert hashlib.sha256(body).hexdigest() == response["sha256"]
            assert (claim["evidence"] if sentences else str(claim["count"])) in body.decode()
    return manifest


def test_export_bundle_hashes_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _store(tmp_path)
    out = tmp_path / "out" / "bundle.zip"
    code, stdout, err = _export(config, str(out), capsys=capsys)
    assert code == 0, err
    assert "3 claims, 2 with archived responses in 1 WARC file" in stdout
    manifest = verify_bundle(out)
    by_count = {c["count"]: c for c in manifest["claims"]}
    assert [c["count"] for c in manifest["claims"]] == [54, 102, 11]  # oldest first
    assert by_count[54]["response"] is None  # recorded before the archive: listed, no response
    world = by_count[102]
    assert world["story"]["url"] == "https://news.example/world" and world["qualifier"] == "more_than"
    assert world["response"]["fetched_at"] == NOW.isoformat()
    assert world["evidence"] == "More than 102 overseas police stations in 53 countries."
    assert not list(out.parent.glob(".*partial"))


def test_place_and_since_choose_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _store(tmp_path)
    code, _, _ = _export(config, "--place", "it", str(tmp_path / "it.zip"), capsys=capsys)
    assert code == 0
    assert [c["place"] for c in verify_bundle(tmp_path / "it.zip")["claims"]] == ["IT"]
    code, _, _ = _export(config, "--since", (NOW - timedelta(days=1)).date().isoformat(),
                         str(tmp_path / "recent.zip"), capsys=capsys)
    assert code == 0
    assert [c["count"] for c in verify_bundle(tmp_path / "recent.zip")["claims"]] == [102, 11]
    code, stdout, _ = _export(config, "--since", datetime(2030, 1, 1, tzinfo=UTC).isoformat(),
                              str(tmp_path / "none.zip"), capsys=capsys)
    assert code == 0 and "0 claims" in stdout
    assert verify_bundle(tmp_path / "none.zip")["warc_files"] == []


@pytest.mark.parametrize("damage", ["edited", "truncated"])
def test_a_damaged_archive_is_reported_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   damage: str) -> None:
    config = _store(tmp_path)
    [warc] = list((tmp_path / "archive").iterdir())
    [(offset, length)] = query(tmp_path / "store.db", "SELECT offset, length FROM evidence_record "
                               "WHERE url = 'https://news.example/italy'")
    data = warc.read_bytes()
    if damage == "edited":  # the page's figure changed in the archive, the record re-compressed
        record = gzip.decompress(data[offset:offset + length]).replace(b"hosts 11", b"hosts 12")
        data = data[:offset] + gzip.compress(record) + data[offset + length:]
    else:
        data = data[:offset + length // 2]
    warc.write_bytes(data)
    code, _, err = _export(config, str(tmp_path / "b.zip"), capsys=capsys)
    assert code == 1  # (no traceback: the command-line test below checks stderr whole)
    manifest = json.loads(zipfile.ZipFile(tmp_path / "b.zip").read("manifest.json"))
    problems = {c["count"]: c["response"].get("problem") for c in manifest["claims"] if c["response"]}
    expected = "does not match its SHA-256" if damage == "edited" else "cannot read the record"
    assert problems[102] is None and expected in problems[11]
    assert f"stationwatch: {problems[11]}" in err.splitlines()


@pytest.mark.slow
def test_through_the_command_line(tmp_path: Path) -> None:
    config = _store(tmp_path)
    done = run_cli("evidence", "export", "--place", "IT", str(tmp_path / "it.zip"), config=config)
    assert done.returncode == 0, done.stderr
    assert [c["place"] for c in verify_bundle(tmp_path / "it.zip")["claims"]] == ["IT"]
    for args in (["--place", "ITA", "x.zip"], ["--since", "yesterday", "x.zip"], ["x.tar"], [str(tmp_path)]):
        done = run_cli("evidence", "export", *args, config=config, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.startswith(("usage:", "stationwatch:"))
    assert not (tmp_path / "x.zip").exists()
