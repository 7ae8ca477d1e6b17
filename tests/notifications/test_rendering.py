"""Message templates: every shipped wording renders in both languages; the sandbox keeps templates in."""

import pytest

from wasl.notifications import messages
from wasl.notifications.catalogue import EVENTS
from wasl.notifications.context import message_context
from wasl.notifications.rendering import TemplateRejected, render_parts, render_text

CONTEXT = {"recipient_name": "نورة", "case_number": "1447-00012", "reasons": ["سبب"], "association": "جمعية"}


def test_every_event_ships_every_channel_in_both_languages():
    assert messages.check_all_shipped() == []


@pytest.mark.parametrize("event", sorted(EVENTS))
@pytest.mark.parametrize("locale", ["ar", "en"])
def test_shipped_wording_renders_with_sample_data(scoped, event, locale):
    spec = EVENTS[event]
    context = message_context(spec, scoped, locale, "نورة" if locale == "ar" else "Noura", spec.sample)
    for channel in messages.CHANNELS:
        rendered = render_parts(messages.shipped(event, channel, locale), context)
        assert rendered.body.strip()
        assert scoped.name(locale) in rendered.body or scoped.name(locale) in (rendered.subject or "") \
            or event.startswith("auth.") or scoped.name(locale) in rendered.template_params
        if channel == "email":
            assert rendered.subject
        if channel == "whatsapp":
            assert rendered.template_name.startswith("wasl_") and rendered.template_params
        if "case_number" in spec.fields:
            assert "1447-00012" in rendered.body
        if locale == "ar":
            assert any("\u0600" <= ch <= "\u06ff" for ch in rendered.body)


def test_dates_are_given_in_both_calendars(scoped):
    spec = EVENTS["case.submitted"]
    context = message_context(spec, scoped, "ar", "نورة", {"case_number": "1", "decision_due_on": "2024-04-17"})
    assert context["decision_due_on_hijri"] == "8 شوال 1445 هـ"
    assert context["decision_due_on_gregorian"] == "17 أبريل 2024 م"
    english = message_context(spec, scoped, "en", "Noura", {"case_number": "1", "decision_due_on": "2024-04-17"})
    assert english["decision_due_on"] == "8 Shawwal 1445 AH — April 17, 2024"


def test_only_declared_facts_reach_the_template(scoped):
    spec = EVENTS["case.received"]
    context = message_context(spec, scoped, "ar", "نورة", {"case_number": "7", "national_id": "1012345672"})
    assert "national_id" not in context
    with pytest.raises(TemplateRejected):
        render_text("{{ national_id }}", context)


def test_terminology_and_letterhead_come_from_the_association(factory, db_session):
    tenant = factory.tenant(terminology={"beneficiary": {"ar": "المستخدم", "en": "user"},
                                         "beneficiaries": {"ar": "المستخدمين", "en": "users"}},
                            letterhead={"tagline": {"ar": "مسجلة برقم 9", "en": "Registered no. 9"}})
    context = message_context(EVENTS["policy.published"], tenant, "ar", "", {"number": 3})
    assert context["beneficiaries_term"] == "المستخدمين"
    assert context["letterhead_tagline"] == "مسجلة برقم 9"
    assert context["letterhead_name"] == tenant.name_ar


@pytest.mark.parametrize("source", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ recipient_name.__class__.__init__.__globals__ }}",
    "{{ reasons.__class__.__base__ }}",
    "{{ reasons.append('x') }}",
    "{{ recipient_name.format.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ 'x' * 100000 }}",
    "{{ 9 ** 999999 }}",
])
def test_reaching_outside_the_context_is_refused_with_a_clear_message(app, source):
    with app.test_request_context("/?lang=en"), pytest.raises(TemplateRejected) as refused:
        render_text(source, dict(CONTEXT))
    message = str(refused.value)
    assert "outside" in message or "not allowed" in message or "cannot" in message or "could not" in message


@pytest.mark.parametrize("name", ["range", "cycler", "joiner", "namespace", "lipsum", "dict", "config",
                                  "request", "g", "url_for", "current_app"])
def test_no_globals_are_available(app, name):
    with app.test_request_context("/"), pytest.raises(TemplateRejected) as refused:
        render_text("{{ " + name + " }}", dict(CONTEXT))
    assert name in str(refused.value)


def test_a_misspelt_variable_is_named_in_the_message(app):
    with app.test_request_context("/"), pytest.raises(TemplateRejected) as refused:
        render_text("رقم {{ case_numbr }}", dict(CONTEXT))
    assert "case_numbr" in str(refused.value)


def test_a_syntax_error_gives_its_line(app):
    with app.test_request_context("/"), pytest.raises(TemplateRejected) as refused:
        render_text("first line\n{% if %}", dict(CONTEXT))
    assert "2" in str(refused.value)


def test_plain_text_is_not_html_escaped(app):
    assert render_text("{{ a }}", {"a": "<b>&</b>"}) == "<b>&</b>"
