"""Background jobs of the operator side: building an association's export.

Jobs receive ids only; the tenant scope comes from those ids, never from a global.
When Redis does not answer (the embedded demo), the job runs in-process instead.
"""

from __future__ import annotations

import logging

from flask import current_app, has_app_context

from wasl.ratelimit import redis_answers

log = logging.getLogger(__name__)
EXPORT_TIMEOUT_SECONDS = 3600


def run_export(export_id: int, tenant_id: int) -> None:
    """The RQ entry point: builds the archive inside an application context."""
    from wasl.operator.exports import build_export

    if has_app_context():
        build_export(int(export_id), int(tenant_id))
        return
    from wasl import create_app

    with create_app().app_context():
        build_export(int(export_id), int(tenant_id))


def enqueue_export(export_id: int, tenant_id: int) -> str:
    """Queue the export after the commit that created it; ``"queued"`` or ``"inline"``."""
    url = current_app.config["REDIS_URL"]
    if current_app.config.get("WASL_EXPORTS_INLINE") or not redis_answers(url):
        log.warning("export %s built in-process: Redis does not answer", export_id)
        try:
            run_export(export_id, tenant_id)
        except Exception:  # noqa: BLE001 - the failure is recorded on the export row
            log.exception("export %s failed", export_id)
        return "inline"
    _queue().enqueue(run_export, export_id, tenant_id, job_timeout=EXPORT_TIMEOUT_SECONDS,
                     description=f"export {export_id} of tenant {tenant_id}")
    return "queued"


def _queue():
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = Redis.from_url(current_app.config["REDIS_URL"])
    return Queue(current_app.config.get("WASL_EXPORT_QUEUE", "default"), connection=connection,
                 serializer=JSONSerializer)
