"""Enquiries, suggestions and complaints (استفسار، اقتراح، شكوى), with feedback, as NCNP transparency asks.

A person signed in to the portal (``portal_views``, ``portal_api``) or a visitor
from the public policy page (``public_views``) files an item (``filing``); staff
holding ``feedback.handle`` answer it from a queue with a clock against the
association's response window (``handling``, ``clock``, ``views``, ``api``);
complaints that name a member of staff are the admin's alone (``visibility``).
"""


def init_app(app) -> None:
    """Called by the app factory: pages, APIs and the staff's navigation link."""
    from flask_babel import lazy_gettext as _l

    from wasl.api import register_api
    from wasl.feedback import api, portal_api, portal_views, public_views, views
    from wasl.web.navigation import add_nav_item

    for blueprint in (views.bp, views.settings_bp, portal_views.bp, public_views.bp):
        app.register_blueprint(blueprint)
    register_api(app, api.bp, portal_api.bp)
    add_nav_item(app, "feedback.queue", _l("Enquiries and complaints"), permission="feedback.handle", order=45)
