"""Where Flask-Limiter keeps its counters: Redis when it answers, memory otherwise."""

from __future__ import annotations

import redis


def redis_answers(url: str, timeout: float = 0.3) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        return bool(client.ping())
    except (redis.RedisError, OSError, ValueError):
        return False


def storage_uri(app) -> str:
    configured = app.config.get("RATELIMIT_STORAGE_URI")
    if configured:
        return configured
    url = app.config["REDIS_URL"]
    if url and redis_answers(url):
        return url
    app.logger.warning("rate limits kept in memory: Redis at %s does not answer", url)
    return "memory://"
