"""Why a delivery did not go out. One module, one hierarchy::

    DeliveryError                    any failure to hand a message to a channel
    ├── TemporaryDeliveryError       try again later (stays pending, back-off);
    │   │                            may carry retry_after (seconds) from the peer:
    │   │                            SMTP 4xx, connection refused or reset, timeouts,
    │   │                            TLS failures, Slack 429 / 5xx / 408
    │   └── ChannelConfigError       the channel's config cannot work as given
    │                                (e.g. a password over an unencrypted link);
    │                                kept pending so a fixed config still delivers
    └── PermanentDeliveryError       the peer refused this message for good:
                                     SMTP 5xx, Slack 400 / 403 / 404 / 410;
                                     marked failed with the reason, never retried

Messages never contain secrets (passwords, webhook URLs): channels build
them from status codes and server replies only.
"""

from __future__ import annotations


class DeliveryError(Exception):
    """A message could not be handed to a channel."""


class TemporaryDeliveryError(DeliveryError):
    """Worth retrying later; ``retry_after`` is the peer's wish in seconds, if it said."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ChannelConfigError(TemporaryDeliveryError):
    """The channel's configuration cannot work; retried so that a fixed config delivers."""


class PermanentDeliveryError(DeliveryError):
    """The peer refused the message for good; retrying would not help."""
