"""The delivery log as JSON: list with filters, one notification with its attempts, resend."""

from __future__ import annotations

from flask import g, jsonify

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.pagination import paginate
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.notifications import services
from wasl.notifications.schemas import (
    LogQuerySchema,
    ManagedNotificationDetailSchema,
    ManagedNotificationSchema,
    NotificationDetailSchema,
    NotificationSchema,
)

bp = api_blueprint("notifications", __name__, "/<slug>/notifications")


def _manager() -> bool:
    return g.membership.grants("notifications.manage")


@bp.route("")
@access.requires("notifications.view")
@operation("The association's notifications, newest first, filtered by status, event and channel",
           response=page_of(ManagedNotificationSchema), query=LogQuerySchema)
def list_notifications():
    args = query_args(LogQuerySchema)
    filters = {k: args[k] for k in services.FILTERS if k in args}
    schema = ManagedNotificationSchema() if _manager() else NotificationSchema()
    return jsonify(paginate(services.log_statement(filters), schema))


@bp.route("/<int:notification_id>")
@access.requires("notifications.view")
@operation("One notification with each delivery attempt and the provider's answer",
           response=ManagedNotificationDetailSchema)
def get_notification(notification_id: int):
    schema = ManagedNotificationDetailSchema() if _manager() else NotificationDetailSchema()
    return jsonify(schema.dump(services.find_notification(notification_id)))


@bp.route("/<int:notification_id>/resend", methods=["POST"])
@access.requires("notifications.manage")
@operation("Send a dead notification again with a fresh set of attempts", response=ManagedNotificationDetailSchema)
def resend_notification(notification_id: int):
    found = services.find_notification(notification_id)
    services.resend(found.notification)
    return jsonify(ManagedNotificationDetailSchema().dump(services.notification_detail(notification_id)))


from wasl.notifications import config_api as _config_api  # noqa: E402,F401 - templates and providers join ``bp``
