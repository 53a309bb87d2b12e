"""Maps and their units through the API: counts, filters, pagination, successions."""

import pytest


def test_the_maps_are_listed_oldest_first_with_their_counts(api, people):
    response = api.get("/api/v1/maps", as_=people.ward_own)

    assert response.status_code == 200
    body = response.json()
    assert [row["code"] for row in body["items"]] == ["2023-05", "2025-01", "2025-07"]
    assert body["count"] == 3
    latest = body["items"][2]
    assert (latest["provinces"], latest["districts"], latest["communes"], latest["wards"]) == (
        34,
        0,
        3321,
        687,
    )
    assert body["items"][0]["wards"] == 1771


def test_a_map_counts_its_units_by_type(api, people):
    response = api.get("/api/v1/maps/2025-07", as_=people.viewer)

    assert response.status_code == 200
    by_type = {row["type"]: row["count"] for row in response.json()["by_type"]}
    assert by_type == {"phuong": 687, "xa": 2621, "dac_khu": 13, "tinh": 28, "thanh_pho_tw": 6}


def test_an_unknown_map_is_not_found(api, people):
    response = api.get("/api/v1/maps/1999-01", as_=people.ministry)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_units_are_filtered_by_province_and_type_and_paginated(api, people):
    path = "/api/v1/maps/2025-07/units"
    first = api.get(path, as_=people.ward_own, province="40", type="phuong", limit=5).json()
    second = api.get(
        path, as_=people.ward_own, province="40", type="phuong", limit=5, offset=5
    ).json()

    assert first["count"] == second["count"] > 10
    codes = [row["code"] for row in first["items"] + second["items"]]
    assert codes == sorted(codes) and len(set(codes)) == 10
    assert {row["province"]["code"] for row in first["items"]} == {"40"}
    assert {row["type"] for row in first["items"] + second["items"]} == {"phuong"}


def test_the_name_search_ignores_accents_and_case(api, people):
    response = api.get("/api/v1/maps/2025-07/units", as_=people.ward_own, q="TRUONG vinh")

    assert [row["full_name"] for row in response.json()["items"]] == ["Phường Trường Vinh"]


def test_units_filtered_by_level_are_only_of_that_level(api, people):
    body = api.get("/api/v1/maps/2023-05/units", as_=people.ministry, level="province").json()

    assert body["count"] == 63
    assert body["items"][0]["code"] == "01" and body["items"][0]["parent"] is None


@pytest.mark.parametrize(
    "query", [{"level": "hamlet"}, {"limit": 0}, {"limit": 501}, {"province": "4 0"}]
)
def test_a_bad_filter_is_refused_naming_it(api, people, query):
    response = api.get("/api/v1/maps/2025-07/units", as_=people.ministry, **query)

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == list(query)


def test_a_unit_shows_what_it_came_from(api, people):
    response = api.get("/api/v1/maps/2025-07/units/16690", as_=people.province_other)

    assert response.status_code == 200
    body = response.json()
    assert (body["map"], body["full_name"], body["province"]["code"]) == (
        "2025-07",
        "Phường Trường Vinh",
        "40",
    )
    before = {(row["unit"]["map"], row["unit"]["name"]) for row in body["predecessors"]}
    assert ("2025-01", "Trường Thi") in before
    assert body["successors"] == []


def test_a_province_of_2023_shows_what_it_became(api, people):
    body = api.get("/api/v1/maps/2025-01/units/15", as_=people.ministry).json()

    assert body["full_name"] == "Tỉnh Yên Bái"
    assert [(row["unit"]["map"], row["unit"]["name"]) for row in body["successors"]] == [
        ("2025-07", "Lào Cai")
    ]


def test_an_unknown_unit_is_not_found(api, people):
    assert api.get("/api/v1/maps/2025-07/units/99999", as_=people.ministry).status_code == 404


def test_the_maps_need_a_key(api, people):
    assert api.get("/api/v1/maps", as_=None).status_code == 401
