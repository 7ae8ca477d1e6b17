"""Uploaded documents: checked by their content, stored per association outside the web root."""


def init_app(app) -> None:
    """The download pages, the upload limit, the storage's transaction listeners and the API."""
    from wasl.api import register_api
    from wasl.documents import api, storage, views

    views.init_app(app)
    storage.init_app(app)
    register_api(app, api.bp)
