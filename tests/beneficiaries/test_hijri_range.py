"""Birth dates outside the Umm al-Qura tables are refused, and a stored one never breaks a page."""

from datetime import date

import pytest
from marshmallow import ValidationError

from wasl.beneficiaries.fields import hijri_iso
from wasl.beneficiaries.schemas import BeneficiaryChangesSchema


@pytest.mark.parametrize("value", ["1900-01-01", "1634-09-24", "2077-11-17"])
def test_out_of_range_birth_date_is_refused_naming_the_field(app, value):
    with app.test_request_context(), pytest.raises(ValidationError) as caught:
        BeneficiaryChangesSchema().load({"birth_on": value})
    assert "birth_on" in caught.value.messages
    said = caught.value.messages["birth_on"][0]
    assert "\u20681 أغسطس 1924 م\u2069" in said and "1924-08-01" not in said  # the interface's format, isolated


def test_stored_out_of_range_date_shows_gregorian_only(app):
    from wasl.i18n.dates import dual_date

    assert hijri_iso(date(1900, 1, 1)) is None
    with app.test_request_context():
        assert "AH" not in dual_date(date(1900, 1, 1)) and "هـ" not in dual_date(date(1900, 1, 1))
