"""The alerting fixtures (test CA, aiosmtpd servers, a loopback webhook receiver), shared."""

from tests.alerting.conftest import (  # noqa: F401 — fixtures, found by pytest by name
    ca,
    ca_file,
    server_tls,
    smtp_plain,
    smtp_starttls,
    webhook,
)
