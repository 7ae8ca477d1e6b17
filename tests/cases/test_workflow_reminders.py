"""Decision reminders for staff: due soon and overdue, each once per due date, never after the decision."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.cases.support import act, advance_to, open_case, scope, vote_all
from wasl.cases import reminders
from wasl.i18n.dates import RIYADH


def at(day) -> datetime:
    return datetime.combine(day, time(9), tzinfo=RIYADH)


def test_due_soon_and_overdue_are_each_sent_once(wefaq, emitted):
    waiting, decided = open_case(wefaq), open_case(wefaq)
    for case in (waiting, decided):
        advance_to(wefaq, case, "committee_review")
    vote_all(wefaq, decided)
    act(wefaq, decided, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="committee_member")
    due = waiting.decision_due_on
    with scope(wefaq.tenant):
        assert reminders.decision_due_soon(wefaq.tenant, at(due - timedelta(days=5))) == 0
        assert reminders.decision_due_soon(wefaq.tenant, at(due - timedelta(days=1))) == 1
        assert reminders.decision_due_soon(wefaq.tenant, at(due)) == 0
        assert reminders.overdue(wefaq.tenant, at(due)) == 0
        assert reminders.overdue(wefaq.tenant, at(due + timedelta(days=3))) == 1
        assert reminders.overdue(wefaq.tenant, at(due + timedelta(days=4))) == 0
    staff_events = [(name, p) for name, p in emitted if name in ("case.decision_due_soon", "case.overdue")]
    assert [name for name, _ in staff_events] == ["case.decision_due_soon", "case.overdue"]
    assert all(p["case_id"] == waiting.id and p["decision_due_on"] == due.isoformat() for _, p in staff_events)
    assert staff_events[1][1]["days_overdue"] == 3
    assert waiting.is_overdue(due + timedelta(days=1)) and not decided.is_overdue(due + timedelta(days=1))
