"""``flask --app wsgi tenants …``: onboard an association from its folder, list them."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from wasl.db import db
from wasl.tenancy.definitions import DefinitionError, onboard
from wasl.tenancy.models import Tenant

tenants_cli = AppGroup("tenants", help="Associations (tenants).")


@tenants_cli.command("onboard")
@click.argument("folder", type=click.Path(path_type=Path))
def onboard_command(folder: Path):
    """Create or update an association from FOLDER (tenant.yaml); idempotent."""
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


@tenants_cli.command("list")
def list_command():
    """List every association with its status."""
    for tenant in db.session.scalars(select(Tenant).order_by(Tenant.slug)):
        click.echo(f"{tenant.slug:<20} {tenant.status.value:<10} {tenant.name_ar} / {tenant.name_en}")
