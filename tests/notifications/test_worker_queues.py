"""``flask worker`` with no queue named serves every queue the app enqueues on."""

from wasl.notifications.cli import served_queues


def test_the_worker_serves_the_export_queue_too(app):
    app.config["WASL_EXPORT_QUEUE"] = "exports-test"
    with app.app_context():
        assert served_queues() == [app.config["NOTIFICATIONS_QUEUE"], "exports-test"]
