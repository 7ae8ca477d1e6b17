"""Demo beneficiaries: plausible Saudi names, valid national IDs and mobiles, from a seeded generator."""

from __future__ import annotations

import random
from datetime import date, datetime

from wasl.beneficiaries.crypto import set_mobile, set_national_id
from wasl.beneficiaries.identity import luhn_check_digit
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.names import search_text

# (Arabic, Latin) given names.
MEN = (
    ("محمد", "Mohammed"), ("عبدالله", "Abdullah"), ("أحمد", "Ahmed"), ("خالد", "Khalid"), ("فهد", "Fahad"),
    ("سعد", "Saad"), ("عبدالرحمن", "Abdulrahman"), ("ناصر", "Nasser"), ("سلطان", "Sultan"), ("ماجد", "Majed"),
    ("تركي", "Turki"), ("بندر", "Bandar"), ("يوسف", "Yousef"), ("إبراهيم", "Ibrahim"), ("عمر", "Omar"),
    ("علي", "Ali"), ("حسن", "Hassan"), ("صالح", "Saleh"), ("منصور", "Mansour"), ("عبدالعزيز", "Abdulaziz"),
    ("فيصل", "Faisal"), ("مشعل", "Mishal"), ("نايف", "Naif"), ("بدر", "Badr"), ("حمد", "Hamad"),
)
WOMEN = (
    ("فاطمة", "Fatimah"), ("نورة", "Noura"), ("سارة", "Sarah"), ("مريم", "Maryam"), ("عائشة", "Aisha"),
    ("هيا", "Haya"), ("منيرة", "Munira"), ("لطيفة", "Latifa"), ("ريم", "Reem"), ("أمل", "Amal"),
    ("جواهر", "Jawaher"), ("هند", "Hind"), ("خديجة", "Khadija"), ("أسماء", "Asma"), ("حصة", "Hessa"),
    ("وفاء", "Wafa"), ("سلمى", "Salma"), ("شيخة", "Sheikha"), ("ابتسام", "Ibtisam"), ("نوف", "Nouf"),
    ("ليلى", "Layla"), ("رقية", "Ruqayya"), ("زينب", "Zainab"), ("بشاير", "Bashayer"), ("غادة", "Ghada"),
)
FAMILIES = (
    ("الحربي", "Alharbi"), ("الزهراني", "Alzahrani"), ("القحطاني", "Alqahtani"), ("الغامدي", "Alghamdi"),
    ("العتيبي", "Alotaibi"), ("الشهري", "Alshehri"), ("الدوسري", "Aldosari"), ("المالكي", "Almalki"),
    ("العنزي", "Alanazi"), ("الشمري", "Alshammari"), ("السبيعي", "Alsubaie"), ("المطيري", "Almutairi"),
    ("الرشيدي", "Alrashidi"), ("البقمي", "Albogami"), ("العمري", "Alomari"), ("الجهني", "Aljohani"),
    ("السلمي", "Alsulami"), ("الثقفي", "Althaqafi"), ("عسيري", "Asiri"), ("الخالدي", "Alkhalidi"),
    ("الفيفي", "Alfaifi"), ("الهاجري", "Alhajri"), ("البلوي", "Albalawi"), ("الأحمدي", "Alahmadi"),
)
CITIES = {
    "wefaq": ("مكة المكرمة", "جدة", "الطائف"),
    "hope": ("أبها", "خميس مشيط", "محايل عسير"),
    "shaair": ("مكة المكرمة", "جدة", "بحرة"),
    "modeem": ("الرياض", "الخرج", "المزاحمية"),
    "quwayiyah": ("القويعية", "الرين", "الرياض"),
}
DEFAULT_CITIES = ("الرياض", "جدة", "الدمام")


def full_name(rng: random.Random, gender: str) -> tuple[str, str]:
    """A four-part Arabic name (given, father, grandfather, family) and its Latin form."""
    given = rng.choice(MEN if gender == "male" else WOMEN)
    father, grandfather = rng.choice(MEN), rng.choice(MEN)
    family = rng.choice(FAMILIES)
    arabic = f"{given[0]} {father[0]} {grandfather[0]} {family[0]}"
    return arabic, f"{given[1]} {father[1]} {family[1]}"


def national_id(serial: int, resident: bool) -> str:
    first_nine = f"{'2' if resident else '1'}{serial:08d}"
    return first_nine + luhn_check_digit(first_nine)


def demo_beneficiary(rng: random.Random, tenant, serial: int, created_at: datetime, actor_id: int | None,
                     birth_year: int) -> Beneficiary:
    """One beneficiary row as ``register_beneficiary`` would write it (identity encrypted, name indexed)."""
    gender = rng.choice(("female", "female", "male"))
    name_ar, name_en = full_name(rng, gender)
    person = Beneficiary(tenant_id=tenant.id, created_by_id=actor_id, gender=gender, full_name_ar=name_ar,
                         full_name_en=name_en, city=rng.choice(CITIES.get(tenant.slug, DEFAULT_CITIES)),
                         birth_on=date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
                         birth_calendar="gregorian", preferred_language="ar", preferred_channel="sms",
                         opted_out_non_essential=False, created_at=created_at, updated_at=created_at)
    set_national_id(person, national_id(40_000_000 + serial, rng.random() < 0.12), tenant.id)
    set_mobile(person, f"+9665{rng.choice('0345689')}{rng.randint(0, 9_999_999):07d}", tenant.id)
    person.name_search = search_text(name_ar, name_en)
    return person
