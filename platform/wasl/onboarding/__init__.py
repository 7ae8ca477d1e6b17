"""Onboarding an association from its folder (``tenants/<slug>/``): its definition, roles and policy."""


def init_app(app) -> None:
    """The ``tenants`` commands."""
    from wasl.onboarding.cli import tenants_cli

    app.cli.add_command(tenants_cli)
