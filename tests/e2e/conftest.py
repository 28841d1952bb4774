"""The alerting fixtures (test CA, SMTP with STARTTLS + AUTH, webhook) for end-to-end tests."""

from tests.alerting.conftest import ca, ca_file, server_tls, smtp_plain, smtp_starttls, webhook

__all__ = ["ca", "ca_file", "server_tls", "smtp_plain", "smtp_starttls", "webhook"]
