"""The public policy page: each seed association's own document, in Arabic and English."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from tests.policy.pages_support import tr
from wasl.tenancy.models import TenantStatus

SEEDS = {
    # slug: (Arabic name, English name, licence number, enabled channels)
    "wefaq": ("جمعية وفاق بمحافظة القنفذة", "Wefaq Association in Al-Qunfudhah Governorate", "5471", 8),
    "shaair": ("جمعية شعائر لخدمة وبناء مساجد الحرم بمكة المكرمة",
               "Shaair Association for Serving and Building the Mosques of the Haram in Makkah", None, 5),
    "modeem": ("جمعية مديم الرقمية", "Modeem Digital charity", "2063", 5),
    "hope": ("جمعية أمل للأزمات النفسية", "Hope Association for psychological crises", "5369", 8),
    "quwayiyah": ("الجمعية التعاونية متعددة الأغراض بالقويعية",
                  "Multi-Purpose Cooperative Society in Al-Quway'iyah", None, 8),
}


def fetch(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def _section(html: str, key: str) -> str:
    match = re.search(rf'<section class="policy-section policy-section--{key}"(.*?)</section>', html, re.S)
    assert match, f"no {key} section"
    return match.group(1)


def _items(section_html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", section_html, re.S)


@pytest.mark.parametrize("slug", list(SEEDS))
def test_each_seed_association_publishes_its_own_document(client, factory, slug):
    name_ar, name_en, licence, channel_count = SEEDS[slug]
    factory.seed_tenant(slug)
    factory.commit()

    page = client.get(f"/{slug}/policy")
    html = page.get_data(as_text=True)

    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert name_ar in html and str(escape(name_en)) in html  # the bilingual letterhead
    if licence:
        assert f'<bdi dir="ltr">{licence}</bdi>' in html
    assert len(_items(_section(html, "channels"))) == channel_count
    assert "{association}" not in html
    other_names = [names[0] for other, names in SEEDS.items() if other != slug]
    assert not any(other in html for other in other_names)
    assert "جمعية تواصل" not in html  # Modeem's file named another association; the page never does


def test_english_toggle_renders_the_english_document(client, factory):
    factory.seed_tenant("wefaq")
    factory.commit()

    html = fetch(client, "/wefaq/policy?lang=en")

    assert '<html lang="en" dir="ltr">' in html
    assert "Policy of Wefaq Association in Al-Qunfudhah Governorate on Organizing" in html
    assert "Channels used for communicating with beneficiaries" in html
    assert 'href="/wefaq/policy.pdf?lang=en"' in html
    assert 'href="/wefaq/policy?lang=ar"' in html


def test_steps_follow_each_association(client, factory):
    for slug in ("modeem", "shaair", "wefaq"):
        factory.seed_tenant(slug)
    factory.commit()

    modeem = _section(fetch(client, "/modeem/policy"), "procedure")
    shaair = _section(fetch(client, "/shaair/policy"), "procedure")
    shaair_en = _section(fetch(client, "/shaair/policy?lang=en"), "procedure")
    wefaq = _section(fetch(client, "/wefaq/policy"), "procedure")

    assert len(_items(modeem)) == 6 and "الإحالة إلى" not in modeem
    assert len(_items(shaair)) == 7
    assert "الإحالة إلى: المشرف" in shaair and "جهة القرار: الإدارة" in shaair
    assert "Referred to: Supervisor" in shaair_en and "Decided by: the management" in shaair_en
    assert "الإحالة إلى: مسؤول البحث الاجتماعي" in wefaq and "جهة القرار: لجنة البحث" in wefaq


def test_shaair_shows_its_eligibility_section_and_others_do_not(client, factory):
    factory.seed_tenant("shaair")
    factory.seed_tenant("hope")
    factory.commit()

    shaair = fetch(client, "/shaair/policy")
    hope = fetch(client, "/hope/policy")

    eligibility = shaair[shaair.index('id="policy-eligibility"'):shaair.index('id="policy-decision_window"')]
    for words in ("آلية الفحص الإداري", "آلية المقابلة الشخصية", "آلية الفحص الميداني", "المعايير المهنية المعتمدة",
                  "منع إساءة استخدام الخدمة أو الاحتيال فيها."):
        assert words in eligibility
    assert "policy-section--eligibility" not in hope


def test_quwayiyah_says_users_throughout(client, factory):
    factory.seed_tenant("quwayiyah")
    factory.commit()

    arabic = fetch(client, "/quwayiyah/policy")
    english = fetch(client, "/quwayiyah/policy?lang=en")

    def document(html):
        # The titles of the documents it refers to are their own names ("دليل سياسة الدعم للمستفيدين").
        references = _section(html, "references")
        return html[html.index('<article class="policy-sheet"'):html.index("</article>")].replace(references, "")

    assert "القنوات المستخدمة للتواصل مع المستخدمين" in document(arabic)
    assert "المستفيد" not in document(arabic)
    assert "Channels used for communicating with users" in document(english)
    assert "beneficiar" not in document(english).lower()


def test_approval_block_in_both_calendars(client, factory):
    factory.seed_tenant("wefaq")
    factory.seed_tenant("hope")
    factory.commit()

    wefaq = _section(fetch(client, "/wefaq/policy"), "approval")
    hope_en = fetch(client, "/hope/policy?lang=en")

    assert '<bdi dir="ltr">03</bdi>' in wefaq
    assert "8 شوال 1445 هـ" in wefaq and "17 أبريل 2024 م" in wefaq
    assert "وتحل هذه السياسة محل جميع سياسات" in wefaq
    # Hope's printed pair disagreed; the Hijri date stands and the Gregorian one is derived from it.
    assert "1445 AH, corresponding to October 21, 2023" in hope_en
    assert "October 21, 2024" not in hope_en


def test_no_published_policy_shows_a_clear_empty_state(client, factory):
    factory.tenant("empty-assoc")
    factory.commit()

    page = client.get("/empty-assoc/policy")

    assert page.status_code == 200
    assert tr("No policy has been published yet") in page.get_data(as_text=True)
    assert client.get("/empty-assoc/policy.pdf").status_code == 404


def test_suspended_association_shows_a_notice(client, factory):
    tenant = factory.seed_tenant("modeem")
    tenant.status = TenantStatus.SUSPENDED
    factory.commit()

    page = client.get("/modeem/policy")

    assert page.status_code == 403
    assert tr("Association suspended") in page.get_data(as_text=True)


def test_unknown_association_is_not_found(client):
    assert client.get("/no-such-association/policy").status_code == 404


def test_page_has_a_print_stylesheet_and_no_inline_styles(client, factory):
    factory.seed_tenant("hope")
    factory.commit()

    html = fetch(client, "/hope/policy")
    css = fetch(client, "/static/css/policy.css")

    assert "/static/css/policy.css" in html
    assert "@media print" in css and "size: A4" in css and "table-header-group" in css
    assert " style=" not in html and "<style" not in html  # the CSP allows no inline styles
