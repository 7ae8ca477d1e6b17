"""In-process delivery for a web process without Redis (the demo): one daemon thread per app.

It delivers what committed transactions hand it and, whenever it has been
idle for a sweep interval, runs the outbox sweep so retries and rows missed
by a restart still go out. Started on first use, never at import.
"""

from __future__ import annotations

import logging
import queue
import threading

from flask import current_app

from wasl.notifications import config

log = logging.getLogger(__name__)

EXTENSION_KEY = "wasl_notifications_inline"
_STARTING = threading.Lock()


class InlineDelivery:
    def __init__(self, app):
        self.app = app
        self.inbox: queue.Queue = queue.Queue()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="wasl-notifications-inline", daemon=True)
        self.thread.start()

    def submit(self, pairs) -> None:
        for pair in pairs:
            self.inbox.put(pair)

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the message in hand and end the thread (a server shutting down, a test ending)."""
        self.stopped.set()
        self.inbox.put(None)
        self.thread.join(timeout)

    def _run(self) -> None:
        interval = self.app.config["NOTIFICATIONS_SWEEP_INTERVAL"]
        while not self.stopped.is_set():
            try:
                pair = self.inbox.get(timeout=interval)
            except queue.Empty:
                self._sweep()
                continue
            if pair is not None:
                self._deliver(*pair)

    def _deliver(self, tenant_id: int, notification_id: int) -> None:
        from wasl.notifications.tasks import deliver_in_app

        try:
            deliver_in_app(self.app, tenant_id, notification_id)
        except Exception:  # noqa: BLE001 - the thread must outlive any one message
            log.exception("in-process delivery of notification %s failed", notification_id)

    def _sweep(self) -> None:
        from wasl.notifications.tasks import sweep_in_app

        try:
            self.submit(sweep_in_app(self.app))
        except Exception:  # noqa: BLE001
            log.exception("in-process outbox sweep failed")


def delivery() -> InlineDelivery:
    app = current_app._get_current_object()
    with _STARTING:
        running = app.extensions.get(EXTENSION_KEY)
        if running is None or not running.thread.is_alive():
            running = InlineDelivery(app)
            app.extensions[EXTENSION_KEY] = running
            log.info("notifications are delivered in-process (NOTIFICATIONS_DELIVERY=%s)",
                     config.setting("DELIVERY"))
    return running


def submit(pairs) -> None:
    delivery().submit(pairs)


def stop(app) -> None:
    """End the app's in-process delivery thread, if one was started."""
    running = app.extensions.pop(EXTENSION_KEY, None)
    if running is not None:
        running.stop()
