"""``flask --app wsgi demo``: a ready-to-click platform with the five seed associations."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from wasl.accounts.services import create_user, find_user, grant_membership
from wasl.db import db
from wasl.onboarding.definitions import onboard

SEED_SLUGS = ("wefaq", "shaair", "modeem", "hope", "quwayiyah")
DEMO_PASSWORD = "wasl-demo-2026"

# (e-mail, name, is_operator, [(slug, role), ...])
DEMO_STAFF = (
    ("operator@wasl.example", "مشغل المنصة", True, []),
    ("admin.wefaq@wasl.example", "نورة الحربي", False, [("wefaq", "admin")]),
    ("officer.wefaq@wasl.example", "خالد الزهراني", False, [("wefaq", "relations_officer")]),
    ("researcher.shared@wasl.example", "سارة القحطاني", False,
     [("wefaq", "social_researcher"), ("hope", "social_researcher")]),
    ("supervisor.shaair@wasl.example", "عبدالله المالكي", False, [("shaair", "supervisor")]),
    ("admin.shaair@wasl.example", "فهد الغامدي", False, [("shaair", "admin")]),
    ("admin.modeem@wasl.example", "ريم العتيبي", False, [("modeem", "admin")]),
    ("admin.hope@wasl.example", "منى الشهري", False, [("hope", "admin")]),
    ("committee.hope@wasl.example", "إبراهيم عسيري", False, [("hope", "committee_member")]),
    ("admin.quwayiyah@wasl.example", "سلطان الدوسري", False, [("quwayiyah", "admin")]),
)


@click.command("demo")
def demo_command():
    """Build the database, onboard the five associations and create demo staff (idempotent)."""
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory, revision="heads")
    tenants_dir = Path(current_app.config["WASL_TENANTS_DIR"])
    tenants = {}
    for slug in SEED_SLUGS:
        result = onboard(tenants_dir / slug)
        tenants[slug] = result.tenant
        click.echo(f"  {slug:<10} {'ready' if not result.changed else 'onboarded'}: {result.tenant.name_ar}")
        if result.policy is not None:
            click.echo(f"  {'':<10} {result.policy.describe()}")
    for email, name, operator, memberships in DEMO_STAFF:
        user = find_user(email) or create_user(email, name, DEMO_PASSWORD, is_operator=operator)
        for slug, role in memberships:
            grant_membership(user, tenants[slug], role)
    db.session.commit()
    _seed_cases(tenants, click.echo)
    from wasl.notifications.demo import prepare_demo_delivery

    prepare_demo_delivery(tenants.values(), click.echo)
    for line in sign_in_list():
        click.echo(line)


def needs_authenticator(operator: bool, memberships) -> bool:
    """Admins and the operator pass a second factor: they set up an authenticator app on first sign-in."""
    return operator or any(role == "admin" for _slug, role in memberships)


def sign_in_list() -> list[str]:
    """The demo's sign-ins, as printed at the end of ``flask demo``."""
    lines = [f"\nSign in at /login with any of these (password: {DEMO_PASSWORD}).",
             "Those marked * are admins or the platform operator: on their first sign-in they set up an",
             "authenticator app (scan the QR code, enter its 6-digit code, keep the recovery codes) and then",
             "give a code from it at each sign-in. The operator lands on the operator console (/operator/)."]
    for email, _name, operator, memberships in DEMO_STAFF:
        where = ", ".join(f"{slug} ({role})" for slug, role in memberships) or "platform operator"
        mark = "*" if needs_authenticator(operator, memberships) else " "
        lines.append(f"{mark} {email:<36} {where}")
    return lines


def _seed_cases(tenants: dict, echo) -> None:
    """Six months of cases per association, the surveys their deliveries sent (each skipped for an
    association that already has them), and the transparency page published."""
    from wasl.demo_cases import seed_demo_cases
    from wasl.demo_feedback import seed_demo_feedback
    from wasl.demo_surveys import publish_transparency_page, seed_demo_surveys

    for slug, tenant in tenants.items():
        added = seed_demo_cases(tenant)
        db.session.commit()
        if added:
            echo(f"  {slug:<10} {added} demo cases")
        surveys = seed_demo_surveys(tenant)
        published = publish_transparency_page(tenant)
        db.session.commit()
        if surveys:
            echo(f"  {slug:<10} {surveys} demo surveys")
        if published:
            echo(f"  {slug:<10} transparency page published at /{slug}/transparency")
        feedback = seed_demo_feedback(tenant)
        db.session.commit()
        if feedback:
            echo(f"  {slug:<10} {feedback} demo enquiries, suggestions and complaints")
