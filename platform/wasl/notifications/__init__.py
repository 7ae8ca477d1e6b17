"""Notifications: a transactional outbox delivered by RQ workers through per-association providers.

Other features either emit a domain event (``wasl.events.emit``) that this
package subscribes to, or call ``notify(tenant_id, event, recipient, context,
essential=...)`` directly; both write an outbox row into the caller's
transaction. See ``outbox`` for the commit boundary, ``delivery`` for a single
send, ``sweep`` and ``schedule`` for what keeps anything from being lost.
"""

from __future__ import annotations

from wasl.notifications.outbox import notify
from wasl.notifications.recipients import Recipient


def init_app(app) -> None:
    """The pages and API; configure, subscribe the event handlers, attach the session listeners, the worker."""
    from flask_babel import lazy_gettext as _l

    from wasl.api import register_api
    from wasl.notifications import api, config, handlers, outbox, views
    from wasl.notifications.cli import worker_command
    from wasl.web.navigation import add_nav_item

    app.register_blueprint(views.bp)
    app.config.setdefault("WASL_INSTANCE_PATH_RESOLVED", app.instance_path)
    config.apply_defaults(app.config)
    outbox.install()
    handlers.subscribe_all(app)
    app.cli.add_command(worker_command)
    add_nav_item(app, "notifications.index", _l("Notifications"), permission="notifications.view", order=70)
    register_api(app, api.bp)


__all__ = ["Recipient", "init_app", "notify"]
