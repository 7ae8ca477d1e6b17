"""Accounts: one global identity, memberships in associations, roles made of permissions."""


def init_app(app) -> None:
    """The sign-in pages and the ``users`` commands."""
    from wasl.accounts.cli import users_cli
    from wasl.accounts.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
