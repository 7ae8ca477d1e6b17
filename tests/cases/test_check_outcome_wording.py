"""An eligibility check's outcome says whether the case meets the criteria, not whether someone is pleased."""

from flask_babel import force_locale

from wasl.cases.page_data import OUTCOME_LABELS
from wasl.cases.web.forms import ReportForm


def test_check_outcomes_read_met_and_not_met_in_arabic(app):
    with app.test_request_context(), force_locale("ar"):
        assert str(OUTCOME_LABELS["satisfied"]) == "مستوفٍ"
        assert str(OUTCOME_LABELS["not_satisfied"]) == "غير مستوفٍ"
        choices = {choice.value: str(choice.label) for choice in ReportForm(meta={"csrf": False}).outcome.choices}
        assert choices["satisfied"] == "مستوفٍ" and choices["not_satisfied"] == "غير مستوفٍ"
        assert "راض" not in " ".join(choices.values())
