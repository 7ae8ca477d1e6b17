#!/usr/bin/env bash
# Sourced by the test and demo scripts: make sure PostgreSQL and Redis answer on
# 127.0.0.1, starting them when their binaries are installed but stopped.
# Sets WASL_PG_UP and WASL_REDIS_UP to 1 or 0.

_svc_log() { printf '[services] %s\n' "$*"; }

_pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432 -t 2
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

_redis_answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null
  fi
}

ensure_postgres() {
  WASL_PG_UP=0
  if _pg_answers; then WASL_PG_UP=1; return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      _svc_log "starting PostgreSQL $version"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
    for _ in $(seq 1 20); do _pg_answers && { WASL_PG_UP=1; return 0; }; sleep 0.5; done
  fi
  return 0
}

ensure_redis() {
  WASL_REDIS_UP=0
  if _redis_answers; then WASL_REDIS_UP=1; return 0; fi
  if command -v redis-server >/dev/null 2>&1; then
    _svc_log "starting Redis"
    mkdir -p /tmp/wasl-redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /tmp/wasl-redis --logfile /tmp/wasl-redis/redis.log >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do _redis_answers && { WASL_REDIS_UP=1; return 0; }; sleep 0.25; done
  fi
  return 0
}

loud() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!! %s\n' "$@" >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
}
