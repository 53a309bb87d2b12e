import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from kieumau.accounts.models import Role
from kieumau.accounts.scopes import Denied
from kieumau.assessments.models import Assessment, CriterionResult, Evidence, State
from kieumau.programme.models import Registration
from kieumau.programme.selectors import quota_totals, quotas_for_round
from kieumau.programme.services import registration_create, registration_withdraw, round_close
from tests.programme.conftest import officer, unit


@pytest.fixture
def nghe_an(maps):
    """The Nghệ An police officer on the 2023 map, and the 2023-05 map."""
    return officer(Role.PROVINCE, unit(maps["2023-05"], "40"))


def test_registration_creates_the_draft_assessment_with_a_result_per_criterion(
    round_2023, nghe_an, maps
):
    ward = unit(maps["2023-05"], "16666")  # Phường Hà Huy Tập

    registration = registration_create(actor=nghe_an, round=round_2023, unit=ward)

    assessment = Assessment.objects.get(registration=registration)
    assert (registration.unit, registration.registered_by) == (ward, nghe_an)
    assert assessment.state == State.DRAFT
    assert list(assessment.results.values_list("criterion__code", flat=True)) == [
        "TC1",
        "TC2",
        "TC3",
    ]
    assert not assessment.results.exclude(self_value=None).exists()


def test_the_audit_trail_names_the_officer_who_registered(round_2023, nghe_an, maps):
    registration = registration_create(
        actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666")
    )

    entries = LogEntry.objects.get_for_object(registration)
    assessment_entries = LogEntry.objects.get_for_object(registration.assessment)
    assert [(e.action, e.actor) for e in entries] == [(LogEntry.Action.CREATE, nghe_an)]
    assert [e.actor for e in assessment_entries] == [nghe_an]


def test_registering_another_provinces_ward_is_denied(round_2023, nghe_an, maps):
    with pytest.raises(Denied, match=r"^Chỉ Công an tỉnh được đăng ký đơn vị của tỉnh mình"):
        registration_create(actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "00001"))

    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("map_code", "code", "message"),
    [
        ("2023-05", "16702", "Xã Nghi Phú (16702) không phải phường: chỉ đăng ký được phường."),
        ("2023-05", "40", "Tỉnh Nghệ An (40) không phải phường: chỉ đăng ký được phường."),
        (
            "2025-07",
            "16690",
            "Phường Trường Vinh (16690) thuộc danh mục 2025-07, không phải danh mục 2023-05 "
            "của đợt 2023.",
        ),
    ],
    ids=["xa", "province", "other-map"],
)
def test_only_a_phuong_of_the_rounds_map_can_be_registered(
    round_2023, nghe_an, maps, map_code, code, message
):
    with pytest.raises(ValidationError) as excinfo:
        registration_create(actor=nghe_an, round=round_2023, unit=unit(maps[map_code], code))

    assert excinfo.value.messages == [message]
    assert not Registration.objects.exists()
    assert not Assessment.objects.exists()


def test_a_ward_is_registered_once_per_round(round_2023, nghe_an, maps):
    ward = unit(maps["2023-05"], "16666")
    registration_create(actor=nghe_an, round=round_2023, unit=ward)

    with pytest.raises(ValidationError) as excinfo:
        registration_create(actor=nghe_an, round=round_2023, unit=ward)

    assert excinfo.value.messages == ["Phường Hà Huy Tập (16666) đã được đăng ký trong đợt 2023."]
    assert Registration.objects.count() == 1


def test_registrations_over_the_quota_are_allowed_and_counted(round_2023, nghe_an, maps):
    for code in ("16663", "16666", "16669"):
        registration_create(actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], code))

    row = quotas_for_round(round_2023).get(province__code="40")
    totals = quota_totals(round_2023)
    assert (row.effective_quota, row.registered, row.over) == (1, 3, 2)
    assert (totals.effective, totals.registered, totals.over) == (106, 3, 2)


def test_a_closed_round_takes_no_registration(round_2023, nghe_an, ministry, maps):
    round_close(actor=ministry, round=round_2023)

    with pytest.raises(ValidationError, match=r"^\['Đợt đánh giá năm 2023 đã đóng"):
        registration_create(actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666"))

    assert not Registration.objects.exists()


def test_a_2025_officer_registers_a_ward_of_the_2023_province_merged_into_theirs(round_2023, maps):
    lao_cai = officer(Role.PROVINCE, unit(maps["2025-07"], "15"))
    minh_tan = unit(maps["2023-05"], "04255")  # Yên Bái, now part of Lào Cai

    registration = registration_create(actor=lao_cai, round=round_2023, unit=minh_tan)

    assert registration.unit.province.name == "Yên Bái"


def test_withdrawing_a_draft_removes_the_registration_and_its_assessment(round_2023, nghe_an, maps):
    registration = registration_create(
        actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666")
    )

    registration_withdraw(actor=nghe_an, registration=registration)

    assert not Registration.objects.exists()
    assert not Assessment.objects.exists()
    assert not CriterionResult.objects.exists()
    deletion = LogEntry.objects.filter(action=LogEntry.Action.DELETE).first()
    assert deletion is not None and deletion.actor == nghe_an


def test_a_submitted_assessment_cannot_be_withdrawn(round_2023, nghe_an, maps):
    registration = registration_create(
        actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666")
    )
    Assessment.objects.filter(registration=registration).update(state=State.SUBMITTED)

    with pytest.raises(ValidationError) as excinfo:
        registration_withdraw(actor=nghe_an, registration=registration)

    assert excinfo.value.messages == [
        "Không rút được đăng ký của Phường Hà Huy Tập (16666): bản đánh giá đang ở trạng thái "
        "«đã gửi thẩm định»; chỉ rút được khi còn là bản nháp."
    ]
    assert Registration.objects.count() == 1
    assert CriterionResult.objects.count() == 3


def test_withdrawing_removes_evidence_files_after_the_commit(
    round_2023, nghe_an, maps, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    registration = registration_create(
        actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666")
    )
    evidence = Evidence(
        result=registration.assessment.results.first(),
        storage_name="a" * 32,
        original_name="bien-ban.pdf",
        content_type="application/pdf",
        size=4,
        sha256="b" * 64,
        uploaded_by=nghe_an,
    )
    evidence.file.save("bien-ban.pdf", ContentFile(b"%PDF"), save=True)
    stored = tmp_path / evidence.file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        registration_withdraw(actor=nghe_an, registration=registration)

    assert not Evidence.objects.exists()
    assert not stored.exists()
