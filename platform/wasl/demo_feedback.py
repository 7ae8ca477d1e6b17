"""Demo enquiries, suggestions and complaints: a few per association, so the queue is never empty.

Written straight into the table like the other demo data: references from the
association's counter, filing days in the past so the clock shows every state
(on time, due today or overdue, answered, closed and rated), one complaint that
names a member of staff (the admin's alone), and visitors from the public page
beside people from the portal. An association that already has items is left
as it is, so ``flask demo`` stays idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from wasl.cases.models import Case
from wasl.db import db, utcnow
from wasl.feedback import clock
from wasl.feedback.filing import next_reference
from wasl.feedback.models import Feedback, FeedbackKind, FeedbackSource, FeedbackState
from wasl.tenancy.scope import tenant_scope


@dataclass(frozen=True)
class _Story:
    kind: FeedbackKind
    days_ago: int
    message: str
    from_portal: bool
    state: FeedbackState = FeedbackState.OPEN
    reply: str | None = None
    rating: int | None = None
    staff_named: str | None = None


STORIES = (
    _Story(FeedbackKind.COMPLAINT, 9, "قدّمت طلبي منذ أسابيع ولم يصلني أي رد حتى الآن.", True),
    _Story(FeedbackKind.ENQUIRY, 1, "ما الأوراق المطلوبة للتقديم على السلة الغذائية؟", False),
    _Story(FeedbackKind.SUGGESTION, 4, "أقترح إتاحة مواعيد مسائية لاستقبال المراجعين.", False,
           FeedbackState.ANSWERED, "شكرًا على اقتراحك، وسنعرضه على الإدارة في اجتماعها القادم."),
    _Story(FeedbackKind.ENQUIRY, 12, "هل يمكنني تحديث رقم جوالي من البوابة؟", True, FeedbackState.CLOSED,
           "نعم، ويمكنك أيضًا زيارة مقر الجمعية أو الاتصال بنا لتحديثه.", 5),
    _Story(FeedbackKind.COMPLAINT, 2, "لم يُحسن الموظف استقبالي عند مراجعتي الأخيرة.", True,
           staff_named="موظف الاستقبال"),
    _Story(FeedbackKind.SUGGESTION, 6, "نتمنى إرسال رسالة عند اقتراب موعد التسليم.", True, FeedbackState.CLOSED,
           "فكرة جميلة، وقد فعّلنا التذكير برسالة نصية قبل التسليم بيوم.", 4),
)
VISITOR = ("زائر من صفحة السياسة", "+966500000000")


def seed_demo_feedback(tenant) -> int:
    """The demo items of ``tenant`` unless it has some already; returns how many were written."""
    with tenant_scope(db.session, tenant.id):
        if db.session.scalar(select(Feedback.id).limit(1)) is not None:
            return 0
        cases = list(db.session.execute(select(Case.id, Case.beneficiary_id).order_by(Case.id).limit(len(STORIES))))
        items = [_item(tenant, story, cases[n % len(cases)] if cases else None) for n, story in enumerate(STORIES)]
        db.session.add_all(items)
        db.session.flush()
        return len(items)


def _item(tenant, story: _Story, case) -> Feedback:
    filed_at = utcnow() - timedelta(days=story.days_ago, hours=3)
    portal = story.from_portal and case is not None
    item = Feedback(tenant_id=tenant.id, kind=story.kind, state=story.state, language="ar", message=story.message,
                    source=FeedbackSource.PORTAL if portal else FeedbackSource.PUBLIC,
                    beneficiary_id=case.beneficiary_id if portal else None, case_id=case.id if portal else None,
                    staff_named=story.staff_named, names_staff=story.staff_named is not None, filed_at=filed_at,
                    due_on=clock.reply_due_on(clock.local_day(filed_at)), number=next_reference(
                        tenant, clock.local_day(filed_at).year))
    if not portal:
        item.visitor_name, item.visitor_mobile = VISITOR
    if story.reply:
        item.reply, item.replied_at = story.reply, filed_at + timedelta(days=1)
    if story.state == FeedbackState.CLOSED:
        item.closed_at = filed_at + timedelta(days=2)
    if story.rating:
        item.rating, item.rated_at = story.rating, filed_at + timedelta(days=2)
    return item
