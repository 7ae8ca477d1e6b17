"""Every command of ``flask --app wsgi``."""

from __future__ import annotations


def init_app(app) -> None:
    from wasl.accounts.cli import users_cli
    from wasl.crypto import crypto_cli
    from wasl.demo import demo_command
    from wasl.privacy.cli import privacy_cli
    from wasl.tenancy.cli import tenants_cli

    app.cli.add_command(tenants_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(crypto_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(privacy_cli)
