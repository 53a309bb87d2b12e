"""Summary figures and progress through the API: national for the ministry and national
leaders, a province's for its officers, nothing for ward officers (as on the dashboards)."""

from decimal import Decimal

import pytest

from kieumau.adminunits.models import AdminUnit


def nghe_an_wards(round) -> int:
    return AdminUnit.objects.filter(
        admin_map=round.admin_map, province__code="40", type="phuong"
    ).count()


@pytest.mark.parametrize("role", ["ministry", "viewer"])
def test_the_national_summary_counts_the_whole_round(api, people, figures, role):
    response = api.get("/api/v1/rounds/2025/summary", as_=getattr(people, role))

    assert response.status_code == 200
    body = response.json()
    numbers = body["figures"]
    assert (numbers["registered"], numbers["assessed"], numbers["not_assessed"]) == (6, 5, 1)
    assert numbers["by_level"] == {"full": 2, "basic": 1, "not_met": 2}
    assert (numbers["by_state"]["recognised"], numbers["recognised"]) == (2, 2)
    assert body["units_meeting"] == {"minimum": 20, "criteria": 22, "units": 3}
    assert body["target"] == {"year": 2025, "minimum": "30.00", "stretch": "50.00"}
    documents = body["documents"]
    assert (documents["provinces"], documents["party_resolutions"], documents["with_any"]) == (
        34,
        1,
        1,
    )
    assert len(documents["without"]) == 33
    staffing = body["staffing"]
    assert (staffing["units"], staffing["units_reported"], staffing["staff_actual"]) == (6, 1, 18)
    assert Decimal(staffing["disbursed_percent"]) == 40
    assert staffing["headquarters"]["independent"] == 1


def test_the_units_meeting_a_number_of_criteria_are_counted_for_any_number(api, people, figures):
    body = api.get("/api/v1/rounds/2025/summary", as_=people.ministry, min_met=12).json()

    assert body["units_meeting"]["units"] == 5


def test_a_province_summary_counts_the_province_only(api, people, figures):
    response = api.get("/api/v1/rounds/2025/provinces/40/summary", as_=people.province_own)

    assert response.status_code == 200
    body = response.json()
    assert body["province"]["name"] == "Nghệ An"
    assert (body["figures"]["registered"], body["figures"]["assessed"]) == (4, 3)
    assert body["figures"]["by_level"] == {"full": 2, "basic": 1, "not_met": 0}
    assert body["target"] == {"year": 2025, "minimum": "5.00", "stretch": "10.00"}
    assert body["documents"]["documents"] == 1
    progress = body["progress"]
    assert (progress["wards"], progress["recognised"]) == (nghe_an_wards(figures.round), 2)
    assert body["staffing"]["units"] == 4


def test_the_ministry_reads_any_provinces_summary(api, people, figures):
    body = api.get("/api/v1/rounds/2025/provinces/01/summary", as_=people.ministry).json()

    assert body["figures"]["by_level"] == {"full": 0, "basic": 0, "not_met": 2}
    assert body["documents"]["without"] == ["Hà Nội"]


def test_another_provinces_summary_is_not_found(api, people, figures):
    response = api.get("/api/v1/rounds/2025/provinces/40/summary", as_=people.province_other)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_province_officer_does_not_read_the_national_summary(api, people, figures):
    response = api.get("/api/v1/rounds/2025/summary", as_=people.province_own)

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rounds/2025/summary",
        "/api/v1/rounds/2025/provinces/40/summary",
        "/api/v1/rounds/2025/progress",
    ],
)
def test_ward_officers_have_no_summaries(api, people, figures, path):
    response = api.get(path, as_=people.ward_own)

    assert response.status_code == 403
    assert set(response.json()["message"]) == {"vi", "en"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/rounds/2024/summary",
        "/api/v1/rounds/2025/provinces/99/summary",
        "/api/v1/rounds/2024/provinces/40/summary",
        "/api/v1/rounds/2024/progress",
    ],
)
def test_an_unknown_round_or_province_is_not_found(api, people, figures, path):
    assert api.get(path, as_=people.ministry).status_code == 404


def test_the_ministry_reads_every_provinces_progress(api, people, figures):
    body = api.get("/api/v1/rounds/2025/progress", as_=people.ministry, limit=100).json()

    assert body["count"] == 34
    rows = {row["province"]["code"]: row for row in body["items"]}
    wards = nghe_an_wards(figures.round)
    nghe_an = rows["40"]
    assert (nghe_an["wards"], nghe_an["recognised"], nghe_an["minimum"]) == (wards, 2, "5.00")
    assert Decimal(nghe_an["percent"]) == (Decimal(200) / wards).quantize(Decimal("0.01"))
    assert nghe_an["on_track"] is (Decimal(200) / wards >= 5)
    assert (rows["01"]["recognised"], rows["01"]["minimum"]) == (0, "30.00")
    assert rows["01"]["on_track"] is False


def test_a_province_reads_its_own_progress_only(api, people, figures):
    body = api.get("/api/v1/rounds/2025/progress", as_=people.province_other).json()

    assert [row["province"]["code"] for row in body["items"]] == ["01"]


def test_progress_is_measured_against_the_target_year_asked_for(api, people, figures):
    body = api.get("/api/v1/rounds/2025/progress", as_=people.province_own, target_year=2030).json()

    [row] = body["items"]
    assert (row["minimum"], row["on_track"]) == (None, None)
