"""Generated registers as an association keeps them: Arabic headers, its own words, planted mistakes.

``register(n)`` gives a clean file of ``n`` people; ``register(n, planted=37)``
the same file with 37 mistakes of different kinds, and the ``(row, field)`` of
each one, row numbers counted as a spreadsheet counts them (header = row 1).
"""

from __future__ import annotations

import csv
import io
import random

from werkzeug.datastructures import FileStorage

from wasl.beneficiaries.identity import luhn_check_digit

HEADERS = ["رقم الهوية", "الاسم الكامل", "الاسم بالإنجليزية", "الجوال", "الجنس", "تاريخ الميلاد", "المدينة",
           "البريد الإلكتروني"]
FIRST = ["محمد", "أحمد", "عبدالله", "فهد", "سعد", "خالد", "نورة", "مريم", "سارة", "هند", "فاطمة", "ريم"]
FAMILY = ["العتيبي", "القحطاني", "الحربي", "الشهري", "الغامدي", "الزهراني", "الدوسري", "المطيري"]
CITIES = ["الرياض", "جدة", "القنفذة", "مكة المكرمة", "الدمام", "أبها"]


def national_id(n: int, kind: str = "1") -> str:
    first_nine = kind + f"{n:08d}"
    return first_nine + luhn_check_digit(first_nine)


def _person(i: int) -> list[str]:
    female = i % 2 == 1
    name = f"{FIRST[(i * 7) % 6 + (6 if female else 0)]} {FIRST[(i // 3) % 6]} {FAMILY[i % len(FAMILY)]}"
    birth = f"14{10 + i % 20:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 3 else f"19{70 + i % 30}-0{1 + i % 9}-15"
    return [national_id(i + 1, "2" if i % 10 == 0 else "1"), name, f"Person {i}", f"055{i:07d}",
            "أنثى" if female else "ذكر", birth, CITIES[i % len(CITIES)], f"p{i}@example.org" if i % 5 == 0 else ""]


def _bad_check_digit(cells):
    cells[0] = cells[0][:9] + str((int(cells[0][9]) + 1) % 10)
    return "national_id"


def _short_id(cells):
    cells[0] = cells[0][:8]
    return "national_id"


def _id_starting_with_3(cells):
    cells[0] = "3" + cells[0][1:]
    return "national_id"


def _landline(cells):
    cells[3] = "0112345678"
    return "mobile"


def _garbled_mobile(cells):
    cells[3] = "05-12"
    return "mobile"


def _no_name(cells):
    cells[1] = ""
    return "full_name_ar"


def _latin_name(cells):
    cells[1] = "Mohammed Ali"
    return "full_name_ar"


def _unknown_gender(cells):
    cells[4] = "غير محدد"
    return "gender"


def _impossible_gregorian(cells):
    cells[5] = "1990-02-30"
    return "birth_on"


def _gregorian_out_of_range(cells):
    cells[5] = "1900-05-01"
    return "birth_on"


def _hijri_month_13(cells):
    cells[5] = "1410-13-01"
    return "birth_on_hijri"


def _hijri_out_of_range(cells):
    cells[5] = "1300-01-01"
    return "birth_on_hijri"


def _future_birth(cells):
    cells[5] = "2070-01-01"
    return "birth_on"


def _bad_email(cells):
    cells[7] = "not-an-address"
    return "email"


MISTAKES = [_bad_check_digit, _short_id, _id_starting_with_3, _landline, _garbled_mobile, _no_name, _latin_name,
            _unknown_gender, _impossible_gregorian, _gregorian_out_of_range, _hijri_month_13, _hijri_out_of_range,
            _future_birth, _bad_email]


def register_rows(count: int, planted: int = 0, seed: int = 12) -> tuple[list[list[str]], set[tuple[int, str]]]:
    rows = [_person(i) for i in range(count)]
    expected: set[tuple[int, str]] = set()
    if not planted:
        return rows, expected
    chosen = random.Random(seed).sample(range(1, count), planted)
    untouched = [i for i in range(count) if i not in set(chosen)]
    for k, index in enumerate(sorted(chosen)):
        if k % (len(MISTAKES) + 1) == len(MISTAKES):
            rows[index][0] = rows[untouched[k]][0]  # the same ID as another (clean) row: a duplicate
            field = "national_id"
            if untouched[k] > index:  # the later of the two rows is the one reported
                index = untouched[k]
        else:
            field = MISTAKES[k % (len(MISTAKES) + 1)](rows[index])
        expected.add((index + 2, field))
    return rows, expected


def csv_bytes(rows: list[list[str]], headers=HEADERS, bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list], headers=HEADERS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("المستفيدون")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "register.csv") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, name="file")
