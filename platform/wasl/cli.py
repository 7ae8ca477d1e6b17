"""The commands of ``flask --app wsgi`` that belong to no feature (each feature adds its own)."""

from __future__ import annotations


def init_app(app) -> None:
    from wasl.crypto import crypto_cli
    from wasl.demo import demo_command

    app.cli.add_command(crypto_cli)
    app.cli.add_command(demo_command)
