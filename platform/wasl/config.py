"""Configuration from environment variables, with safe defaults for development.

This is the only module that reads the environment: everything else reads ``app.config``.
"""

import json
import os
from datetime import timedelta


class ConfigError(RuntimeError):
    """Raised when the environment is missing something production needs."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_path(default: str) -> str:
    """Where the app keeps its own files (the development database, uploads, exports)."""
    return os.environ.get("WASL_INSTANCE_PATH", default)


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from the environment, then apply overrides."""
    env = os.environ.get("WASL_ENV", "development")
    config = {
        "WASL_ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", "sqlite:///" + os.path.join(instance_path, "wasl.sqlite3")
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per 5 minutes"),
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", env == "production"),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "BABEL_DEFAULT_LOCALE": "ar",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Riyadh",
        "WASL_LOCALES": ("ar", "en"),
        "WASL_TENANTS_DIR": os.environ.get("WASL_TENANTS_DIR"),
        "WASL_UPLOAD_DIR": os.environ.get("WASL_UPLOAD_DIR", os.path.join(instance_path, "uploads")),
        "API_MAX_PER_PAGE": 100,
        "WASL_PUBLIC_URL": os.environ.get("WASL_PUBLIC_URL", "http://127.0.0.1:5000"),
        "WASL_MAX_UPLOAD_BYTES": int(os.environ.get("WASL_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)),
        # How many proxies in front of the app set X-Forwarded-For / X-Forwarded-Proto (0: trust none).
        # Set both to 1 behind the documented TLS proxy, so per-IP limits and audit IPs see the client.
        "WASL_PROXY_FIX_X_FOR": int(os.environ.get("WASL_PROXY_FIX_X_FOR", 0)),
        "WASL_PROXY_FIX_X_PROTO": int(os.environ.get("WASL_PROXY_FIX_X_PROTO", 0)),
        # How long a notification claimed by a worker may stay in ``sending`` before the sweep
        # re-opens it (its worker died mid-send). It must outlast the longest a living attempt can
        # take: RQ ends a job at NOTIFICATIONS_JOB_TIMEOUT (60 s; an attempt is one provider call,
        # each network step bounded by NOTIFICATIONS_HTTP_TIMEOUT, 15 s), and kills a forked
        # work-horse that ignores that alarm 60 s later: 120 s, plus 30 s to record the answer.
        # Shorter, a slow but living send would go out twice. Recovery after a crash takes at most
        # the lease plus one sweep interval plus one delivery.
        "NOTIFICATIONS_SENDING_LEASE": float(os.environ.get("NOTIFICATIONS_SENDING_LEASE", 150)),
        # Seconds between two outbox sweeps of each worker process (lease recovery, lost jobs).
        "NOTIFICATIONS_SWEEP_INTERVAL": int(os.environ.get("NOTIFICATIONS_SWEEP_INTERVAL", 15)),
        # Seconds between two runs of the personal-data retention job (each association's own period).
        "PRIVACY_RETENTION_INTERVAL": int(os.environ.get("PRIVACY_RETENTION_INTERVAL", 24 * 3600)),
        # Minutes a reason given on a page for reading a person's data is remembered for that person.
        "WASL_READ_REASON_MINUTES": int(os.environ.get("WASL_READ_REASON_MINUTES", 30)),
        # The encryption keys (comma-separated, newest first) and the blind-index key (``wasl.crypto``).
        "WASL_ENCRYPTION_KEYS": os.environ.get("WASL_ENCRYPTION_KEYS"),
        "WASL_BLIND_INDEX_KEY": os.environ.get("WASL_BLIND_INDEX_KEY"),
        # The operator's e-mail relay, as JSON (``wasl.notifications.providers.relay``).
        "WASL_PLATFORM_EMAIL": os.environ.get("WASL_PLATFORM_EMAIL"),
        **_notification_settings(),
    }
    if overrides:
        config.update(overrides)
    _require_secrets(config)
    return config


def _require_secrets(config: dict) -> None:
    if config["SECRET_KEY"]:
        return
    if config["WASL_ENV"] in {"development", "test"}:
        config["SECRET_KEY"] = "dev-only-not-secret"
        return
    raise ConfigError("SECRET_KEY must be set when WASL_ENV is not development or test")


def _present(name: str) -> str | None:
    return os.environ.get(name) or None


def _numbers(raw: str) -> tuple[float, ...]:
    return tuple(float(part) for part in raw.split(",") if part.strip())


# The NOTIFICATIONS_* settings given in the environment, with how each is read; those not given get
# their defaults from ``wasl.notifications.config.apply_defaults``, which knows the rest of the config.
_NOTIFICATION_NUMBERS = {
    "NOTIFICATIONS_JOB_TIMEOUT": int, "NOTIFICATIONS_REQUEUE_AFTER": float, "NOTIFICATIONS_SWEEP_BATCH": int,
    "NOTIFICATIONS_BATCH": lambda value: max(1, int(value)),
    "NOTIFICATIONS_CLAIM_CHUNK": lambda value: max(1, int(value)), "NOTIFICATIONS_REMINDER_INTERVAL": int,
    "NOTIFICATIONS_HTTP_TIMEOUT": float,
}


def _notification_settings() -> dict:
    settings = {name: kind(float(os.environ[name])) for name, kind in _NOTIFICATION_NUMBERS.items() if _present(name)}
    for name in ("NOTIFICATIONS_DELIVERY", "NOTIFICATIONS_REDIS_URL", "NOTIFICATIONS_CONSOLE_OUTBOX"):
        if _present(name):
            settings[name] = os.environ[name]
    if "NOTIFICATIONS_QUEUE" in os.environ:
        settings["NOTIFICATIONS_QUEUE"] = os.environ["NOTIFICATIONS_QUEUE"]
    if _present("NOTIFICATIONS_BACKOFF") and _numbers(os.environ["NOTIFICATIONS_BACKOFF"]):
        settings["NOTIFICATIONS_BACKOFF"] = _numbers(os.environ["NOTIFICATIONS_BACKOFF"])
    # Merged over the default address of each provider, so it names only the ones it changes.
    settings["NOTIFICATIONS_PROVIDER_BASE_URLS_GIVEN"] = json.loads(_present("NOTIFICATIONS_PROVIDER_BASE_URLS") or "{}")
    return settings
