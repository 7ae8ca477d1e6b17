"""The notification settings of the platform (not of an association): defaults for those not configured.

``NOTIFICATIONS_DELIVERY`` says what happens after a commit that wrote notifications:
``rq`` enqueues a job per notification; ``inline`` delivers in a thread of the web
process (the demo without Redis); ``deferred`` leaves them to a worker's periodic
sweep (the default of the test suite, so tests never reach Redis behind their
back); ``auto`` (development only) picks ``rq`` when Redis answers, else ``inline``.
"""

from __future__ import annotations

import os

from flask import current_app

from wasl.config import ConfigError

DELIVERY_MODES = ("rq", "inline", "deferred", "auto")

DEFAULT_BASE_URLS = {
    "unifonic": "https://el.cloud.unifonic.com",
    "taqnyat": "https://api.taqnyat.sa",
    "whatsapp_cloud": "https://graph.facebook.com",
}


def _default_delivery(config) -> str:
    if config.get("TESTING") or config["WASL_ENV"] == "test":
        return "deferred"
    return "auto" if config["WASL_ENV"] == "development" else "rq"


def _development_outbox(config) -> str | None:
    instance = config.get("WASL_INSTANCE_PATH_RESOLVED")
    return os.path.join(instance, "console-outbox") if instance and config["WASL_ENV"] == "development" else None


def apply_defaults(config) -> None:
    """Fill in every NOTIFICATIONS_* key the app was not given explicitly."""
    defaults = {
        "NOTIFICATIONS_DELIVERY": _default_delivery(config),
        "NOTIFICATIONS_QUEUE": "notifications",
        "NOTIFICATIONS_REDIS_URL": config.get("REDIS_URL"),
        "NOTIFICATIONS_JOB_TIMEOUT": 60,
        "NOTIFICATIONS_BACKOFF": (30, 120, 600, 1800, 3600),
        "NOTIFICATIONS_REQUEUE_AFTER": 60,
        "NOTIFICATIONS_SWEEP_BATCH": 1000,
        # Fresh messages of one association go to a worker in jobs of this many.
        "NOTIFICATIONS_BATCH": 50,
        # A worker claims this many of a job's messages in one commit: at most this many wait for the
        # lease when it is killed mid-send.
        "NOTIFICATIONS_CLAIM_CHUNK": 50,
        "NOTIFICATIONS_REMINDER_INTERVAL": 3600,
        "NOTIFICATIONS_HTTP_TIMEOUT": 15,
        "NOTIFICATIONS_PROVIDER_BASE_URLS": {**DEFAULT_BASE_URLS,
                                             **config.get("NOTIFICATIONS_PROVIDER_BASE_URLS_GIVEN", {})},
        "NOTIFICATIONS_SMTP_ALLOW_PRIVATE_HOSTS": config["WASL_ENV"] != "production",
        # Where the console provider writes whole messages (one folder per association); unset: nowhere.
        "NOTIFICATIONS_CONSOLE_OUTBOX": _development_outbox(config),
    }
    for key, value in defaults.items():
        config.setdefault(key, value)
    _check(config)


def _check(config) -> None:
    if config["NOTIFICATIONS_DELIVERY"] not in DELIVERY_MODES:
        raise ConfigError(f"NOTIFICATIONS_DELIVERY must be one of {', '.join(DELIVERY_MODES)}")
    if config["NOTIFICATIONS_DELIVERY"] == "auto" and config["WASL_ENV"] != "development":
        raise ConfigError("NOTIFICATIONS_DELIVERY=auto is for development only")
    if config["NOTIFICATIONS_SENDING_LEASE"] <= config["NOTIFICATIONS_JOB_TIMEOUT"] and config["WASL_ENV"] == "production":
        raise ConfigError("NOTIFICATIONS_SENDING_LEASE must be longer than NOTIFICATIONS_JOB_TIMEOUT")


def setting(name: str):
    return current_app.config[f"NOTIFICATIONS_{name}"]


def backoff() -> tuple[float, ...]:
    return tuple(setting("BACKOFF"))


def max_attempts() -> int:
    """The first try plus one retry per backoff step."""
    return len(backoff()) + 1


def base_url(provider: str) -> str:
    return setting("PROVIDER_BASE_URLS")[provider].rstrip("/")
