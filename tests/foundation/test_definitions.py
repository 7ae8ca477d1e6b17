"""Associations as data: tenant.yaml validated, onboarding idempotent, CLI commands."""

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from tests.support.factories import SEED_SLUGS, tenants_dir
from wasl.accounts.models import Role
from wasl.db import db
from wasl.onboarding.definitions import DefinitionError, load_definition, onboard
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_seed_definition_is_valid(slug):
    definition = load_definition(tenants_dir() / slug)
    assert definition["slug"] == slug and definition["name"]["ar"]


def test_seed_identities_match_their_documents():
    wefaq = load_definition(tenants_dir() / "wefaq")
    hope = load_definition(tenants_dir() / "hope")
    modeem = load_definition(tenants_dir() / "modeem")
    quwayiyah = load_definition(tenants_dir() / "quwayiyah")
    assert wefaq["registration_number"] == "5471" and wefaq["contacts"]["phone"] == "+966555738809"
    assert hope["registration_number"] == "5369" and hope["contacts"]["email"] == "hope-psy@outlook.com"
    assert modeem["registration_number"] == "2063"
    assert quwayiyah["terminology"]["beneficiaries"]["ar"] == "المستخدمين"


def write(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tenant.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


GOOD = {"slug": "orphans-riyadh", "name": {"ar": "جمعية رعاية الأيتام بالرياض", "en": "Riyadh Orphan Care"}}


@pytest.mark.parametrize("change, path_fragment", [
    ({"slug": "Bad Slug"}, "slug"),
    ({"slug": "api"}, "slug"),
    ({"name": {"ar": "", "en": "x"}}, "name.ar"),
    ({"contacts": {"email": "not-an-email"}}, "contacts.email"),
    ({"contacts": {"phone": "call us"}}, "contacts.phone"),
    ({"social": [{"platform": "myspace", "handle": "x"}]}, "social[0].platform"),
    ({"unexpected": 1}, "unexpected"),
    ({"default_locale": "fr"}, "default_locale"),
])
def test_malformed_definition_names_file_field_and_reason(tmp_path, change, path_fragment):
    data = {**GOOD, **change}
    folder = write(tmp_path / data["slug"].lower().replace(" ", "-"), data)
    with pytest.raises(DefinitionError) as error:
        load_definition(folder)
    message = str(error.value)
    assert "tenant.yaml" in message and path_fragment in message


def test_broken_yaml_is_refused(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "tenant.yaml").write_text("slug: [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not valid YAML"):
        load_definition(folder)


def test_onboarding_is_idempotent_and_seeds_roles(tmp_path):
    folder = write(tmp_path / "orphans-riyadh", GOOD)
    first = onboard(folder)
    second = onboard(folder)
    assert first.created and not second.changed
    with tenant_scope(db.session, first.tenant.id):
        assert db.session.scalar(select(func.count()).select_from(Role)) == 6


def test_a_refused_definition_writes_nothing(tmp_path):
    folder = write(tmp_path / "half", {**GOOD, "slug": "half", "contacts": {"email": "bad"}})
    with pytest.raises(DefinitionError):
        onboard(folder)
    assert db.session.scalar(select(Tenant).where(Tenant.slug == "half")) is None


def test_cli_onboard_list_and_users(app, tmp_path):
    folder = write(tmp_path / "orphans-riyadh", GOOD)
    runner = app.test_cli_runner()
    assert "created association orphans-riyadh" in runner.invoke(args=["tenants", "onboard", str(folder)]).output
    assert "nothing changed" in runner.invoke(args=["tenants", "onboard", str(folder)]).output
    assert "orphans-riyadh" in runner.invoke(args=["tenants", "list"]).output
    created = runner.invoke(args=["users", "create", "amal@example.org", "--name", "أمل", "--password",
                                  "long enough pass", "--tenant", "orphans-riyadh", "--role", "admin"])
    assert created.exit_code == 0, created.output
    token = runner.invoke(args=["users", "token", "amal@example.org", "--label", "ci"])
    assert token.output.strip().startswith("wasl_")
    bad = runner.invoke(args=["users", "create", "x@example.org", "--name", "x", "--password", "p",
                              "--tenant", "nowhere", "--role", "admin"])
    assert bad.exit_code != 0 and "no association with slug nowhere" in bad.output


def test_cli_refuses_malformed_file_clearly(app, tmp_path):
    folder = write(tmp_path / "bad", {"slug": "bad"})
    result = app.test_cli_runner().invoke(args=["tenants", "onboard", str(folder)])
    assert result.exit_code != 0 and "name: Missing data for required field." in result.output
