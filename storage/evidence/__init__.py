"""The evidence archive: WARC files of the responses claims were read from
(``warc``), and the pointers from claims to their records (``records``)."""

from storage.evidence.warc import EvidenceRef, Exchange, WarcArchive

__all__ = ["EvidenceRef", "Exchange", "WarcArchive"]
