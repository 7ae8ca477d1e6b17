"""The wizard's last step sums the answers up in whole sentences, one per way of starting the policy."""

from __future__ import annotations

import pytest

from tests.administration.helpers import in_english
from tests.operator.helpers import operator_client
from wasl.operator.wizard import DRAFT_KEY


def _draft(source: str, copy_from: str | None = None) -> dict:
    return {"id": "0123456789abcdef01234567", "data": {
        "identity": {"slug": "ytam-riyadh", "name_ar": "جمعية رعاية الأيتام", "name_en": "Orphan Care",
                     "registration_number": "1234", "city_ar": "الرياض"},
        "contacts": {},
        "letterhead": {"has_logo": False, "beneficiary_ar": "اليتيم", "beneficiary_en": "orphan",
                       "beneficiaries_ar": "الأيتام", "beneficiaries_en": "orphans"},
        "policy": {"source": source, "copy_from": copy_from},
        "admin": {"admin_email": "admin@ytam.example.org"},
    }}


@pytest.mark.parametrize("source, copy_from, sentence", [
    ("standard", None, "The policy starts from the standard template."),
    ("upload", None, "The policy starts from the uploaded policy.yaml file."),
    ("copy", "wefaq", 'The policy starts as a copy of the published example of <bdi dir="ltr">wefaq</bdi>.'),
])
def test_the_confirmation_says_where_the_policy_starts_in_one_sentence(client, factory, source, copy_from,
                                                                      sentence):
    operator_client(client, factory)
    in_english(client)
    with client.session_transaction() as session:
        session[DRAFT_KEY] = _draft(source, copy_from)
    page = client.get("/operator/onboarding/confirm")
    assert page.status_code == 200
    assert sentence in page.get_data(as_text=True)
