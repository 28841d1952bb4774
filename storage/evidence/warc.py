"""WARC files of the responses claims were read from (warcio).

``WarcArchive`` appends, for each response handed to it, a ``response``
record (status line, headers and body, with SHA-256 block and payload
digests) and the ``request`` record that fetched it (``WARC-Concurrent-To``),
each a gzip member of its own, to a file of its own: the name carries the
time, the process id and a random part, so parallel crawl processes never
share a file, and a new file is begun once one passes ``max_file_bytes``.
Files are created only when a first record is written; each begins with a
``warcinfo`` record. Every record is flushed to the operating system before
its pointer (``EvidenceRef``: file, offset, length, record id, SHA-256 of the
body) is handed back, so the pointer, stored after, finds its bytes even if
the process is killed; a file is fsynced when it is closed (rotation, end of
the crawl). That is the durability of the store itself (SQLite's WAL with
``synchronous = NORMAL``): a power cut may lose the last records as it may
lose the last commits, and ``evidence export`` names any pointer whose bytes
are not there. (An fsync per record cost 8 ms per article, more than half the
archive's cost: bench/bench_evidence.py.)

The body is the one the crawler read: after HTTP decompression. Its
``Content-Encoding`` and ``Transfer-Encoding`` headers are kept under
``X-Original-`` names and ``Content-Length`` is the stored body's, so readers
do not try to decode it again.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

DEFAULT_MAX_FILE_BYTES = 100_000_000
SUFFIX = ".warc.gz"
_RENAMED = {"content-encoding", "transfer-encoding"}


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP request and its response, as the crawler saw them."""

    url: str  # the response's URL (after redirects)
    status: int
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """Where an archived response is: ``offset`` and ``length`` of its record in ``warc_file``."""

    warc_file: str  # a file name inside the evidence folder
    offset: int
    length: int
    record_id: str
    url: str
    fetched_at: datetime
    status: int
    sha256: str  # hex SHA-256 of the response body


class _Sha256Writer(WARCWriter):  # type: ignore[misc]  # warcio has no type information
    """warcio's writer with SHA-256 digests instead of SHA-1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


class _GzipMembers:
    """One gzip member per record, at level 1: warcio's own wrapper compresses at 9, which
    took 8 ms of an 88 KB news page where level 1 takes 1-2 ms for 12 % more bytes (37 %
    of the page instead of 33 %; bench/bench_evidence.py). warcio ends each record with
    ``flush()``, which ends the member."""

    LEVEL = 1

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._gz = zlib.compressobj(self.LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self._gz.compress(data))

    def flush(self) -> None:
        self.out.write(self._gz.flush())
        self.out.flush()
        self._gz = zlib.compressobj(self.LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _response_headers(exchange: Exchange) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for name, value in exchange.response_headers:
        lower = name.lower()
        if lower == "content-length":
            continue
        out.append((f"X-Original-{name}", value) if lower in _RENAMED else (name, value))
    out.append(("Content-Length", str(len(exchange.body))))
    return out


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


class WarcArchive:
    """Appends request/response pairs to size-rotated WARC files in ``folder``."""

    def __init__(self, folder: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
                 prefix: str = "stationwatch") -> None:
        self.folder = folder
        self.max_file_bytes = max_file_bytes
        self.prefix = prefix
        self._file: IO[bytes] | None = None
        self._name = ""
        self._writer: _Sha256Writer | None = None
        self._seq = 0

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self._name = f"{self.prefix}-{stamp}-{os.getpid()}-{secrets.token_hex(3)}-{self._seq:04d}{SUFFIX}"
        self._file = open(self.folder / self._name, "xb")  # noqa: SIM115 — kept open across writes
        self._writer = _Sha256Writer(_GzipMembers(self._file), gzip=False, warc_version="1.1")
        info = self._writer.create_warcinfo_record(self._name, {
            "software": "stationwatch",
            "format": "WARC File Format 1.1",
            "description": "responses that facility-count claims were read from",
        })
        self._writer.write_record(info)
        self._file.flush()

    def write(self, exchange: Exchange) -> EvidenceRef:
        """Append the response and its request; return where the response record is."""
        if self._file is not None and self._file.tell() >= self.max_file_bytes:
            self.close()
        if self._file is None:
            self._open()
        assert self._file is not None and self._writer is not None
        writer = self._writer
        date = _warc_date(exchange.fetched_at)
        warc_headers: dict[str, str] = {"WARC-Date": date}
        if exchange.ip_address:
            warc_headers["WARC-IP-Address"] = exchange.ip_address
        http = StatusAndHeaders(_status_line(exchange.status), _response_headers(exchange),
                                protocol=exchange.protocol)
        response = writer.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(exchange.body), length=len(exchange.body),
            http_headers=http, warc_headers_dict=warc_headers,
        )
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = [("Host", parts.netloc), *((k, v) for k, v in exchange.request_headers if k.lower() != "host")]
        request = writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"{exchange.method} {target} {exchange.protocol}", req_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": date},
        )
        record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        offset = self._file.tell()
        writer.write_record(response)
        length = self._file.tell() - offset
        writer.write_record(request)
        self._file.flush()
        return EvidenceRef(warc_file=self._name, offset=offset, length=length, record_id=record_id,
                           url=exchange.url, fetched_at=exchange.fetched_at, status=exchange.status,
                           sha256=exchange.sha256)

    def close(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        self._file = None
        self._writer = None

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    record_id: str
    payload_digest: str | None


def read_response(path: Path, offset: int) -> ArchivedResponse:
    """The response record at ``offset`` of the WARC file ``path``, read with warcio.

    Raises ``ValueError`` when no intact response record is there (``OSError`` when
    the file cannot be read).
    """
    with open(path, "rb") as fh:
        fh.seek(offset)
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    raise ValueError(f"a {record.rec_type} record, not a response")
                headers: Any = record.http_headers
                if headers is None:
                    raise ValueError("a response record without its HTTP headers")
                return ArchivedResponse(
                    url=str(record.rec_headers.get_header("WARC-Target-URI")),
                    status=int(headers.get_statuscode()),
                    headers=list(headers.headers),
                    body=record.content_stream().read(),
                    record_id=str(record.rec_headers.get_header("WARC-Record-ID")),
                    payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"),
                )
        except (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError) as exc:
            raise ValueError(f"damaged record: {type(exc).__name__}") from exc
    raise ValueError("no record there")
