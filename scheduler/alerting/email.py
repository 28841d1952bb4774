"""The email channel: one multipart/alternative message per alert over SMTP.

``security``: ``ssl`` (TLS from the first byte), ``starttls`` (upgrade, or
fail: never fall back to plain text), ``none`` (a local relay). Certificates
are verified with ``ssl.create_default_context()`` (``ca_file`` replaces the
system store for a private CA). A password is never sent over an unencrypted
link. The Message-ID is derived from the alert, so a message re-sent after a
crash carries the same id and mail clients can fold the two.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime

from scheduler.alerting.config import EmailConfig
from scheduler.alerting.exceptions import (
    ChannelConfigError,
    PermanentDeliveryError,
    TemporaryDeliveryError,
)
from scheduler.alerting.render import EmailContent, RenderError, header_safe, render_email
from storage.outbox import AlertMessage

log = logging.getLogger(__name__)


def message_id(alert: AlertMessage) -> str:
    """``<alert-ID.HASH@stationwatch>``: the same for every send of the same alert."""
    seed = f"{alert.id}|{alert.kind}|{alert.created.isoformat()}|{alert.subject}"
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
    return f"<alert-{alert.id}.{digest}@stationwatch>"


def build_message(cfg: EmailConfig, alert: AlertMessage, content: EmailContent) -> EmailMessage:
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["Subject"] = header_safe(content.subject)
    msg["From"] = cfg.sender
    msg["To"] = ", ".join(cfg.recipients)
    msg["Date"] = format_datetime(alert.created)
    msg["Message-ID"] = message_id(alert)
    msg["X-Stationwatch-Alert"] = str(alert.id)
    msg.set_content(content.text)
    msg.add_alternative(content.html, subtype="html")
    return msg


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"SMTP {exc.smtp_code} {header_safe(text, 200)}"


class EmailChannel:
    name = "email"

    def __init__(self, cfg: EmailConfig, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.cfg = cfg
        self._ssl_context = ssl_context

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is not None:
            return self._ssl_context
        return ssl.create_default_context(cafile=self.cfg.ca_file or None)

    def send(self, alert: AlertMessage) -> None:
        """Hand one alert to the SMTP server; raises a ``DeliveryError`` when it did not take it."""
        try:
            if alert.kind == "digest":
                from scheduler.alerting.digest_render import render_digest_email

                content = render_digest_email(alert)
            else:
                content = render_email(alert)
        except RenderError as exc:
            raise PermanentDeliveryError(str(exc)) from exc
        self.transmit(build_message(self.cfg, alert, content))

    def transmit(self, msg: EmailMessage) -> None:
        cfg = self.cfg
        if cfg.username and cfg.security == "none":
            raise ChannelConfigError(
                "refusing to send the SMTP password over an unencrypted link "
                "(set alerts.email.security to starttls or ssl)"
            )
        timeout = cfg.timeout.total_seconds()
        try:
            if cfg.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=timeout, context=self._context()
                )
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
        except smtplib.SMTPResponseException as exc:
            raise self._classify(exc) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryDeliveryError(f"cannot connect to {cfg.host}:{cfg.port}: {exc}") from exc
        try:
            self._session(smtp, msg)
        finally:
            _close(smtp)

    def _session(self, smtp: smtplib.SMTP, msg: EmailMessage) -> None:
        cfg = self.cfg
        try:
            smtp.ehlo()
            if cfg.security == "starttls":
                smtp.starttls(context=self._context())
                smtp.ehlo()
            if cfg.username:
                smtp.login(cfg.username, cfg.password)
            refused = smtp.send_message(msg)
        except smtplib.SMTPAuthenticationError as exc:
            # a wrong username or password is the config's fault, not the message's:
            # kept pending, so the alert still goes out once the config is fixed
            raise ChannelConfigError(f"login refused: {_reply(exc)}") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise ChannelConfigError(f"{cfg.host}:{cfg.port} does not offer {exc}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            reason = "; ".join(
                f"{addr}: {code} {header_safe(text.decode('utf-8', 'replace') if isinstance(text, bytes) else text, 120)}"
                for addr, (code, text) in exc.recipients.items()
            )
            if codes and all(code >= 500 for code in codes):
                raise PermanentDeliveryError(f"all recipients refused: {reason}") from exc
            raise TemporaryDeliveryError(f"recipients refused: {reason}") from exc
        except smtplib.SMTPResponseException as exc:
            raise self._classify(exc) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryDeliveryError(f"SMTP session with {cfg.host}:{cfg.port} failed: {exc}") from exc
        if refused:
            log.warning("email accepted, but the server refused %s", ", ".join(sorted(refused)))

    @staticmethod
    def _classify(exc: smtplib.SMTPResponseException) -> Exception:
        if 500 <= exc.smtp_code < 600:
            return PermanentDeliveryError(_reply(exc))
        return TemporaryDeliveryError(_reply(exc))


def _close(smtp: smtplib.SMTP) -> None:
    """QUIT politely; after the server took the message, its goodbye no longer matters."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError) as exc:
        log.debug("SMTP quit failed: %s", exc)
        smtp.close()
