import datetime

import pytest

from kieumau.accounts.models import User
from kieumau.adminunits.models import AdminUnit
from kieumau.adminunits.types import Level, UnitType
from kieumau.context import selectors
from kieumau.context.models import (
    DirectiveDocument,
    GoodPractice,
    GoodPracticePhoto,
    GoodPracticeTag,
    Resources,
)
from kieumau.context.selectors import IssuerCount, StaffingSummary
from kieumau.programme.models import Registration

Issuer, Kind, HQ = DirectiveDocument.Issuer, DirectiveDocument.Kind, Resources.Headquarters


def fresh(user: User) -> User:
    """The user as a request would load it, with nothing cached."""
    return User.objects.get(pk=user.pk)


def province(admin_map, code: str) -> AdminUnit:
    return AdminUnit.objects.get(admin_map=admin_map, level=Level.PROVINCE, code=code)


def document(world, province: AdminUnit, issuer: str, kind: str, number: str):
    return DirectiveDocument.objects.create(
        province=province,
        issuer=issuer,
        kind=kind,
        number=number,
        date=datetime.date(2023, 3, 1),
        title=f"Văn bản {number}",
        created_by=world.users["province_own"],
    )


@pytest.fixture
def documents(world, maps):
    lao_cai = province(world.admin_map, "15")
    document(world, world.nghe_an, Issuer.PARTY_COMMITTEE, Kind.RESOLUTION, "1-NQ/TU")
    document(world, world.nghe_an, Issuer.PARTY_COMMITTEE, Kind.DIRECTIVE, "2-CT/TU")
    document(world, world.nghe_an, Issuer.PARTY_COMMITTEE, Kind.RESOLUTION, "3-NQ/TU")
    document(world, world.nghe_an, Issuer.PEOPLES_COMMITTEE, Kind.SCHEME, "4/ĐA-UBND")
    document(world, world.hanoi, Issuer.PARTY_COMMITTEE, Kind.CONCLUSION, "5-KL/TU")
    document(world, world.hanoi, Issuer.PROVINCIAL_POLICE, Kind.PLAN, "6/KH-CATP")
    document(world, lao_cai, Issuer.PARTY_COMMITTEE, Kind.RESOLUTION, "7-NQ/TU")
    old_nghe_an = province(maps["2023-05"], "40")
    document(world, old_nghe_an, Issuer.PARTY_COMMITTEE, Kind.RESOLUTION, "8-NQ/TU")


def test_documents_by_issuer_and_kind_counts_provinces_not_documents(world, documents):
    assert selectors.documents_by_issuer_and_kind(world.admin_map) == [
        IssuerCount(
            issuer="party_committee",
            provinces=3,
            by_kind={"nghi_quyet": 2, "chi_thi": 1, "ket_luan": 1},
        ),
        IssuerCount(issuer="peoples_committee", provinces=1, by_kind={"de_an": 1}),
        IssuerCount(issuer="provincial_police", provinces=1, by_kind={"ke_hoach": 1}),
    ]


def test_documents_by_issuer_and_kind_on_a_map_without_documents_is_all_zero(maps):
    counts = selectors.documents_by_issuer_and_kind(maps["2025-01"])

    assert [(count.issuer, count.provinces, count.by_kind) for count in counts] == [
        ("party_committee", 0, {}),
        ("peoples_committee", 0, {}),
        ("provincial_police", 0, {}),
    ]


def test_documents_by_issuer_and_kind_takes_two_queries(
    world, documents, django_assert_num_queries
):
    with django_assert_num_queries(2):
        selectors.documents_by_issuer_and_kind(world.admin_map)


@pytest.mark.parametrize(
    ("role", "numbers"),
    [
        ("province_own", ["1-NQ/TU", "2-CT/TU", "3-NQ/TU", "4/ĐA-UBND"]),
        ("viewer", ["1-NQ/TU", "2-CT/TU", "3-NQ/TU", "4/ĐA-UBND"]),
        ("province_other", ["5-KL/TU", "6/KH-CATP"]),
        ("ward_own", []),
        ("ministry", ["1-NQ/TU", "2-CT/TU", "3-NQ/TU", "4/ĐA-UBND", "5-KL/TU", "6/KH-CATP"]),
    ],
)
def test_directive_documents_for_user_keeps_to_the_scope(world, documents, role, numbers):
    user = world.users[role]

    found = selectors.directive_documents_for_user(user, world.admin_map)

    assert (
        sorted(found.filter(province__code__in=["40", "01"]).values_list("number", flat=True))
        == numbers
    )


def test_directive_documents_for_user_on_the_2023_map_follows_the_succession(
    world, documents, maps
):
    found = selectors.directive_documents_for_user(world.users["province_own"], maps["2023-05"])

    assert list(found.values_list("number", flat=True)) == ["8-NQ/TU"]


def test_directive_documents_for_user_takes_a_fixed_number_of_queries(
    world, documents, django_assert_num_queries
):
    user = fresh(world.users["province_own"])

    with django_assert_num_queries(2):  # the user's unit, the documents with their province
        rows = [
            (d.province.name, d.created_by.username)
            for d in selectors.directive_documents_for_user(user, world.admin_map)
        ]

    assert len(rows) == 4


# ---- resources -----------------------------------------------------------------------------


def resources(registration: Registration, **values) -> Resources:
    return Resources.objects.create(registration=registration, **values)


@pytest.fixture
def staffing(world):
    resources(
        world.registration,
        staff_norm=30,
        staff_actual=30,
        staff_under_35=10,
        staff_with_degree=20,
        headquarters=HQ.INDEPENDENT,
        funding_planned_vnd=1_000_000_000,
        funding_disbursed_vnd=1_200_000_000,
        equipment_adequate=True,
    )
    resources(
        world.other_registration,
        staff_norm=25,
        staff_actual=20,
        staff_under_35=8,
        staff_with_degree=15,
        headquarters=HQ.CONVERTED,
        funding_planned_vnd=500_000_000,
        funding_disbursed_vnd=100_000_000,
        equipment_adequate=False,
    )
    resources(
        world.hanoi_registration,
        staff_norm=40,
        staff_actual=45,
        staff_under_35=20,
        staff_with_degree=30,
        headquarters=HQ.CONVERTED,
        funding_planned_vnd=3_000_000_000,
        funding_disbursed_vnd=3_000_000_000,
        equipment_adequate=True,
    )
    ngoc_ha = AdminUnit.objects.get(admin_map=world.admin_map, code="00008")
    Registration.objects.create(
        round=world.round, unit=ngoc_ha, registered_by=world.users["province_other"]
    )  # registered, nothing recorded yet


def test_staffing_summary_adds_up_the_round(world, staffing):
    assert selectors.staffing_summary(world.round) == StaffingSummary(
        units=4,
        units_reported=3,
        units_fully_staffed=2,
        staff_norm=95,
        staff_actual=95,
        staff_under_35=38,
        staff_with_degree=65,
        funding_planned_vnd=4_500_000_000,
        funding_disbursed_vnd=4_300_000_000,
        units_equipment_adequate=2,
        headquarters={"independent": 1, "converted": 2, "shared": 0, "under_construction": 0},
    )


def test_staffing_summary_in_a_province_officers_scope(world, staffing):
    summary = selectors.staffing_summary(world.round, user=world.users["province_own"])

    assert (summary.units, summary.units_fully_staffed, summary.staff_actual) == (2, 1, 50)
    assert (summary.funding_planned_vnd, summary.funding_disbursed_vnd) == (
        1_500_000_000,
        1_300_000_000,
    )
    assert summary.headquarters == {
        "independent": 1,
        "converted": 1,
        "shared": 0,
        "under_construction": 0,
    }


def test_staffing_summary_of_an_empty_round_is_all_zero(world):
    summary = selectors.staffing_summary(world.round)

    assert (summary.units, summary.units_reported, summary.staff_norm) == (3, 0, 0)
    assert summary.funding_disbursed_vnd == 0
    assert set(summary.headquarters.values()) == {0}


def test_staffing_summary_takes_two_queries(world, staffing, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.staffing_summary(world.round)


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("ward_own", ["16690"]),
        ("ward_other", ["16681"]),
        ("province_own", ["16681", "16690"]),
        ("viewer", ["16681", "16690"]),
        ("province_other", ["00004"]),
        ("ministry", ["00004", "16681", "16690"]),
    ],
)
def test_resources_for_user_keeps_to_the_scope(world, staffing, role, codes):
    found = selectors.resources_for_user(world.users[role], world.round)

    assert list(found.values_list("registration__unit__code", flat=True)) == codes


def test_resources_for_user_takes_a_fixed_number_of_queries(
    world, staffing, django_assert_num_queries
):
    user = fresh(world.users["province_own"])

    with django_assert_num_queries(2):  # the user's unit, the resources with their units
        rows = [
            (r.registration.unit.name, r.registration.unit.province.name)
            for r in selectors.resources_for_user(user, world.round)
        ]

    assert rows == [("Thành Vinh", "Nghệ An"), ("Trường Vinh", "Nghệ An")]


# ---- good practices ------------------------------------------------------------------------


def practice(world, registration: Registration, title: str, tags: list[str], photos: int = 0):
    created = GoodPractice.objects.create(
        registration=registration,
        title=title,
        description=title,
        created_by=world.users["ward_own"],
    )
    for name in tags:
        GoodPracticeTag.objects.create(practice=created, name=name)
    for n in range(photos):
        GoodPracticePhoto.objects.create(
            practice=created,
            image=f"practices/{created.pk}-{n}.png",
            original_name=f"{n}.png",
            content_type="image/png",
            size=1,
            sha256="0" * 64,
        )
    return created


@pytest.fixture
def practices(world):
    practice(world, world.registration, "Một cửa", ["dịch vụ công", "chuyển đổi số"], photos=2)
    practice(world, world.other_registration, "Zalo phường", ["chuyển đổi số"], photos=1)
    practice(world, world.hanoi_registration, "Camera cộng đồng", ["camera"])


@pytest.mark.parametrize(
    ("role", "tag", "titles"),
    [
        ("ministry", None, ["Camera cộng đồng", "Một cửa", "Zalo phường"]),
        ("ministry", " Chuyển  Đổi Số ", ["Một cửa", "Zalo phường"]),
        ("ministry", "an ninh", []),
        ("province_own", None, ["Một cửa", "Zalo phường"]),
        ("province_other", "chuyển đổi số", []),
        ("ward_own", "chuyển đổi số", ["Một cửa"]),
        ("ward_other", None, ["Zalo phường"]),
    ],
)
def test_good_practices_for_user_keeps_to_the_scope_and_the_tag(
    world, practices, role, tag, titles
):
    found = selectors.good_practices_for_user(world.users[role], world.round, tag=tag)

    assert sorted(found.values_list("title", flat=True)) == titles


def test_good_practices_for_user_takes_a_fixed_number_of_queries(
    world, practices, django_assert_num_queries
):
    more_wards = AdminUnit.objects.filter(
        admin_map=world.admin_map, province=world.nghe_an, type=UnitType.WARD
    ).exclude(code__in=["16681", "16690"])[:5]
    for ward in more_wards:
        registration = Registration.objects.create(
            round=world.round, unit=ward, registered_by=world.users["province_own"]
        )
        practice(world, registration, f"Mô hình {ward.name}", ["chuyển đổi số", "khác"], photos=2)
    user = fresh(world.users["ministry"])

    # the practices with their units and authors, their tags, their photos
    with django_assert_num_queries(3):
        rows = [
            (
                p.registration.unit.name,
                p.created_by.username,
                [t.name for t in p.tags.all()],
                len(p.photos.all()),
            )
            for p in selectors.good_practices_for_user(user, world.round, tag="chuyển đổi số")
        ]

    assert len(rows) == 7
