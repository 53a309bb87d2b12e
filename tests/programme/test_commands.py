from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kieumau.accounts.models import Role
from kieumau.programme.models import Quota, Round
from kieumau.programme.services import registration_create
from tests.programme.conftest import officer, unit

CREATE_2023 = [
    "rounds",
    "create",
    "--year",
    "2023",
    "--name",
    "Đợt 2023",
    "--map",
    "2023-05",
    "--criteria",
    "thu",
    "--quota-rule",
    "pilot-2023",
    "--self-assessment-deadline",
    "2023-09-30",
    "--review-deadline",
    "2023-10-31",
    "--recognition-deadline",
    "2023-12-15",
]


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rounds_create_then_quotas_show_totals_106(maps, criteria_set, ministry):
    created = _run(*CREATE_2023, "--as", ministry.username)
    shown = _run("quotas", "show", "--round", "2023")

    assert created == (
        "Đã mở đợt 2023 «Đợt 2023»: danh mục 2023-05, bộ tiêu chí thu:1, quy tắc pilot-2023; "
        "tổng chỉ tiêu 106.\n"
    )
    lines = shown.splitlines()
    assert len(lines) == 2 + 63 + 1
    assert lines[2].split() == ["01", "Hà", "Nội", "13", "13", "0", "0"]
    assert lines[-1] == "Tổng: 106 (theo quy tắc 106); đã đăng ký 0, vượt chỉ tiêu 0."


def test_rounds_create_as_a_province_officer_is_refused(maps, criteria_set):
    nghe_an = officer(Role.PROVINCE, unit(maps["2023-05"], "40"))

    with pytest.raises(CommandError) as excinfo:
        _run(*CREATE_2023, "--as", nghe_an.username)

    assert str(excinfo.value) == (
        "Không thực hiện được, không có gì thay đổi:\n"
        "  Chỉ cán bộ Bộ Công an được cấu hình chương trình."
    )
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"--map": "1999-01"}, "Không có danh mục 1999-01 (đã có: 2023-05, 2025-01, 2025-07)."),
        ({"--criteria": "thu:7"}, "Không có bộ tiêu chí «thu:7» (đã có: thu:1)."),
        ({"--review-deadline": "31/10/2023"}, "ngày «31/10/2023» không hợp lệ (cần YYYY-MM-DD)"),
        ({"--quota-rule": "share-of-wards"}, "Quy tắc share-of-wards cần tham số «percent»."),
        ({"--review-deadline": "2023-09-01"}, "Các hạn phải theo thứ tự"),
    ],
)
def test_rounds_create_explains_bad_input(maps, criteria_set, ministry, changes, message):
    args = list(CREATE_2023)
    for option, value in changes.items():
        args[args.index(option) + 1] = value

    with pytest.raises(CommandError) as excinfo:
        _run(*args, "--as", ministry.username)

    assert message in str(excinfo.value)
    assert not Round.objects.exists()


def test_rounds_create_with_a_quota_parameter(maps, criteria_set, ministry):
    args = list(CREATE_2023)
    args[args.index("--map") + 1] = "2025-07"
    args[args.index("--quota-rule") + 1] = "share-of-wards"

    output = _run(*args, "--quota-param", "percent=30", "--as", ministry.username)

    assert output.endswith("quy tắc share-of-wards; tổng chỉ tiêu 220.\n")
    assert Round.objects.get().quota_parameters == {"percent": 30}


def test_an_unknown_user_is_named(maps, criteria_set):
    with pytest.raises(CommandError, match="Không có người dùng «ai_do»"):
        _run(*CREATE_2023, "--as", "ai_do")


def test_rounds_list_shows_each_round(round_2023, round_2025):
    lines = _run("rounds", "list").splitlines()

    assert lines[1].split() == [
        "2025", "2025-07", "thu:1", "share-of-wards", "220", "0", "30/09/2025", "đang", "mở",
        "Đợt", "2025",
    ]  # fmt: skip
    assert lines[2].split()[:6] == ["2023", "2023-05", "thu:1", "pilot-2023", "106", "0"]


def test_quotas_override_records_the_value_and_reason(round_2023, ministry):
    output = _run(
        "quotas", "override", "--round", "2023", "--province", "1", "--value", "15",
        "--reason", "Thêm 2 phường trọng điểm", "--as", ministry.username,
    )  # fmt: skip

    quota = Quota.objects.get(round=round_2023, province__code="01")
    assert output == (
        "Thành phố Hà Nội (01): chỉ tiêu 15 (theo quy tắc 13); lý do: Thêm 2 phường trọng điểm\n"
    )
    assert (quota.override, quota.override_reason) == (15, "Thêm 2 phường trọng điểm")
    assert "Tổng: 108 (theo quy tắc 106)" in _run("quotas", "show", "--round", "2023")


def test_quotas_override_without_a_reason_is_refused(round_2023, ministry):
    with pytest.raises(CommandError, match="Cần nêu lý do điều chỉnh chỉ tiêu"):
        _run(
            "quotas", "override", "--round", "2023", "--province", "01", "--value", "15",
            "--as", ministry.username,
        )  # fmt: skip

    assert not Quota.objects.exclude(override=None).exists()


def test_quotas_override_clear_and_compute(round_2023, ministry):
    args = ["quotas", "override", "--round", "2023", "--province", "01", "--as", ministry.username]
    _run(*args, "--value", "15", "--reason", "Thêm")

    cleared = _run(*args, "--clear")
    computed = _run("quotas", "compute", "--round", "2023", "--as", ministry.username)

    assert cleared == "Thành phố Hà Nội (01): bỏ điều chỉnh; chỉ tiêu theo quy tắc 13.\n"
    assert computed == "Đã tính lại: 0 tỉnh thay đổi; tổng chỉ tiêu 106 (giữ các điều chỉnh).\n"


def test_quotas_of_an_unknown_round_name_the_known_ones(round_2023):
    with pytest.raises(CommandError, match=r"Không có đợt đánh giá năm 2030 \(đã có: 2023\)."):
        _run("quotas", "show", "--round", "2030")


def test_registrations_list_shows_unit_verdict_and_state(round_2023, maps):
    nghe_an = officer(Role.PROVINCE, unit(maps["2023-05"], "40"))
    hanoi = officer(Role.PROVINCE, unit(maps["2023-05"], "01"))
    registration_create(actor=nghe_an, round=round_2023, unit=unit(maps["2023-05"], "16666"))
    registration_create(actor=hanoi, round=round_2023, unit=unit(maps["2023-05"], "00001"))

    everything = _run("registrations", "list", "--round", "2023").splitlines()
    nghe_an_only = _run("registrations", "list", "--round", "2023", "--province", "40")

    assert len(everything) == 4
    assert everything[1].split()[:4] == ["Hà", "Nội", "00001", "Phúc"]
    assert everything[-1] == "Tổng: 2 phường đã đăng ký."
    row = nghe_an_only.splitlines()[1]
    assert row.startswith("Nghệ An          16666  Hà Huy Tập ")
    assert row.endswith(" chưa đạt     bản nháp")
    assert nghe_an_only.splitlines()[-1] == "Tổng: 1 phường đã đăng ký."


def test_rounds_close(round_2023, ministry):
    assert _run("rounds", "close", "--year", "2023", "--as", ministry.username) == (
        "Đã đóng đợt 2023.\n"
    )
    assert Round.objects.get().status == Round.Status.CLOSED
