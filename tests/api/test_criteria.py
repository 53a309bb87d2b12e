"""Criteria sets through the API: the listing and one version with its groups and rule."""

from decimal import Decimal

from tests.assessments.factories import criteria_set_create


def test_the_criteria_sets_are_listed_with_their_counts(api, people, round):
    criteria_set_create()

    response = api.get("/api/v1/criteria-sets", as_=people.ward_own)

    assert response.status_code == 200
    rows = {(row["code"], row["version"]): row for row in response.json()["items"]}
    assert set(rows) == {("mau-22-tieu-chi", 1), ("thu-nghiem", 1)}
    shipped = rows["mau-22-tieu-chi", 1]
    assert (shipped["criteria_count"], shipped["rounds_count"], shipped["is_template"]) == (
        22,
        1,
        True,
    )
    assert (rows["thu-nghiem", 1]["criteria_count"], rows["thu-nghiem", 1]["rounds_count"]) == (
        4,
        0,
    )


def test_a_criteria_set_shows_its_groups_criteria_and_verdict_rule(api, people):
    criteria_set_create()

    response = api.get("/api/v1/criteria-sets/thu-nghiem/1", as_=people.viewer)

    assert response.status_code == 200
    body = response.json()
    assert body["basic_min_met"] == 3
    [group] = body["groups"]
    assert group["code"] == "I"
    criteria = {row["code"]: row for row in group["criteria"]}
    assert [row["code"] for row in group["criteria"]] == ["1", "2", "3", "4"]
    assert (criteria["1"]["kind"], criteria["1"]["mandatory"], criteria["1"]["threshold"]) == (
        "bool",
        True,
        None,
    )
    assert criteria["3"]["kind"] == "pct"
    assert (criteria["3"]["comparator"], Decimal(criteria["3"]["threshold"])) == (">=", 80)
    assert criteria["3"]["requirement"] == "≥ 80"
    assert body["verdict_rule"]["total"] == 4
    assert body["verdict_rule"]["mandatory"] == ["1"]
    assert body["verdict_rule"]["text"][0] == "Đạt: đủ 4/4 tiêu chí."


def test_the_shipped_set_has_twenty_two_criteria(api, people, round):
    body = api.get("/api/v1/criteria-sets/mau-22-tieu-chi/1", as_=people.ministry).json()

    assert sum(len(group["criteria"]) for group in body["groups"]) == 22
    assert body["verdict_rule"]["basic_min_met"] == 20


def test_an_unknown_version_or_code_is_not_found(api, people):
    criteria_set_create()

    assert api.get("/api/v1/criteria-sets/thu-nghiem/2", as_=people.ministry).status_code == 404
    assert api.get("/api/v1/criteria-sets/khong-co/1", as_=people.ministry).status_code == 404


def test_a_version_that_is_not_a_number_is_refused_naming_it(api, people):
    response = api.get("/api/v1/criteria-sets/thu-nghiem/moi", as_=people.ministry)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "version"
