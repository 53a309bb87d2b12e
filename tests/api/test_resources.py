"""Resources (nguồn lực) through the API: read in scope, recorded by the ward's officer or its
province's, refused with the figure at fault."""

from django.utils import translation

from kieumau.context.models import Resources
from tests.api.writes import snapshot

FIGURES = {
    "staff_norm": 22,
    "staff_actual": 20,
    "staff_under_35": 11,
    "staff_with_degree": 15,
    "headquarters": "converted",
    "funding_planned_vnd": 2_500_000_000,
    "funding_disbursed_vnd": 1_000_000_000,
    "equipment_adequate": True,
}


def put(api, registration_id, body, *, as_):
    return api.send("PUT", f"/api/v1/registrations/{registration_id}/resources", body, as_=as_)


def test_the_ward_records_its_resources(api, people, assessment):
    response = put(api, assessment.registration_id, FIGURES, as_=people.ward_own)

    assert response.status_code == 200
    body = response.json()
    assert body["unit"]["code"] == "16690"
    assert body["registration"] == assessment.registration_id
    stored = Resources.objects.get(registration=assessment.registration)
    assert {field: getattr(stored, field) for field in FIGURES} == FIGURES
    assert {field: body[field] for field in FIGURES} == FIGURES


def test_recording_again_replaces_the_figures(api, people, assessment):
    put(api, assessment.registration_id, FIGURES, as_=people.ward_own)

    response = put(
        api, assessment.registration_id, {**FIGURES, "staff_actual": 21}, as_=people.ward_own
    )

    assert response.status_code == 200
    assert Resources.objects.get().staff_actual == 21


def test_a_province_officer_records_the_figures_of_its_ward(api, people, assessment):
    response = put(api, assessment.registration_id, FIGURES, as_=people.province_own)

    assert response.status_code == 200
    assert Resources.objects.get().staff_norm == 22


def test_figures_that_do_not_fit_are_refused_by_field(api, people, assessment):
    with translation.override("en"):
        response = put(
            api,
            assessment.registration_id,
            {**FIGURES, "staff_under_35": 25, "funding_planned_vnd": -1},
            as_=people.ward_own,
        )
        bad_status = put(
            api,
            assessment.registration_id,
            {**FIGURES, "headquarters": "tent"},
            as_=people.ward_own,
        )

    assert response.status_code == 422
    fields = sorted(error["field"] for error in response.json()["errors"])
    assert fields == ["funding_planned_vnd", "staff_under_35"]
    assert bad_status.status_code == 422
    assert [e["field"] for e in bad_status.json()["errors"]] == ["headquarters"]
    assert not Resources.objects.exists()


def test_roles_that_do_not_record_resources_are_refused(api, people, assessment):
    for user in (people.ministry, people.viewer):
        assert put(api, assessment.registration_id, FIGURES, as_=user).status_code == 403
    assert not Resources.objects.exists()


def test_a_units_resources_read_by_registration(api, people, figures):
    registration_id = figures.assessment.registration_id

    response = api.get(f"/api/v1/registrations/{registration_id}/resources", as_=people.viewer)
    none_yet = api.get(
        f"/api/v1/registrations/{figures.recognised[0].registration_id}/resources",
        as_=people.ministry,
    )

    assert response.status_code == 200
    assert (response.json()["staff_norm"], response.json()["headquarters"]) == (20, "independent")
    assert none_yet.status_code == 404


def test_the_rounds_resources_are_listed_in_scope(api, people, figures):
    other = figures.other_province[0]
    put(api, other.registration_id, FIGURES, as_=people.province_other)

    national = api.get("/api/v1/rounds/2025/resources", as_=people.ministry).json()
    own = api.get("/api/v1/rounds/2025/resources", as_=people.province_own).json()
    ward = api.get("/api/v1/rounds/2025/resources", as_=people.ward_own).json()

    assert national["count"] == 2
    assert [item["unit"]["code"] for item in own["items"]] == ["16690"]
    assert [item["unit"]["code"] for item in ward["items"]] == ["16690"]


def test_unknown_registrations_and_rounds_are_404(api, people, figures):
    before = snapshot()

    assert api.get("/api/v1/rounds/2031/resources", as_=people.ministry).status_code == 404
    assert api.get("/api/v1/registrations/99999/resources", as_=people.ministry).status_code == 404
    assert put(api, 99999, FIGURES, as_=people.ward_own).status_code == 404
    assert snapshot() == before
