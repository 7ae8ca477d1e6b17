"""Uploaded documents: checked by their content, stored per association outside the web root."""


def init_app(app) -> None:
    from wasl.documents import storage, views

    views.init_app(app)
    storage.init_app(app)
