"""A newly published policy is announced on the person's requests page, with the sections that changed."""

from __future__ import annotations

from tests.cases.support import scope
from tests.portal.test_requests import page_text, signed_in
from wasl.db import db
from wasl.policy import services


def _republish_with_a_longer_window(association) -> int:
    admin = association.users["admin"]
    with scope(association.tenant):
        draft = services.start_draft(admin, "published", tenant=association.tenant)
        window = dict(draft.content["decision_window"], days=21)
        draft = services.update_draft(draft, "decision_window", window, draft.lock_version, admin)
        services.approve(draft, "17", date_gregorian="2026-11-20", actor=admin)
        number = services.publish(draft, admin).number
    db.session.commit()
    return number


def test_the_first_version_is_not_news_but_a_new_one_says_what_changed(client, wefaq, noura, gateway):
    signed_in(client, wefaq, noura, gateway)
    assert "policy-news" not in client.get("/wefaq/portal/").get_data(as_text=True)  # the first version: nothing changed
    number = _republish_with_a_longer_window(wefaq)
    text = page_text(client, "/wefaq/portal/")
    assert "نشرت الجمعية إصدارًا جديدًا من سياستها" in text and f"الإصدار {number}" in text
    assert "ما الذي تغيّر: مدة البت، اعتماد مجلس الإدارة." in text  # the window and the board approval
    english = page_text(client, "/wefaq/portal/?lang=en")
    assert "What changed:" in english and "/wefaq/policy" in client.get("/wefaq/portal/?lang=en").get_data(
        as_text=True)
