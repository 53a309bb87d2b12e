"""Rounds, quotas, registrations and targets through the API, with the scope of each role."""

from decimal import Decimal

import pytest

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, State
from kieumau.programme.models import Quota, Registration, Round, Target
from kieumau.programme.services import quotas_compute, round_close
from tests.api.conftest import key_for
from tests.assessments.factories import WARD_CODE
from tests.web.factories import wards_register

NEW_ROUND = {
    "year": 2026,
    "name": "Đợt đánh giá 2026",
    "map": "2025-07",
    "criteria_set": "mau-22-tieu-chi",
    "quota_rule": "share-of-wards",
    "quota_parameters": {"percent": 40},
    "self_assessment_deadline": "2026-10-31",
    "review_deadline": "2026-11-30",
    "recognition_deadline": "2026-12-31",
}


@pytest.fixture
def quotas(round, people):
    quotas_compute(actor=people.ministry, round=round)
    return round.quotas


def fields(response) -> list:
    return [error["field"] for error in response.json()["errors"]]


# ---- rounds ----------------------------------------------------------------------------------


def test_every_officer_reads_the_rounds(api, people, quotas, assessment):
    body = api.get("/api/v1/rounds", as_=people.ward_own).json()

    [row] = body["items"]
    assert (row["year"], row["map"], row["status"]) == (2025, "2025-07", "open")
    assert row["criteria_set"] == {"code": "mau-22-tieu-chi", "version": 1}
    assert row["registered"] == 1
    assert row["quota_total"] == sum(quota.effective for quota in Quota.objects.all())
    assert api.get("/api/v1/rounds/2025", as_=people.viewer).json() == row


@pytest.mark.parametrize(("year", "status"), [(2024, 404), (99999, 422), ("nam-nay", 422)])
def test_an_unknown_or_malformed_year_is_not_a_server_error(api, people, round, year, status):
    assert api.get(f"/api/v1/rounds/{year}", as_=people.ministry).status_code == status


def test_the_ministry_opens_a_round_with_its_quotas(api, people, round):
    response = api.send("POST", "/api/v1/rounds", NEW_ROUND, as_=people.ministry)

    assert response.status_code == 201
    assert response.json()["quota_parameters"] == {"percent": 40}
    opened = Round.objects.get(year=2026)
    assert opened.quotas.count() == 34
    assert response.json()["quota_total"] == sum(q.effective for q in opened.quotas.all())


@pytest.mark.parametrize("role", ["province_own", "ward_own", "viewer"])
def test_only_the_ministry_opens_a_round(api, people, round, role):
    response = api.send("POST", "/api/v1/rounds", NEW_ROUND, as_=getattr(people, role))

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Round.objects.filter(year=2026).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"year": 2025}, "year"),
        ({"map": "1999-01"}, "map"),
        ({"criteria_set": "khong-co"}, "criteria_set"),
        ({"quota_parameters": {"percent": 150}}, "quota_parameters"),
        ({"quota_parameters": {}}, "quota_parameters"),
        ({"quota_rule": "pilot-2023", "quota_parameters": {}}, "quota_rule"),
        ({"review_deadline": "2027-01-31"}, "review_deadline"),
        ({"name": "   "}, "name"),
        ({"quota_rule": "one-each"}, "quota_rule"),
    ],
)
def test_a_refused_round_names_the_field_and_opens_nothing(api, people, round, change, field):
    response = api.send("POST", "/api/v1/rounds", NEW_ROUND | change, as_=people.ministry)

    assert response.status_code == 422
    assert field in fields(response)
    assert set(response.json()["message"]) == {"vi", "en"}
    assert list(Round.objects.values_list("year", flat=True)) == [2025]


# ---- quotas ----------------------------------------------------------------------------------


def test_each_officer_reads_the_quotas_of_their_scope(api, people, quotas, assessment):
    own = api.get("/api/v1/rounds/2025/quotas", as_=people.province_own).json()
    national = api.get("/api/v1/rounds/2025/quotas", as_=people.ministry, limit=500).json()
    ward = api.get("/api/v1/rounds/2025/quotas", as_=people.ward_own).json()

    [row] = own["items"]
    assert (row["province"]["code"], row["registered"]) == ("40", 1)
    assert row["effective"] == Quota.objects.get(province__code="40").computed
    assert national["count"] == 34 and len(national["items"]) == 34
    assert ward == {"items": [], "count": 0}


def test_the_ministry_filters_the_quotas_by_province(api, people, quotas):
    body = api.get("/api/v1/rounds/2025/quotas", as_=people.ministry, province="01").json()

    assert [row["province"]["name"] for row in body["items"]] == ["Hà Nội"]


def test_the_ministry_overrides_a_quota_with_its_reason_and_clears_it(api, people, quotas):
    path = "/api/v1/rounds/2025/quotas/40"
    changed = api.send(
        "PATCH", path, {"override": 9, "override_reason": "Tỉnh đề nghị"}, as_=people.ministry
    )
    cleared = api.send("PATCH", path, {"override": None}, as_=people.ministry)

    assert changed.status_code == 200
    assert (changed.json()["override"], changed.json()["effective"]) == (9, 9)
    assert changed.json()["override_reason"] == "Tỉnh đề nghị"
    assert cleared.json()["override"] is None
    assert Quota.objects.get(province__code="40").override is None


def test_an_override_without_a_reason_is_refused_naming_the_reason(api, people, quotas):
    response = api.send(
        "PATCH", "/api/v1/rounds/2025/quotas/40", {"override": 9}, as_=people.ministry
    )

    assert response.status_code == 422
    assert fields(response) == ["override_reason"]
    assert Quota.objects.get(province__code="40").override is None


@pytest.mark.parametrize("role", ["province_own", "ward_own", "viewer"])
def test_only_the_ministry_overrides_a_quota(api, people, quotas, role):
    body = {"override": 9, "override_reason": "x"}
    response = api.send("PATCH", "/api/v1/rounds/2025/quotas/40", body, as_=getattr(people, role))

    assert response.status_code == 403
    assert Quota.objects.get(province__code="40").override is None


def test_the_quota_of_a_province_not_on_the_map_is_not_found(api, people, quotas):
    body = {"override": 9, "override_reason": "x"}
    response = api.send("PATCH", "/api/v1/rounds/2025/quotas/99", body, as_=people.ministry)

    assert response.status_code == 404


# ---- registrations ---------------------------------------------------------------------------


def test_a_province_reads_its_registrations_only(api, people, round, assessment):
    wards_register(round, people.province_other, 2, province=people.province_other.unit)

    own = api.get("/api/v1/rounds/2025/registrations", as_=people.province_own).json()
    other = api.get("/api/v1/rounds/2025/registrations", as_=people.province_other).json()
    national = api.get("/api/v1/rounds/2025/registrations", as_=people.ministry).json()

    assert [row["unit"]["code"] for row in own["items"]] == [WARD_CODE]
    assert own["items"][0]["assessment"]["state"] == "draft"
    assert other["count"] == 2 and WARD_CODE not in {r["unit"]["code"] for r in other["items"]}
    assert national["count"] == 3


def test_the_registrations_are_filtered_by_province_and_paginated(api, people, round):
    wards_register(round, people.province_own, 3, province=people.province_own.unit)
    wards_register(round, people.province_other, 2, province=people.province_other.unit)

    path = "/api/v1/rounds/2025/registrations"
    page = api.get(path, as_=people.ministry, province="40", limit=2, offset=2).json()

    assert page["count"] == 3
    assert [row["province"]["code"] for row in page["items"]] == ["40"]


def test_a_ward_reads_its_own_registration_only(api, people, round, assessment):
    wards_register(round, people.province_own, 2, province=people.province_own.unit)
    registration = assessment.registration

    listing = api.get("/api/v1/rounds/2025/registrations", as_=people.ward_own).json()
    own = api.get(f"/api/v1/registrations/{registration.pk}", as_=people.ward_own)
    neighbour = api.get(f"/api/v1/registrations/{registration.pk}", as_=people.ward_other)

    assert [row["id"] for row in listing["items"]] == [registration.pk]
    assert own.status_code == 200 and own.json()["unit"]["name"] == "Trường Vinh"
    assert neighbour.status_code == 404


def test_another_provinces_registration_is_not_found(api, people, assessment):
    response = api.get(
        f"/api/v1/registrations/{assessment.registration.pk}", as_=people.province_other
    )

    assert response.status_code == 404
    assert response.json()["errors"] == []


def test_a_province_registers_one_of_its_wards(api, people, round):
    response = api.send(
        "POST",
        "/api/v1/rounds/2025/registrations",
        {"unit_code": WARD_CODE},
        as_=people.province_own,
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["unit"]["code"], body["registered_by"], body["round"]) == (WARD_CODE, "tinh", 2025)
    assessment = Assessment.objects.get(registration_id=body["id"])
    assert (assessment.state, assessment.results.count()) == (State.DRAFT, 22)


@pytest.mark.parametrize("role", ["ward_own", "ministry", "viewer"])
def test_only_a_province_registers(api, people, round, role):
    response = api.send(
        "POST",
        "/api/v1/rounds/2025/registrations",
        {"unit_code": WARD_CODE},
        as_=getattr(people, role),
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_ward_of_another_province_cannot_be_registered(api, people, round):
    response = api.send(
        "POST",
        "/api/v1/rounds/2025/registrations",
        {"unit_code": WARD_CODE},
        as_=people.province_other,
    )

    assert response.status_code == 422
    assert fields(response) == ["unit_code"]
    assert not Registration.objects.exists()


def test_registering_twice_or_a_commune_is_refused_naming_the_unit(api, people, assessment):
    commune = AdminUnit.objects.filter(
        admin_map=assessment.registration.round.admin_map, province__code="40", type="xa"
    ).first()
    path = "/api/v1/rounds/2025/registrations"

    twice = api.send("POST", path, {"unit_code": WARD_CODE}, as_=people.province_own)
    not_a_ward = api.send("POST", path, {"unit_code": commune.code}, as_=people.province_own)

    assert (twice.status_code, fields(twice)) == (422, ["unit_code"])
    assert (not_a_ward.status_code, fields(not_a_ward)) == (422, ["unit_code"])
    assert Registration.objects.count() == 1


def test_nothing_is_registered_in_a_closed_round(api, people, round):
    round_close(actor=people.ministry, round=round)

    response = api.send(
        "POST",
        "/api/v1/rounds/2025/registrations",
        {"unit_code": WARD_CODE},
        as_=people.province_own,
    )

    assert response.status_code == 422
    assert fields(response) == [None]
    assert not Registration.objects.exists()


def test_a_province_withdraws_a_draft_registration(api, people, assessment):
    path = f"/api/v1/registrations/{assessment.registration.pk}"

    response = api.delete(path, as_=people.province_own)

    assert response.status_code == 204
    assert not Registration.objects.exists()
    assert api.get(path, as_=people.province_own).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("province_other", 404), ("ward_own", 403)])
def test_nobody_else_withdraws_a_registration(api, people, assessment, role, status):
    response = api.delete(
        f"/api/v1/registrations/{assessment.registration.pk}", as_=getattr(people, role)
    )

    assert response.status_code == status
    assert Registration.objects.count() == 1


def test_a_submitted_registration_cannot_be_withdrawn(api, people, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(state=State.SUBMITTED)

    response = api.delete(
        f"/api/v1/registrations/{assessment.registration.pk}", as_=people.province_own
    )

    assert response.status_code == 422
    assert Registration.objects.count() == 1


# ---- targets ---------------------------------------------------------------------------------


def test_the_ministry_sets_a_national_and_a_province_target(api, people):
    national = api.send(
        "PUT",
        "/api/v1/targets/2025",
        {"minimum_percent": 30, "stretch_percent": 50},
        as_=people.ministry,
    )
    province = api.send(
        "PUT",
        "/api/v1/targets/2025",
        {"province": "40", "map": "2025-07", "minimum_percent": "40.5", "stretch_percent": 60},
        as_=people.ministry,
    )

    assert national.status_code == province.status_code == 200
    assert national.json()["province"] is None and national.json()["map"] is None
    assert (province.json()["map"], province.json()["province"]["code"]) == ("2025-07", "40")
    assert Target.objects.get(province__code="40").minimum_percent == Decimal("40.5")
    assert Target.objects.get(province=None).stretch_percent == 50


def test_each_officer_reads_the_national_targets_and_their_own(api, people, round):
    for body in (
        {"minimum_percent": 30, "stretch_percent": 50},
        {"province": "40", "minimum_percent": 40, "stretch_percent": 60},
        {"province": "01", "minimum_percent": 45, "stretch_percent": 70},
    ):
        assert api.send("PUT", "/api/v1/targets/2025", body, as_=people.ministry).status_code == 200

    def provinces(user):
        rows = api.get("/api/v1/targets", as_=user, year=2025).json()["items"]
        return [row["province"] and row["province"]["code"] for row in rows]

    assert provinces(people.ministry) == [None, "01", "40"]
    assert provinces(people.province_own) == [None, "40"]
    assert provinces(people.ward_own) == [None]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"minimum_percent": 60, "stretch_percent": 50}, "minimum_percent"),
        ({"minimum_percent": 30, "stretch_percent": 101}, "stretch_percent"),
        ({"minimum_percent": "30.001", "stretch_percent": 50}, "minimum_percent"),
        ({"province": "99", "minimum_percent": 30, "stretch_percent": 50}, "province"),
        ({"province": "40", "map": "1999", "minimum_percent": 30, "stretch_percent": 50}, "map"),
    ],
)
def test_a_refused_target_names_the_field_and_sets_nothing(api, people, body, field):
    response = api.send("PUT", "/api/v1/targets/2025", body, as_=people.ministry)

    assert response.status_code == 422
    assert fields(response) == [field]
    assert not Target.objects.exists()


@pytest.mark.parametrize("role", ["province_own", "ward_own", "viewer"])
def test_only_the_ministry_sets_targets(api, people, role):
    body = {"minimum_percent": 30, "stretch_percent": 50}
    response = api.send("PUT", "/api/v1/targets/2025", body, as_=getattr(people, role))

    assert response.status_code == 403
    assert not Target.objects.exists()


def test_a_body_that_is_not_json_is_refused_naming_the_body(api, people, round):
    response = api.client.generic(
        "POST",
        "/api/v1/rounds",
        "{year: 2026",
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {key_for(people.ministry)}",
    )

    assert response.status_code == 422
    assert fields(response) == ["body"]
    assert list(Round.objects.values_list("year", flat=True)) == [2025]
