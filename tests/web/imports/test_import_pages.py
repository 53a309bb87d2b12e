"""Import from Excel through the web: the templates, the upload, the summary, the refusals."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.programme.models import Registration
from kieumau.workbooks.kinds import registrations
from tests.web.test_page_markup import EVENT_ATTRIBUTE, INLINE_SCRIPT, STYLE_ATTRIBUTE
from tests.workbooks.helpers import database_snapshot

URL = "/imports/"
TEMPLATE_URL = "/imports/template/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = registrations.SHEET


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _template(client, kind="registrations", province="40") -> bytes:
    response = client.get(TEMPLATE_URL, {"kind": kind, "province": province})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def _edited(data: bytes, edits: dict[str, object]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    for coordinate, value in edits.items():
        workbook[SHEET][coordinate] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column(data: bytes, header_start: str) -> str:
    sheet = load_workbook(io.BytesIO(data), read_only=True)[SHEET]
    for cell in next(sheet.iter_rows(max_row=1)):
        if isinstance(cell.value, str) and cell.value.startswith(header_start):
            return cell.column_letter
    raise AssertionError(header_start)


def _row(data: bytes, code: str) -> int:
    sheet = load_workbook(io.BytesIO(data), read_only=True)[SHEET]
    for number, (value, *_rest) in enumerate(sheet.iter_rows(values_only=True), 1):
        if value == code:
            return number
    raise AssertionError(code)


def _upload(client, data: bytes, name="dang-ky.xlsx", **fields):
    file = SimpleUploadedFile(name, data, content_type=XLSX)
    return client.post(URL, {"kind": "registrations", "province": "40", "file": file, **fields})


def _unregistered_ward(round, province) -> str:
    taken = Registration.objects.filter(round=round).values("unit")
    return (
        AdminUnit.objects.filter(admin_map=round.admin_map, province=province, type=UnitType.WARD)
        .exclude(pk__in=taken)
        .order_by("code")
        .first()
        .code
    )


def test_the_page_offers_each_kind_with_its_template(province_client):
    page = _page(province_client.get(URL))

    assert "<h1>Import from Excel</h1>" in page
    assert f'<a href="{URL}" aria-current="page">' in page
    for kind in ("registrations", "self-assessment", "resources", "documents"):
        assert f'href="{TEMPLATE_URL}?kind={kind}&amp;province=40"' in page
    assert 'enctype="multipart/form-data"' in page


def test_the_template_is_a_real_workbook_filled_with_the_registrations(province_client, registered):
    response = province_client.get(TEMPLATE_URL, {"kind": "registrations", "province": "40"})

    assert response["Content-Disposition"] == (
        'attachment; filename="kieumau-2025-40-registrations.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(_template(province_client)))
    assert SHEET in workbook.sheetnames
    codes = {row[0] for row in workbook[SHEET].iter_rows(min_row=2, values_only=True)}
    assert {a.registration.unit.code for a in registered} <= codes


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "registrations", "province": "01"},  # Hà Nội: another province
        {"kind": "nonsense", "province": "40"},
        {},
    ],
)
def test_a_template_outside_the_choices_is_not_found(province_client, query):
    assert province_client.get(TEMPLATE_URL, query).status_code == 404


def test_a_good_file_is_imported_and_summed_up(province_client, round, province, registered):
    data = _template(province_client)
    column = _column(data, "Đăng ký")
    newcomer = _unregistered_ward(round, province)
    withdrawn = registered[1].registration.unit.code
    data = _edited(
        data, {f"{column}{_row(data, newcomer)}": "Có", f"{column}{_row(data, withdrawn)}": "Không"}
    )

    page = _page(_upload(province_client, data))

    assert "<h1>The workbook is imported</h1>" in page
    assert "<dd>dang-ky.xlsx</dd>" in page
    assert "<dd>Tỉnh Nghệ An</dd>" in page
    assert '<span class="kpi-value" id="count-created">1</span>' in page
    assert '<span class="kpi-value" id="count-removed">1</span>' in page
    assert '<span class="kpi-value" id="count-updated">0</span>' in page
    wards = AdminUnit.objects.filter(province=province, type=UnitType.WARD).count()
    assert f'<dd id="rows-read">{wards}</dd>' in page
    codes = set(Registration.objects.filter(round=round).values_list("unit__code", flat=True))
    assert newcomer in codes
    assert withdrawn not in codes


def test_a_file_with_problems_lists_each_and_changes_nothing(province_client, round, registered):
    data = _template(province_client)
    column = _column(data, "Đăng ký")
    data = _edited(data, {f"{column}3": "Maybe", f"{column}5": "42"})
    before = database_snapshot()

    page = _page(_upload(province_client, data))

    assert "<h1>The workbook was not imported</h1>" in page
    assert "2 problems" in page
    assert "Nothing was changed." in page
    table = page.split('id="import-problems"')[1].split("</table>")[0]
    assert table.count("<tr>") == 3  # the header and one row per problem
    assert f'<td class="problem-cell">{column}3</td>' in table
    assert f'<td class="problem-cell">{column}5</td>' in table
    assert f"<td>{SHEET}</td>" in table
    assert database_snapshot() == before


def test_a_check_only_run_shows_the_counts_and_changes_nothing(
    province_client, round, province, registered
):
    data = _template(province_client)
    column = _column(data, "Đăng ký")
    data = _edited(data, {f"{column}{_row(data, _unregistered_ward(round, province))}": "Có"})
    before = database_snapshot()

    page = _page(_upload(province_client, data, dry_run="on"))

    assert "<h1>The workbook was checked</h1>" in page
    assert '<span class="kpi-value" id="count-created">1</span>' in page
    assert "Nothing was changed: this was only a check." in page
    assert database_snapshot() == before


def test_a_csv_renamed_xlsx_is_refused_on_the_form(province_client, registered):
    before = database_snapshot()

    page = _page(_upload(province_client, b"code;name\n16690;Truong Vinh\n"))

    assert '<p class="field-error" id="id_file_error">The file is not an Excel workbook' in page
    assert "<h1>Import from Excel</h1>" in page
    assert database_snapshot() == before


def test_a_file_over_the_size_limit_is_refused_on_the_form(province_client, settings, registered):
    settings.WORKBOOK_MAX_BYTES = 1024
    data = _template(province_client)
    assert len(data) > 1024

    page = _page(_upload(province_client, data))

    assert '<p class="field-error" id="id_file_error">The file is' in page
    assert "a workbook may be at most" in page


def test_an_upload_without_a_file_asks_for_one(province_client):
    page = _page(province_client.post(URL, {"kind": "registrations", "province": "40"}))

    assert '<p class="field-error" id="id_file_error">Choose the workbook to import.</p>' in page


def test_another_province_cannot_be_chosen_for_an_import(province_client, registered):
    data = _template(province_client)
    before = database_snapshot()

    file = SimpleUploadedFile("x.xlsx", data, content_type=XLSX)
    page = _page(
        province_client.post(URL, {"kind": "registrations", "province": "01", "file": file})
    )

    assert 'id="id_province_error"' in page
    assert database_snapshot() == before


@pytest.mark.parametrize("role", ["ward_own", "ministry", "viewer"])
def test_officers_who_cannot_import_get_403(client, people, role):
    client.force_login(getattr(people, role))

    assert client.get(URL).status_code == 403
    assert client.get(TEMPLATE_URL, {"kind": "registrations", "province": "40"}).status_code == 403
    assert client.post(URL, {"kind": "registrations"}).status_code == 403


def test_the_pages_have_no_inline_script_or_style(province_client, registered):
    data = _template(province_client)
    pages = [
        _page(province_client.get(URL)),
        _page(_upload(province_client, data)),
        _page(_upload(province_client, b"not a workbook")),
    ]
    for page in pages:
        assert not INLINE_SCRIPT.findall(page)
        assert not STYLE_ATTRIBUTE.findall(page)
        assert not EVENT_ATTRIBUTE.findall(page)


@pytest.mark.parametrize("kind", ["registrations", "self-assessment", "resources", "documents"])
def test_every_kinds_template_downloads_and_reimports_unchanged(province_client, registered, kind):
    data = _template(province_client, kind=kind)
    before = database_snapshot()

    file = SimpleUploadedFile(f"{kind}.xlsx", data, content_type=XLSX)
    page = _page(province_client.post(URL, {"kind": kind, "province": "40", "file": file}))

    assert load_workbook(io.BytesIO(data)).sheetnames
    assert "<h1>The workbook is imported</h1>" in page
    assert '<span class="kpi-value" id="count-created">0</span>' in page
    assert '<span class="kpi-value" id="count-updated">0</span>' in page
    assert database_snapshot() == before


def test_a_workbook_of_another_kind_is_refused_and_changes_nothing(province_client, registered):
    data = _template(province_client, kind="documents")
    before = database_snapshot()

    page = _page(_upload(province_client, data, name="van-ban.xlsx"))

    assert "<h1>The workbook was not imported</h1>" in page
    assert "The workbook has no sheet «Đăng ký»: use the template." in page
    assert database_snapshot() == before
