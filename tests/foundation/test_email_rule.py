"""One rule for e-mail addresses: what ``users create`` or the API accepts, the sign-in form accepts too."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.support.web import csrf_token
from wasl.accounts.models import User
from wasl.db import db

ADDRESSES = ["amal@example.org", "amal@wasl.test", "amal@localhost", "amal@", "أمل@مثال.السعودية"]


def _users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def _sign_in_form_accepts(client, address: str) -> bool:
    page = client.post("/login", data={"email": address, "password": "whatever it is",
                                       "csrf_token": csrf_token(client)})
    return "Enter a valid e-mail address." not in page.get_data(as_text=True)


@pytest.mark.parametrize("address", ADDRESSES)
def test_users_create_and_the_sign_in_form_agree(app, client, address):
    before = _users()
    with client.session_transaction() as session:
        session["locale"] = "en"
    created = app.test_cli_runner().invoke(args=["users", "create", address, "--name", "أمل",
                                                 "--password", "long enough pass"])
    assert (created.exit_code == 0) == _sign_in_form_accepts(client, address), created.output
    assert _users() == before + (1 if created.exit_code == 0 else 0)


def test_users_create_names_the_refused_address(app):
    refused = app.test_cli_runner().invoke(args=["users", "create", "amal@wasl.test", "--name", "أمل",
                                                 "--password", "long enough pass"])
    assert refused.exit_code != 0 and "amal@wasl.test" in refused.output and "not a valid" in refused.output
