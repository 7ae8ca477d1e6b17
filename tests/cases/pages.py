"""Helpers for the staff page tests: members who sign in with a password, cases at a given step."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from tests.cases.support import ROLE_KEYS, Association, advance_to, open_case
from tests.support.web import csrf_token, sign_in
from wasl.cases.web.forms import fields_prefix


def desk(factory, slug: str = "wefaq", roles=ROLE_KEYS) -> Association:
    """A seed association with one member per role, each able to sign in to the pages."""
    association = Association(factory.seed_tenant(slug))
    for role in roles:
        association.users[role] = factory.member(association.tenant, role)
    return association


def case_at(association: Association, step: str, **data):
    case = open_case(association, **data)
    advance_to(association, case, step)
    return case


@dataclass(frozen=True)
class Seen:
    """What a test remembers of a case. Its ORM object expires at every commit, and reading it again needs the
    association in scope (row-level security hides it otherwise), so the facts are taken while they are loaded."""

    id: int
    number: str
    beneficiary_id: int
    received_on: date

    @property
    def url(self) -> str:
        return f"/{self.slug}/cases/{self.id}"

    slug: str = "wefaq"


def seen(case, slug: str = "wefaq") -> Seen:
    return Seen(case.id, case.number, case.beneficiary_id, case.received_on, slug)


def as_member(client, association: Association, role: str):
    sign_in(client, association.users[role])
    return client


_HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
_ATTR = re.compile(r'(name|value)="([^"]*)"')


def hidden_fields(page: str, prefix: str) -> dict:
    """The hidden inputs of the case page's form ``prefix`` (its CSRF token, the check it is about...)."""
    start = page.find(f'id="form-{prefix}"')
    if start < 0:
        return {}
    form = page[start:page.find("</form>", start)]
    found = {}
    for tag in _HIDDEN.findall(form):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("name", "").startswith(prefix + "-"):
            found[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return found


def post_action(client, url: str, prefix: str, fields: dict | None = None, *, page_url: str | None = None):
    """Submit the case page's form ``prefix`` as a browser would: its hidden fields, then the given ones."""
    page = client.get(page_url or url).get_data(as_text=True)
    shared = fields_prefix(prefix)  # the reception's two actions send the fields of one form
    data = {"form": prefix, **hidden_fields(page, shared)}
    data.setdefault(f"{shared}-csrf_token", csrf_token(client, page_url or url))
    for name, value in (fields or {}).items():
        data[f"{shared}-{name}"] = value
    return client.post(url, data=data)
