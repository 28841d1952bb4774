"""The renderers on hostile article text: shown literally, escaped, cut, never executed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy

import pytest

from scheduler.alerting.config import EmailConfig
from scheduler.alerting.email import build_message, message_id
from scheduler.alerting.render import (
    EVIDENCE_CHARS,
    SUBJECT_CHARS,
    TITLE_CHARS,
    clean,
    header_safe,
    render_email,
    render_slack,
    safe_link,
    slack_escape,
    truncate,
)
from storage.outbox import AlertMessage

CREATED = datetime(2022, 12, 6, 9, 30, tzinfo=UTC)


def figure(count=102, **kw):
    base = {"count": count, "qualifier": "more_than", "place": None, "city": None, "added": False,
            "countries": 53, "cities": None, "evidence": "Over 102 stations in 53 countries.", "beats": 54}
    base.update(kw)
    return base


def alert(title="Report finds more stations", url="https://news.example/a/1", figures=None,
          subject="more than 102 overseas police stations in 53 countries", **story):
    payload = {"story": {"title": title, "url": url, "published": "2022-12-05T10:00:00+00:00",
                         "outlet": "news.example", "copies": 3, "outlets": 2, **story},
               "figures": figures if figures is not None else [figure()]}
    return AlertMessage(id=7, kind="figures", created=CREATED, subject=subject, payload=payload)


def test_email_carries_figure_title_link_date_evidence_and_what_it_beats():
    content = render_email(alert(figures=[figure(), figure(11, qualifier="exact", place="IT", countries=None,
                                                              evidence="Italy hosts 11.", beats=None)]))
    assert content.subject == "more than 102 overseas police stations in 53 countries"
    for body in (content.text, content.html):
        assert "more than 102 overseas police stations in 53 countries" in body
        assert "11 overseas police stations in Italy" in body
        assert "Report finds more stations" in body
        assert "https://news.example/a/1" in body
        assert "2022-12-05 10:00 UTC" in body
        assert "Over 102 stations in 53 countries." in body
        assert "previous highest worldwide total: 54" in body
        assert "first figure for Italy" in body
        assert "carried by 2 outlets" in body
    assert '<a href="https://news.example/a/1">' in content.html


def test_markup_and_template_syntax_are_shown_literally():
    hostile = 'Stations <script>alert(1)</script> {{ 7*7 }} {% for x in y %} <img src=x onerror=y>'
    content = render_email(alert(title=hostile, figures=[figure(evidence="{{ config }} & <b>bold</b>")]))
    assert "<script>" not in content.html and "<img" not in content.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content.html
    assert "{{ 7*7 }}" in content.html and "{{ 7*7 }}" in content.text and "49" not in content.text
    assert "{% for x in y %}" in content.text
    assert "{{ config }} &amp; &lt;b&gt;bold&lt;/b&gt;" in content.html
    assert "<script>alert(1)</script>" in content.text  # plain text is plain


def test_only_http_links_become_links():
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "https://", "http://a b"):
        assert safe_link(bad) is None
        html = render_email(alert(url=bad)).html
        assert "<a href" not in html
        slack = json.dumps(render_slack(alert(url=bad)))
        assert "<javascript" not in slack and "|Report" not in slack
    assert safe_link("https://news.example/a?b=1&c=2") == "https://news.example/a?b=1&c=2"


def test_slack_escapes_control_sequences_and_cannot_forge_links():
    body = render_slack(alert(title="Alert <!channel> <https://evil.example|click> & more",
                              url="https://news.example/a?x=1&y=<2>|z",
                              figures=[figure(evidence="<!here> see <@U123>")]))
    raw = json.dumps(body)
    assert "<!channel>" not in raw and "<!here>" not in raw and "<@U123>" not in raw
    assert "<https://evil.example" not in raw
    assert "&lt;!channel&gt;" in raw and "&amp; more" in raw
    section = body["blocks"][1]["text"]["text"]
    link = section[section.index("<") + 1: section.index(">")]
    target, label = link.split("|", 1)
    assert target == "https://news.example/a?x=1&amp;y=%3C2%3E%7Cz"
    assert "<" not in label and ">" not in label


def test_slack_text_fallback_has_figure_and_link_and_blocks_are_valid_shapes():
    body = render_slack(alert())
    assert "102" in body["text"] and "https://news.example/a/1" in body["text"]
    assert body["blocks"][0]["type"] == "header"
    assert len(body["blocks"][0]["text"]["text"]) <= 150
    assert any("previous highest worldwide total: 54" in b.get("text", {}).get("text", "")
               for b in body["blocks"])
    assert any("carried by 2 outlets" in b.get("text", {}).get("text", "") for b in body["blocks"])
    for block in body["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000


def test_huge_evidence_and_title_are_cut():
    huge = "The stations " + "x" * (2 * 1024 * 1024)
    content = render_email(alert(title=huge, figures=[figure(evidence=huge)]))
    assert len(content.text) < 5000 and len(content.html) < 8000
    assert "…" in content.text
    slack = render_slack(alert(title=huge, figures=[figure(evidence=huge)]))
    assert len(json.dumps(slack)) < 6000
    assert len(clean(huge, TITLE_CHARS)) <= TITLE_CHARS
    assert len(clean(huge, EVIDENCE_CHARS)) <= EVIDENCE_CHARS


@pytest.mark.parametrize("subject", [
    "102 stations\r\nBcc: victim@example.org",
    "102 stations\nX-Injected: yes",
    "102\x00 stations\x1b[31m\u202e",
])
def test_headers_never_break(subject):
    content = render_email(alert(subject=subject))
    assert "\r" not in content.subject and "\n" not in content.subject
    assert "\x00" not in content.subject and "\x1b" not in content.subject and "\u202e" not in content.subject
    cfg = EmailConfig(enabled=True, recipients=["you@example.org"])
    msg = build_message(cfg, alert(subject=subject), content)
    parsed = message_from_bytes(msg.as_bytes(), policy=default_policy)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert parsed["To"] == "you@example.org"


def test_subject_is_capped():
    assert len(header_safe("9 " * 500)) <= SUBJECT_CHARS


def test_message_id_is_deterministic_per_alert():
    first, again = message_id(alert()), message_id(alert())
    assert first == again and first.startswith("<alert-7.") and first.endswith("@stationwatch>")
    other = AlertMessage(id=8, kind="figures", created=CREATED, subject="x", payload={})
    assert message_id(other) != first


def test_multipart_alternative_with_text_and_html():
    cfg = EmailConfig(enabled=True, recipients=["a@example.org", "b@example.org"])
    msg = build_message(cfg, alert(), render_email(alert()))
    assert msg.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in msg.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    assert msg["To"] == "a@example.org, b@example.org"


def test_helpers():
    assert slack_escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert truncate("alpha beta gamma delta epsilon", 20) == "alpha beta gamma…"
    assert truncate("x" * 30, 10) == "x" * 9 + "…"
    assert clean(" a\r\n\tb\x07 c ") == "a b c"


def test_notice_kinds_render_their_message():
    notice = AlertMessage(id=9, kind="source_down", created=CREATED, subject="source feed-x is down",
                          payload={"message": "feed-x has failed for 24 h: HTTP 503 <!channel>",
                                   "url": "https://feeds.example/rss"})
    content = render_email(notice)
    assert "feed-x has failed for 24 h" in content.text
    slack = json.dumps(render_slack(notice))
    assert "<!channel>" not in slack and "https://feeds.example/rss" in slack
