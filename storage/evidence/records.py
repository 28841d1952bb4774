"""The pointers from claims to archived responses, and reading them back for an export.

``link_claims`` runs in the transaction that stores an article's claims
(``storage.record.record_article``): the claims that transaction added for
the article point at the response they were read from, and the
``EvidenceRecord`` row is written only when at least one claim points at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select, update

from storage.evidence.warc import EvidenceRef
from storage.models import Article, Claim, EvidenceRecord, Story, id_of


def last_claim_id(session: Session) -> int:
    """The highest claim id so far (0 for none): claims added after it are this transaction's."""
    highest = session.exec(select(func.max(col(Claim.id)))).one()
    return int(highest or 0)


def link_claims(session: Session, ref: EvidenceRef, *, article_id: int, after_claim_id: int) -> int | None:
    """Point the article's claims added after ``after_claim_id`` at ``ref``; returns the record id."""
    added = sa.and_(col(Claim.article_id) == article_id, col(Claim.id) > after_claim_id,
                    col(Claim.evidence_id).is_(None))
    if session.exec(select(Claim.id).where(added).limit(1)).first() is None:
        return None
    record = session.exec(
        select(EvidenceRecord).where(EvidenceRecord.warc_file == ref.warc_file,
                                     EvidenceRecord.offset == ref.offset)
    ).first()
    if record is None:
        record = EvidenceRecord(warc_file=ref.warc_file, offset=ref.offset, length=ref.length,
                                record_id=ref.record_id, url=ref.url, fetched_at=ref.fetched_at,
                                status=ref.status, sha256=ref.sha256)
        session.add(record)
        session.flush()
    session.exec(update(Claim).where(added).values(evidence_id=record.id))
    return id_of(record)


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """One claim with its story, article and (when archived) the response it was read from."""

    claim: Claim
    story: Story
    article: Article
    record: EvidenceRecord | None


def claims_with_evidence(
    session: Session, *, place: str | None = None, since: datetime | None = None
) -> list[ClaimEvidence]:
    """Claims (of ``place``, first seen at or after ``since``), oldest first."""
    stmt = (
        select(Claim, Story, Article, EvidenceRecord)
        .join(Story, col(Story.id) == col(Claim.story_id))
        .join(Article, col(Article.id) == col(Claim.article_id))
        .join(EvidenceRecord, col(EvidenceRecord.id) == col(Claim.evidence_id), isouter=True)
        .order_by(col(Claim.first_seen), col(Claim.id))
    )
    if place is not None:
        stmt = stmt.where(col(Claim.place) == place)
    if since is not None:
        stmt = stmt.where(col(Claim.first_seen) >= since)
    return [ClaimEvidence(c, s, a, r) for c, s, a, r in session.exec(stmt)]
