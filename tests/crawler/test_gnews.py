"""Google News links: recognised, decoded offline when the id carries the URL, and the
decoding endpoint's request and answer as the public descriptions give them."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from crawler.gnews import (
    DecodeParams,
    article_id,
    decode_form,
    decode_offline,
    decoded_url,
    interstitial_params,
)
from tests.support.gnews import clear_id, token_id


def test_article_ids_of_each_link_form() -> None:
    assert article_id("https://news.google.com/rss/articles/CBMiXYZ?oc=5") == "CBMiXYZ"
    assert article_id("https://news.google.com/articles/CBMiXYZ?hl=en-US") == "CBMiXYZ"
    assert article_id("https://news.google.com/read/CBMiXYZ") == "CBMiXYZ"
    assert article_id("https://news.google.com/rss/search?q=x") is None
    assert article_id("https://example.org/rss/articles/CBMiXYZ") is None


def test_old_ids_decode_without_a_request_and_new_ones_do_not() -> None:
    url = "https://www.example-daily.com/world/2022/12/05/stations?id=7"
    assert decode_offline(clear_id(url)) == url
    assert clear_id(url).startswith("CBMi")
    assert decode_offline(token_id(1)) is None
    assert decode_offline("not*base64!") is None
    assert decode_offline("CBMi") is None  # truncated


def test_interstitial_is_recognised_by_its_data_attributes() -> None:
    page = ('<html><body><c-wiz><div jscontroller="x" data-n-a-id="CBMiABC" '
            'data-n-a-sg="AZ5r_sig" data-n-a-ts="1733475600"></div></c-wiz></body></html>')
    assert interstitial_params(page) == DecodeParams("CBMiABC", "AZ5r_sig", "1733475600")
    assert interstitial_params("<html><body><p>An article.</p></body></html>") is None
    no_id = page.replace(' data-n-a-id="CBMiABC"', "")
    assert interstitial_params(no_id, link_id="CBMiLINK") == DecodeParams(
        "CBMiLINK", "AZ5r_sig", "1733475600")


def test_decode_form_carries_the_id_signature_timestamp_and_edition() -> None:
    link = "https://news.google.com/rss/articles/CBMiABC?oc=5&hl=ko&gl=KR&ceid=KR:ko"
    form = parse_qs(decode_form(DecodeParams("CBMiABC", "AZ5r_sig", "1733475600"), link))
    envelope = json.loads(form["f.req"][0])
    rpc, inner, _, _ = envelope[0][0]
    assert rpc == "Fbv4je"
    verb, context, art_id, ts, sg = json.loads(inner)
    assert (verb, art_id, ts, sg) == ("garturlreq", "CBMiABC", 1733475600, "AZ5r_sig")
    assert context[0][0] == "ko" and context[0][7] == "KR:ko"


def test_decoded_url_from_each_answer_shape() -> None:
    row = ["wrb.fr", "Fbv4je", json.dumps(["garturlres", "https://pub.example/a", 1]), None]
    plain = ")]}'\n\n" + json.dumps([row, ["di", 12]])
    assert decoded_url(plain) == "https://pub.example/a"
    line = json.dumps([row])
    chunked = f")]}}'\n\n{len(line)}\n{line}\n25\n[[\"di\",12]]\n"
    assert decoded_url(chunked) == "https://pub.example/a"
    assert decoded_url(")]}'\n\n" + json.dumps([["wrb.fr", "Fbv4je", None, None]])) is None
    assert decoded_url("<html>sorry</html>") is None
    bad = ["wrb.fr", "Fbv4je", json.dumps(["garturlres", "javascript:alert(1)"])]
    assert decoded_url(")]}'\n" + json.dumps([bad])) is None
