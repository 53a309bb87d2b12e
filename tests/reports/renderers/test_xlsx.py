from io import BytesIO

import openpyxl
import pytest

from kieumau.reports.renderers import xlsx
from tests.reports.renderers.conftest import SUMMARY


def _workbook(report):
    return openpyxl.load_workbook(BytesIO(xlsx.render(report)))


def test_one_sheet_per_table_after_the_information_sheet(report):
    workbook = _workbook(report)
    assert workbook.sheetnames == ["Thông tin", "Theo tỉnh", "Theo tiêu chí"]
    info = workbook["Thông tin"]
    assert info["B1"].value == SUMMARY
    assert info["B3"].value == "BỘ CÔNG AN"
    assert info["B5"].value.date().isoformat() == "2024-02-05"


def test_the_sheets_read_back_to_the_same_numbers(report):
    workbook = _workbook(report)
    for table in report.tables():
        sheet = workbook[table.sheet]
        assert sheet["A1"].value == table.title
        assert [cell.value for cell in sheet[3]] == [column.label for column in table.columns]
        rows = [*table.rows, *([table.total] if table.total else [])]
        for offset, expected in enumerate(rows, start=4):
            got = [cell.value for cell in sheet[offset]]
            for value, cell in zip(expected, got, strict=True):
                if hasattr(value, "year"):
                    assert cell.date() == value
                elif value is None:
                    assert cell is None
                elif isinstance(value, str):
                    assert cell == value
                else:
                    assert cell == pytest.approx(float(value), rel=1e-12)


def test_headers_are_frozen_filtered_and_figures_formatted(report):
    sheet = _workbook(report)["Theo tỉnh"]
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:G66"
    formats = [cell.number_format for cell in sheet[4]]
    assert formats == ["#,##0", "General", "#,##0", "#,##0", '0.0"%"', '#,##0 "₫"', "dd/mm/yyyy"]
    assert sheet["E4"].value == 25
    assert sheet["F4"].value == 1_250_000_000
    assert sheet["B67"].value == "Tổng cộng"
    assert sheet["D67"].value == sum(row[3] for row in report.tables()[0].rows)


def test_sheet_names_are_cut_to_31_characters_and_unique():
    used = {"thông tin"}
    assert xlsx.sheet_name("Thông tin", used) == "Thông tin (2)"
    long = "Kết quả theo tỉnh, thành phố trực thuộc Trung ương"
    first = xlsx.sheet_name(long, used)
    second = xlsx.sheet_name(long, used)
    assert len(first) == 31 and len(second) == 31 and first != second
    assert xlsx.sheet_name("a/b:c", used) == "a b c"
