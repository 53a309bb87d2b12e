import pytest
from auditlog.models import LogEntry

from kieumau.accounts.models import Role, User
from kieumau.assessments.models import Assessment
from kieumau.programme.models import Quota, Registration, Round
from kieumau.programme.services import registration_create
from tests.programme.conftest import unit


def _staff(client, username, role, home=None):
    user = User.objects.create_superuser(username, password="x-Strong-Pass-2025", role=role)
    user.unit = home
    user.save()
    client.force_login(user)
    return user


@pytest.fixture
def ministry_admin(client, db):
    return _staff(client, "bo-admin", Role.MINISTRY)


def _round_form(round_, overrides: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The round change form as posted, with ``{province code: (override, reason)}``."""
    quotas = list(Quota.objects.filter(round=round_).order_by("province__code"))
    data = {
        "name": round_.name,
        "self_assessment_deadline": round_.self_assessment_deadline.isoformat(),
        "review_deadline": round_.review_deadline.isoformat(),
        "recognition_deadline": round_.recognition_deadline.isoformat(),
        "quotas-TOTAL_FORMS": str(len(quotas)),
        "quotas-INITIAL_FORMS": str(len(quotas)),
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "1000",
    }
    for index, quota in enumerate(quotas):
        override, reason = overrides.get(quota.province.code, ("", ""))
        data |= {
            f"quotas-{index}-id": str(quota.pk),
            f"quotas-{index}-round": str(round_.pk),
            f"quotas-{index}-override": override,
            f"quotas-{index}-override_reason": reason,
        }
    return data


def test_the_round_page_shows_its_quotas(client, ministry_admin, round_2023):
    page = client.get(f"/admin/programme/round/{round_2023.pk}/change/").content.decode()

    assert "Thành phố Hà Nội (01)" in page
    assert page.count('name="quotas-') > 63 * 2


def test_an_override_in_the_admin_goes_through_the_service(client, ministry_admin, round_2023):
    url = f"/admin/programme/round/{round_2023.pk}/change/"

    response = client.post(url, _round_form(round_2023, {"01": ("15", "Thêm 2 phường")}))

    hanoi = Quota.objects.get(round=round_2023, province__code="01")
    assert response.status_code == 302
    assert (hanoi.override, hanoi.override_reason) == (15, "Thêm 2 phường")
    assert LogEntry.objects.get_for_object(hanoi).first().actor == ministry_admin


def test_an_override_without_reason_is_shown_as_an_error(client, ministry_admin, round_2023):
    url = f"/admin/programme/round/{round_2023.pk}/change/"

    response = client.post(url, _round_form(round_2023, {"01": ("15", "")}))

    assert response.status_code == 200
    assert "Cần nêu lý do điều chỉnh chỉ tiêu." in response.content.decode()
    assert not Quota.objects.exclude(override=None).exists()


def test_a_superuser_who_is_not_a_ministry_officer_only_reads_rounds(client, round_2023):
    _staff(client, "viewer-admin", Role.VIEWER)
    url = f"/admin/programme/round/{round_2023.pk}/change/"

    response = client.post(url, _round_form(round_2023, {"01": ("15", "Thêm")}))

    assert response.status_code == 403
    assert not Quota.objects.exclude(override=None).exists()


def test_a_province_officer_registers_a_ward_in_the_admin(client, round_2023, maps):
    officer = _staff(client, "na-admin", Role.PROVINCE, unit(maps["2023-05"], "40"))
    ward, hanoi_ward = unit(maps["2023-05"], "16666"), unit(maps["2023-05"], "00001")
    add = "/admin/programme/registration/add/"

    refused = client.post(add, {"round": round_2023.pk, "unit": hanoi_ward.pk})
    accepted = client.post(add, {"round": round_2023.pk, "unit": ward.pk})

    assert "Chỉ Công an tỉnh được đăng ký đơn vị của tỉnh mình." in refused.content.decode()
    assert accepted.status_code == 302
    registration = Registration.objects.get()
    assert (registration.unit, registration.registered_by) == (ward, officer)
    assert Assessment.objects.get(registration=registration).results.count() == 3


def test_the_withdraw_action_applies_the_service(client, round_2023, maps):
    officer = _staff(client, "na-admin", Role.PROVINCE, unit(maps["2023-05"], "40"))
    registration = registration_create(
        actor=officer, round=round_2023, unit=unit(maps["2023-05"], "16666")
    )

    response = client.post(
        "/admin/programme/registration/",
        {"action": "withdraw", "_selected_action": [registration.pk]},
        follow=True,
    )

    assert "Đã rút đăng ký Phường Hà Huy Tập (16666)." in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_and_target_lists_render(client, ministry_admin, round_2023, maps):
    nghe_an = User.objects.create_user("na", role=Role.PROVINCE, unit=unit(maps["2023-05"], "40"))
    registration_create(actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666"))

    registrations = client.get("/admin/programme/registration/", {"q": "Huy Tập"})
    targets = client.get("/admin/programme/target/")

    assert registrations.context["cl"].result_count == 1
    assert targets.status_code == 200


def _new_round(maps, criteria_set, **changes) -> dict[str, str]:
    return {
        "year": "2026",
        "name": "Đợt đánh giá 2026",
        "admin_map": str(maps["2025-07"].pk),
        "criteria_set": str(criteria_set.pk),
        "quota_rule": "share-of-wards",
        "quota_parameters": '{"percent": 50}',
        "self_assessment_deadline": "2026-09-30",
        "review_deadline": "2026-10-31",
        "recognition_deadline": "2026-12-15",
    } | changes


def test_a_round_added_in_the_admin_opens_with_its_quotas(
    client, ministry_admin, maps, criteria_set
):
    response = client.post("/admin/programme/round/add/", _new_round(maps, criteria_set))

    new = Round.objects.get(year=2026)
    assert response.status_code == 302
    assert new.quota_parameters == {"percent": 50.0}
    assert new.quotas.count() == 34
    nghe_an = new.quotas.get(province__code="40")
    assert nghe_an.computed == 6  # half of its 11 phường, rounded up
    assert LogEntry.objects.get_for_object(new).get().actor == ministry_admin


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quota_parameters": '{"percent": 150}'}, "percent"),
        ({"quota_parameters": '{"share": 30}'}, "share"),
        ({"review_deadline": "2026-08-01"}, "Các hạn phải theo thứ tự"),
    ],
)
def test_a_bad_round_is_refused_in_the_admin_and_nothing_is_created(
    client, ministry_admin, maps, criteria_set, changes, message
):
    response = client.post("/admin/programme/round/add/", _new_round(maps, criteria_set, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Round.objects.filter(year=2026).exists()


def test_a_province_officer_cannot_add_a_round_in_the_admin(client, maps, criteria_set):
    _staff(client, "tinh-admin", Role.PROVINCE)

    response = client.post("/admin/programme/round/add/", _new_round(maps, criteria_set))

    assert response.status_code == 403
    assert not Round.objects.filter(year=2026).exists()
