"""``flask --app wsgi privacy retention``: apply every association's retention period now, and say what it did."""

from __future__ import annotations

import click
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Personal-data rights and retention.")


@privacy_cli.command("retention")
def retention_command() -> None:
    """Erase, in each active association, the people whose retention period has passed (the daily job's work)."""
    from wasl.privacy.tasks import apply_everywhere

    for slug, report in apply_everywhere().items():
        if report.keep_months is None:
            click.echo(f"{slug}: kept until erased by hand")
        else:
            click.echo(f"{slug}: {report.erased} erased (kept {report.keep_months} months; "
                       f"last request closed before {report.cutoff.isoformat()})")
