import logging

import pytest

from crawler.safety.redact import install_redaction, redact, uninstall_redaction

HOOK = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX"


def test_redact_masks_secrets_forms_and_url_credentials() -> None:
    text = f"send to {HOOK} with pw s3cr%2Fet and s3cr/et via http://bob:hunter2@proxy:3128/"
    out = redact(text, ["s3cr/et"])
    assert "s3cr/et" not in out and "s3cr%2Fet" not in out
    assert "XXXXSECRETXXXX" not in out and "hunter2" not in out
    assert "http://***@proxy:3128/" in out
    assert redact("ValueError: invalid hostname: reader:pw-123@127.0.0.1") == "ValueError: invalid hostname: ***@127.0.0.1"
    assert redact("write to bob@example.org at 10:30") == "write to bob@example.org at 10:30"


def test_short_or_empty_secrets_do_not_mask_words() -> None:
    assert redact("a b c", ["", "a"]) == "a b c"


@pytest.fixture
def redaction():
    yield install_redaction
    uninstall_redaction()


def test_log_records_are_masked_in_any_handler(redaction, caplog: pytest.LogCaptureFixture) -> None:
    redaction(["hunter22", HOOK])
    logger = logging.getLogger("stationwatch.test.redact")
    with caplog.at_level(logging.INFO):
        logger.info("smtp login with %s failed", "hunter22")
        try:
            raise RuntimeError(f"POST {HOOK} failed")
        except RuntimeError:
            logger.exception("delivery error")
    text = caplog.text
    assert "hunter22" not in text and "XXXXSECRETXXXX" not in text
    assert "smtp login with *** failed" in text
    assert "RuntimeError" in text  # the traceback survives, masked


def test_install_is_idempotent_and_accumulates(redaction, caplog: pytest.LogCaptureFixture) -> None:
    redaction(["first-secret"])
    redaction(["second-secret"])
    with caplog.at_level(logging.INFO):
        logging.getLogger("x").info("first-secret second-secret")
    assert "first-secret" not in caplog.text and "second-secret" not in caplog.text
    assert "*** ***" in caplog.text
