"""``flask --app wsgi tenants …``: onboard an association from its folder, list them."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from wasl.db import db
from wasl.onboarding.definitions import DefinitionError, onboard
from wasl.tenancy.models import Tenant

tenants_cli = AppGroup("tenants", help="Associations (tenants).")


@tenants_cli.command("onboard")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--admin-email", default=None, help="Onboard a NEW association through the operator's onboarding "
              "service (logo, policy start, first admin's invitation); see `operator onboard --help`.")
@click.option("--policy", default=None, help="With --admin-email: standard | copy:SLUG | upload.")
def onboard_command(folder: Path, admin_email: str | None, policy: str | None):
    """Create or update an association from FOLDER (tenant.yaml); idempotent."""
    if admin_email:
        from wasl.operator.cli import onboard_folder

        onboard_folder(folder, admin_email, None, policy)
        return
    try:
        result = onboard(folder)
        db.session.commit()
    except DefinitionError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    slug = result.tenant.slug
    if result.created:
        click.echo(f"created association {slug}")
    elif result.changed:
        click.echo(f"updated association {slug}")
    else:
        click.echo(f"association {slug} is up to date; nothing changed")
    if result.policy is not None:
        click.echo(f"  {result.policy.describe()}")


@tenants_cli.command("list")
def list_command():
    """List every association with its status."""
    for tenant in db.session.scalars(select(Tenant).order_by(Tenant.slug)):
        click.echo(f"{tenant.slug:<20} {tenant.status.value:<10} {tenant.name_ar} / {tenant.name_en}")
