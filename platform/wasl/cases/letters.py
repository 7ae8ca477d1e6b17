"""The decision letter: HTML for the screen and a PDF (WeasyPrint) on the association's letterhead.

Built from the decision's data in the language asked for, so the same
decision reads the same in Arabic and English. PDFs are kept on disk per
association and decision, and rebuilt when the letterhead changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from sqlalchemy import select

from wasl.cases.catalogue import catalogue_of
from wasl.cases.models import Case, Decision
from wasl.db import db
from wasl.kernel.bilingual import pick
from wasl.kernel.files import write_atomically
from wasl.policy.letterhead import build_letterhead

LANGUAGES = ("ar", "en")
LAYOUT_REVISION = "1"


@dataclass(frozen=True)
class DecisionLetter:
    case: Case
    decision: Decision
    language: str
    context: dict

    @property
    def filename(self) -> str:
        return f"{self.case.number}-decision-{self.language}.pdf"

    @property
    def html(self) -> str:
        """The letter as a page of its own, its stylesheets served from the static folder."""
        return self._render(url_for("static", filename=""))

    def pdf(self) -> bytes:
        """The letter as an A4 PDF, built once and kept on disk."""
        path = _cache_path(self)
        if not path.is_file():
            write_atomically(path, _render_pdf(self._render("")))
        return path.read_bytes()

    def _render(self, asset_base: str) -> str:
        with force_locale(self.language):
            return render_template("cases/letter.html", asset_base=asset_base, **self.context)


def latest_decision(case: Case) -> Decision | None:
    return db.session.scalar(select(Decision).where(Decision.case_id == case.id)
                             .order_by(Decision.review_round.desc(), Decision.id.desc()).limit(1))


def letter_for(case: Case, language: str) -> DecisionLetter | None:
    """The letter of the case's latest decision in ``language`` ("ar" or "en"); None before a decision."""
    if language not in LANGUAGES:
        raise ValueError(language)
    decision = latest_decision(case)
    if decision is None:
        return None
    catalogue = catalogue_of(case.policy_version)
    committee = catalogue.step("committee_review")
    context = {
        "case": case, "decision": decision, "language": language, "direction": "rtl" if language == "ar" else "ltr",
        "letterhead": build_letterhead(case.tenant, language), "beneficiary_name": case.beneficiary.name(language),
        "service_name": catalogue.service_label(case.service_key, language),
        "decision_body": _sentence_start(pick(committee.decision_body if committee else None, language)),
    }
    return DecisionLetter(case, decision, language, context)


def _sentence_start(text: str) -> str:
    """The policy writes "the research committee" for use mid-sentence; the letter starts sentences with it."""
    return text[:1].upper() + text[1:]


def _render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    from wasl.policy.pdf import _fetcher, _static_root  # the policy PDF's static-only fetcher

    root = _static_root()
    return HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=_fetcher(root)).write_pdf()


def _cache_path(letter: DecisionLetter) -> Path:
    tenant = letter.case.tenant
    facts = [tenant.name_ar, tenant.name_en, tenant.registration_number, tenant.definition_hash,
             str(tenant.updated_at), letter.case.beneficiary.full_name_ar, letter.case.beneficiary.full_name_en,
             LAYOUT_REVISION]
    digest = hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()[:16]
    folder = Path(current_app.instance_path) / "cache" / "case-letters" / str(int(tenant.id))
    return folder / f"{int(letter.decision.id)}-{letter.language}-{digest}.pdf"


def cached_letters_of(decision_ids) -> list[Path]:
    """The cached PDFs of these decisions (in every language and layout) in the current association."""
    from wasl.db import db
    from wasl.tenancy.scope import current_scope

    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        return []
    folder = Path(current_app.instance_path) / "cache" / "case-letters" / str(int(scope.write_tenant_id))
    return [path for decision_id in decision_ids for path in folder.glob(f"{int(decision_id)}-*.pdf")]
