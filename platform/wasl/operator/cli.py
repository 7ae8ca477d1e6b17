"""``flask --app wsgi operator …``: onboard a new association from a folder, suspend, reactivate, export."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from marshmallow import ValidationError

from wasl.archive import exports
from wasl.db import db
from wasl.onboarding.definitions import DefinitionError, flatten_errors
from wasl.operator import lifecycle
from wasl.operator.folder import request_from_folder
from wasl.operator.onboarding import onboard_association

operator_cli = AppGroup("operator", help="Platform operator: onboarding, lifecycle and exports.")


def onboard_folder(folder: Path, admin_email: str, admin_name: str | None, policy: str | None) -> None:
    """The CLI face of onboarding: a new association from FOLDER with its first admin's invitation."""
    try:
        req = request_from_folder(folder, admin_email, admin_name, policy)
        result = onboard_association(req, via="cli")
        expires = result.invitation.invitation.expires_at if result.invitation.invitation else None
        db.session.commit()
    except (DefinitionError, ValidationError) as error:
        db.session.rollback()
        raise click.ClickException(_problems(folder, error)) from error
    click.echo(f"created association {result.tenant.slug} (policy: {result.policy_source})")
    outcome = result.invitation
    if outcome.membership is not None:
        click.echo(f"{admin_email} already had an account and is now its admin")
    elif outcome.emailed:
        click.echo(f"invitation e-mailed to {admin_email}; it expires at {expires:%Y-%m-%d %H:%M} UTC")
    else:
        click.echo(f"send this single-use invitation link to {admin_email}:\n  {outcome.url}")


def _problems(folder: Path, error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(f"{folder}: {line}" for line in flatten_errors(error.normalized_messages()))
    return str(error)


@operator_cli.command("onboard")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--admin-email", required=True, help="The first admin, who receives the invitation.")
@click.option("--admin-name", default=None)
@click.option("--policy", default=None, help="standard | copy:SLUG | upload (FOLDER/policy.yaml); default: "
              "the folder's policy.yaml if present, else the standard template.")
def onboard_command(folder, admin_email, admin_name, policy):
    """Onboard a NEW association from FOLDER (tenant.yaml, optional policy.yaml and logo)."""
    onboard_folder(folder, admin_email, admin_name, policy)


def _tenant(slug: str):
    tenant = lifecycle.association_by_slug(slug)
    if tenant is None:
        raise click.ClickException(f"no association with slug {slug}")
    return tenant


@operator_cli.command("suspend")
@click.argument("slug")
@click.option("--reason", default="")
def suspend_command(slug, reason):
    """Suspend an association (its staff are refused; data kept)."""
    try:
        lifecycle.suspend(_tenant(slug), reason)
    except lifecycle.LifecycleError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{slug} suspended")


@operator_cli.command("reactivate")
@click.argument("slug")
@click.option("--reason", default="")
def reactivate_command(slug, reason):
    """Reactivate a suspended association."""
    try:
        lifecycle.reactivate(_tenant(slug), reason)
    except lifecycle.LifecycleError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{slug} reactivated")


@operator_cli.command("export")
@click.argument("slug")
def export_command(slug):
    """Export all of an association's data to a zip under the instance folder."""
    tenant = _tenant(slug)
    export_id = exports.request_export(tenant, None).id
    db.session.commit()
    waiting = exports.export_of(tenant, export_id).enqueued_at is None
    how = "waits for Redis (enqueued when its page is next read)" if waiting else "queued"
    click.echo(f"export {export_id} {how}: {exports.archive_path(tenant.id, export_id)}")
