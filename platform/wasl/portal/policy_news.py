"""What the portal tells a person about the association's policy: a new version, and what changed in it.

For the months after a version is published, the person's requests page says
so, names the sections that differ from the version before (the policy's own
comparison, in the person's language) and links to the public policy page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from wasl.db import db
from wasl.i18n.dates import local_date
from wasl.policy.models import PolicyStatus, PolicyVersion

NEWS_DAYS = 90  # how long a newly published version is announced on the requests page


@dataclass(frozen=True)
class PolicyNews:
    number: int
    published_on: date
    changed_sections: tuple[str, ...]


def policy_news(tenant, language: str, today: date) -> PolicyNews | None:
    """The association's policy news for the person, or None when nothing was published lately."""
    from wasl.policy.services import diff_versions, published_version

    published = published_version(tenant)
    if published is None or published.published_at is None:
        return None
    published_on = local_date(published.published_at)
    if today - published_on > timedelta(days=NEWS_DAYS):
        return None
    previous = db.session.scalar(select(PolicyVersion).where(
        PolicyVersion.status == PolicyStatus.SUPERSEDED, PolicyVersion.number < published.number)
        .order_by(PolicyVersion.number.desc()).limit(1))
    if previous is None:
        return None  # the association's first policy: nothing the person knew has changed
    sections = diff_versions(previous, published, language)
    return PolicyNews(published.number, published_on,
                      tuple(section.title for section in sections if section.changes))
