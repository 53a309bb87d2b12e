import pytest
from django.urls import reverse

from kieumau.web.rounds import SESSION_KEY

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _national(format):
    return reverse("web:report-national", args=[format])


def _province(code, format):
    return reverse("web:report-province", args=[code, format])


@pytest.mark.parametrize("format", ["docx", "pdf", "xlsx"])
def test_the_ministry_downloads_the_national_report(client, people, round, format):
    client.force_login(people.ministry)
    response = client.get(_national(format))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[format]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="bao-cao-so-ket-2025')
    assert disposition.endswith(f'.{format}"')
    assert len(response.content) > 1000


def test_the_province_report_is_its_provinces_and_names_it(client, people, round):
    client.force_login(people.province_own)
    response = client.get(_province("40", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES["xlsx"]
    assert 'attachment; filename="bao-cao-so-ket-2025' in response["Content-Disposition"]


def test_another_provinces_report_is_not_found(client, people, round):
    client.force_login(people.province_own)
    assert client.get(_province("01", "pdf")).status_code == 404


def test_a_province_officer_may_not_download_the_national_report(client, people, round):
    client.force_login(people.province_own)
    assert client.get(_national("pdf")).status_code == 403


@pytest.mark.parametrize("url", [_national("docx"), _province("40", "docx")])
def test_a_ward_officer_may_not_download_reports(client, people, round, url):
    client.force_login(people.ward_own)
    assert client.get(url).status_code == 403


def test_an_unknown_format_is_not_found(client, people, round):
    client.force_login(people.ministry)
    assert client.get(_national("odt")).status_code == 404


def test_the_report_is_of_the_selected_round(client, people, round, round_2023, monkeypatch):
    from kieumau.reports import narrative

    seen = []
    real = narrative.national_report
    monkeypatch.setattr(narrative, "national_report", lambda r: seen.append(r) or real(r))
    client.force_login(people.ministry)
    assert client.get(_national("xlsx")).status_code == 200  # the newest round: 2025
    session = client.session
    session[SESSION_KEY] = 2023
    session.save()
    response = client.get(_national("xlsx"))
    assert response.status_code == 200
    assert seen == [round, round_2023]
    assert 'filename="bao-cao-so-ket-2023' in response["Content-Disposition"]


def test_the_dashboards_offer_the_downloads(client, people, round):
    client.force_login(people.ministry)
    page = client.get(reverse("web:national-dashboard")).content.decode()
    assert "Tải báo cáo:" in page
    for format in ("docx", "pdf", "xlsx"):
        assert f'href="{_national(format)}"' in page
    client.force_login(people.province_own)
    page = client.get(reverse("web:province-dashboard")).content.decode()
    assert f'href="{_province("40", "pdf")}"' in page
