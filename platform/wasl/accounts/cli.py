"""``flask --app wsgi users …``: create people and issue API tokens."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from wasl.accounts.services import AccountError, create_user, find_user, grant_membership, issue_token
from wasl.db import db
from wasl.tenancy.models import Tenant

users_cli = AppGroup("users", help="People and their API tokens.")


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--password", required=True)
@click.option("--operator", is_flag=True, help="A platform operator.")
@click.option("--tenant", "tenants", multiple=True, help="Association slug; repeat with --role.")
@click.option("--role", "roles", multiple=True, help="Role key in the association given at the same position.")
def create_command(email, name, password, operator, tenants, roles):
    """Create a user, optionally with memberships (--tenant SLUG --role ROLE, repeatable)."""
    if len(tenants) != len(roles):
        raise click.UsageError("give one --role for each --tenant")
    try:
        user = create_user(email, name, password, is_operator=operator)
        for slug, role in zip(tenants, roles, strict=True):
            tenant = db.session.scalar(select(Tenant).where(Tenant.slug == slug))
            if tenant is None:
                raise AccountError(f"no association with slug {slug}")
            grant_membership(user, tenant, role)
        db.session.commit()
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(f"created {user.email}")


@users_cli.command("token")
@click.argument("email")
@click.option("--label", required=True)
def token_command(email, label):
    """Issue an API token for EMAIL and print it once."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user with e-mail {email}")
    raw = issue_token(user, label)
    db.session.commit()
    click.echo(raw)
