"""The dry run checks every row like the intake: a report naming exactly the rows and fields at fault."""

from __future__ import annotations

import time

from tests.imports.conftest import checked
from tests.imports.registers import HEADERS, csv_bytes, register_rows, xlsx_bytes
from wasl.imports import services, targets
from wasl.imports.models import ImportStatus, IssueKind


def _errors(job) -> set[tuple[int, str]]:
    return {(i.row_number, i.field) for i in services.all_issues(job) if i.kind == IssueKind.ERROR}


def test_ten_thousand_rows_with_37_planted_mistakes_are_reported_exactly(tenant):
    rows, planted = register_rows(10_000, planted=37)
    assert len(planted) == 37
    began = time.perf_counter()
    job = checked(csv_bytes(rows))
    elapsed = time.perf_counter() - began
    assert job.status == ImportStatus.CHECKED and job.row_count == 10_000
    assert _errors(job) == planted
    assert (job.error_count, job.error_rows, job.known_count) == (37, 37, 0)
    assert not job.can_start
    print(f"dry run of 10,000 rows: {elapsed:.2f} s")


def test_every_report_line_names_the_column_and_says_why_in_both_languages(tenant):
    rows, planted = register_rows(50, planted=14)
    job = checked(csv_bytes(rows))
    lines = [i for i in services.all_issues(job) if i.kind == IssueKind.ERROR]
    assert {(i.row_number, i.field) for i in lines} == planted
    for line in lines:
        assert line.column in HEADERS
        assert any("\u0621" <= ch <= "\u064a" for ch in line.message_ar), line.message_ar
        assert line.message_en.isascii() or "“" in line.message_en
        assert line.message_ar != line.message_en


def test_the_proposed_mapping_reads_arabic_and_english_headers(tenant):
    assert services.proposed_mapping(HEADERS) == {
        "رقم الهوية": "national_id", "الاسم الكامل": "full_name_ar", "الاسم بالإنجليزية": "full_name_en",
        "الجوال": "mobile", "الجنس": "gender", "تاريخ الميلاد": targets.BIRTH_ANY, "المدينة": "city",
        "البريد الإلكتروني": "email"}
    assert services.proposed_mapping(["National ID", "Mobile No", "Sex", "Colour"]) == {
        "National ID": "national_id", "Mobile No": "mobile", "Sex": "gender", "Colour": ""}


def test_a_mapping_is_remembered_for_the_associations_next_file(tenant):
    headers = ["الهوية", "اسم المستفيد", "جوال ولي الأمر", "الجنس", "ملاحظات"]
    rows = [["1012345672", "أحمد محمد", "0501234567", "ذكر", "لا شيء"]]
    job = services.upload(__import__("tests.imports.registers", fromlist=["upload"]).upload(
        csv_bytes(rows, headers)), None)
    assert services.proposed_mapping(job.headers)["جوال ولي الأمر"] == ""
    services.save_mapping(job, {"الهوية": "national_id", "اسم المستفيد": "full_name_ar",
                                "جوال ولي الأمر": "mobile", "الجنس": "gender", "ملاحظات": ""}, None)
    assert services.proposed_mapping(["جوال  ولي-الأمر", "ملاحظات"]) == {"جوال  ولي-الأمر": "mobile",
                                                                         "ملاحظات": ""}


def test_an_xlsx_register_with_numbers_and_dates_in_cells_is_read_as_typed(tenant):
    from datetime import datetime

    rows = [[1012345672, "أحمد محمد", None, 501234567, "ذكر", datetime(1990, 1, 31), "جدة", None]]
    job = checked(xlsx_bytes(rows), "register.xlsx")
    assert job.file_format == "xlsx" and job.error_count == 0 and job.row_count == 1
