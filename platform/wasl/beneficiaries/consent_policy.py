"""Whether the association's published policy requires consent at intake, and the refusal when it is missing.

The policy says so in ``intake.consent_required`` (see ``policy.content.Intake``);
a policy without the section, or an association with no published policy,
records a consent when one is given and asks for none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import select

from wasl.db import db

REQUIRED_PURPOSE = "data_processing"


def consent_required(tenant_id: int) -> bool:
    """Whether the association's published policy requires consent to data processing at intake."""
    from wasl.policy.models import PolicyStatus, PolicyVersion

    content = db.session.scalar(select(PolicyVersion.content).where(
        PolicyVersion.tenant_id == tenant_id, PolicyVersion.status == PolicyStatus.PUBLISHED))
    intake = (content or {}).get("intake") or {}
    return bool(intake.get("consent_required"))


def require_consent(tenant_id: int, consents: Iterable[Mapping]) -> None:
    """ValidationError on ``consents`` when the policy requires a consent to data processing and none is given."""
    if any(c.get("purpose") == REQUIRED_PURPOSE for c in consents) or not consent_required(tenant_id):
        return
    from wasl.beneficiaries.forms import PURPOSE_CHOICES
    from wasl.beneficiaries.schemas import LABELS

    purpose = dict(PURPOSE_CHOICES)[REQUIRED_PURPOSE]
    raise ValidationError({"consents": [_(
        "{field}: the association's policy requires the person's consent to “{purpose}” before they are "
        "registered. Record that they consent and the channel they gave it through."
    ).format(field=LABELS["consents"], purpose=purpose)]})
