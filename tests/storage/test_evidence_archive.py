"""The evidence archive: WARC records written with warcio, read back with warcio, rotated by
size, and claims pointing at the record they were read from."""

from __future__ import annotations

import gzip
import hashlib
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select
from warcio.archiveiterator import ArchiveIterator

from storage.engine import read_session, write_session
from storage.evidence.warc import EvidenceRef, Exchange, WarcArchive, read_response
from storage.models import Claim, EvidenceRecord
from storage.record import ArticleRecord, record_article
from tests.support.store import make_store
from tests.support.stories import NOW, policy
from tests.support.stories import claim as figure

PAGE = b"<html><body><p>Over 102 overseas police stations in 53 countries.</p></body></html>"


def exchange(url: str = "https://news.example/2022/12/report", body: bytes = PAGE) -> Exchange:
    return Exchange(
        url=url, status=200,
        response_headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                          ("Content-Length", "77"), ("ETag", '"v1"')),
        body=body, fetched_at=datetime(2022, 12, 6, 9, 0, 1, 250000, tzinfo=UTC),
        request_headers=(("User-Agent", "stationwatch/0.1"), ("Accept-Encoding", "gzip, br")),
        ip_address="127.0.0.1",
    )


def test_a_response_and_its_request_read_back_with_warcio(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        ref = archive.write(exchange())
    assert ref.sha256 == hashlib.sha256(PAGE).hexdigest()
    path = tmp_path / ref.warc_file
    with open(path, "rb") as fh:
        records = [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(fh, check_digests=True)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    _, rec, http, body = records[1]
    assert body == PAGE
    assert rec.get_header("WARC-Target-URI") == "https://news.example/2022/12/report"
    assert rec.get_header("WARC-Date") == "2022-12-06T09:00:01.250000Z"
    assert rec.get_header("WARC-IP-Address") == "127.0.0.1"
    assert rec.get_header("WARC-Payload-Digest").startswith("sha256:")
    assert rec.get_header("WARC-Block-Digest").startswith("sha256:")
    assert http.get_statuscode() == "200"
    assert http.get_header("Content-Length") == str(len(PAGE))
    assert http.get_header("X-Original-Content-Encoding") == "gzip" and http.get_header("Content-Encoding") is None
    assert http.get_header("ETag") == '"v1"'
    _, req, req_http, _ = records[2]
    assert req.get_header("WARC-Concurrent-To") == ref.record_id == rec.get_header("WARC-Record-ID")
    assert req_http.protocol == "GET" and req_http.get_header("Host") == "news.example"
    assert req_http.get_header("User-Agent") == "stationwatch/0.1"
    # the pointer alone finds the record
    back = read_response(path, ref.offset)
    assert back.body == PAGE and back.record_id == ref.record_id and back.status == 200
    with open(path, "rb") as fh:
        fh.seek(ref.offset)
        member = fh.read(ref.length)
    assert b"WARC-Type: response" in gzip.decompress(member)


def test_files_rotate_by_size_and_every_pointer_still_reads(tmp_path: Path) -> None:
    refs = []
    with WarcArchive(tmp_path, max_file_bytes=20_000) as archive:
        for n in range(12):
            body = random.Random(n).randbytes(10_000)  # does not compress
            refs.append((archive.write(exchange(f"https://news.example/{n}", body)), body))
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) >= 4 and all(name.endswith(".warc.gz") for name in files)
    assert all((tmp_path / name).stat().st_size < 20_000 + 12_000 for name in files)
    for ref, body in refs:
        assert read_response(tmp_path / ref.warc_file, ref.offset).body == body


def test_no_file_until_a_record_is_written(tmp_path: Path) -> None:
    WarcArchive(tmp_path / "evidence").close()
    assert not (tmp_path / "evidence").exists()


def test_claims_point_at_the_response_they_were_read_from(tmp_path: Path) -> None:
    engine = make_store(tmp_path)
    with WarcArchive(tmp_path / "evidence") as archive:
        ref = archive.write(exchange())
        copy_ref = archive.write(exchange("https://mirror.example/copy"))

    def rec(url: str, ref_: EvidenceRef, claims: list[dict[str, Any]]) -> ArticleRecord:
        return ArticleRecord(source="news", url=url, canonical_url=url, fetched_at=NOW, title="Report",
                             text="Over 102 overseas police stations in 53 countries.", content_hash="same-text",
                             relevant=True, score=0.9, claims=claims, evidence=ref_)

    with write_session(engine) as s:
        first = record_article(s, rec(ref.url, ref, [figure(102, countries=53), figure(11, place="IT")]),
                               policy())
    with write_session(engine) as s:  # a copy elsewhere: its figure is already the story's
        record_article(s, rec(copy_ref.url, copy_ref, [figure(102, countries=53)]), policy())
    with read_session(engine) as s:
        claims = list(s.exec(select(Claim)))
        records = list(s.exec(select(EvidenceRecord)))
    assert len(claims) == 2 and len(records) == 1  # no row for a response no claim points at
    [record] = records
    assert {c.evidence_id for c in claims} == {record.id}
    assert all(c.article_id == first.article_id for c in claims)
    assert (record.warc_file, record.offset, record.sha256) == (ref.warc_file, ref.offset, ref.sha256)
