from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kieumau.criteria.models import CriteriaSet, Criterion
from kieumau.criteria.services import DEFAULT_CRITERIA_FILE, default_criteria_set_load
from kieumau.programme.models import QuotaRule, Round
from tests.criteria.files import changed, write

pytestmark = pytest.mark.django_db


def _criteria(*args) -> str:
    out = StringIO()
    call_command("criteria", *args, stdout=out)
    return out.getvalue()


def _state():
    return list(CriteriaSet.objects.values_list("code", "version", "source_sha256")), list(
        Criterion.objects.order_by("id").values_list("id", "code", "threshold")
    )


def test_criteria_load_reports_creation_then_no_change(tmp_path):
    path = write(tmp_path)

    first = _criteria("load", str(path))
    second = _criteria("load", str(path))

    assert first == "Bộ tiêu chí thu phiên bản 1: đã tạo (1 nhóm, 3 tiêu chí).\n"
    assert second == "Bộ tiêu chí thu phiên bản 1: không có gì thay đổi (1 nhóm, 3 tiêu chí).\n"


def test_criteria_load_rejects_a_bad_file_listing_every_problem(tmp_path):
    default_criteria_set_load()
    before = _state()
    text = changed("version: 1\n", "version: 0\n")
    text = changed("        threshold: 90\n", "        threshold: 101\n", text)

    with pytest.raises(CommandError) as excinfo:
        _criteria("load", str(write(tmp_path, text)))

    assert str(excinfo.value) == (
        "Tệp bị từ chối, không có gì thay đổi:\n"
        "dòng 2, cột «version»: phải ≥ 1\n"
        "dòng 18, cột «groups[1].criteria[2].threshold»: tỷ lệ phải trong 0–100"
    )
    assert _state() == before


def test_criteria_load_refuses_to_change_a_set_a_round_uses(tmp_path, maps):
    criteria_set = default_criteria_set_load().criteria_set
    Round.objects.create(
        year=2023,
        name="Năm 2023",
        admin_map=maps["2023-05"],
        criteria_set=criteria_set,
        quota_rule=QuotaRule.PILOT_2023,
        self_assessment_deadline=date(2023, 9, 30),
        review_deadline=date(2023, 10, 31),
        recognition_deadline=date(2023, 12, 15),
    )
    before = _state()
    text = DEFAULT_CRITERIA_FILE.read_text(encoding="utf-8")
    path = write(tmp_path, changed("basic_min_met: 20", "basic_min_met: 21", text))

    with pytest.raises(CommandError) as excinfo:
        _criteria("load", str(path))

    assert str(excinfo.value) == (
        "Tệp bị từ chối, không có gì thay đổi:\n"
        "tệp: bộ tiêu chí mau-22-tieu-chi phiên bản 1 đang được dùng cho đợt «Năm 2023», không "
        "thể thay tiêu chí hay quy tắc đánh giá của nó; hãy nạp tệp này thành phiên bản mới "
        "(version: 2)"
    )
    assert _state() == before
    assert _criteria("list").splitlines()[1].split()[:5] == [
        "mau-22-tieu-chi",
        "1",
        "có",
        "22",
        "1",
    ]
    assert _criteria("show", "mau-22-tieu-chi").endswith("Đợt đánh giá dùng bộ này: Năm 2023\n")


def test_criteria_load_of_a_missing_file_says_so(tmp_path):
    path = tmp_path / "khong-co.yaml"

    with pytest.raises(CommandError) as excinfo:
        _criteria("load", str(path))

    assert str(excinfo.value) == f"Không tìm thấy tệp {path}"


def test_criteria_list_shows_code_version_template_counts_and_name(tmp_path):
    default_criteria_set_load()
    _criteria("load", str(write(tmp_path)))

    assert _criteria("list").splitlines() == [
        "Mã               Phiên bản  Mẫu  Tiêu chí  Đợt  Tên",
        "mau-22-tieu-chi          1  có         22    0  Bộ tiêu chí mẫu, 22 tiêu chí",
        "thu                      1              3    0  Bộ thử",
    ]


def test_criteria_list_without_sets_says_how_to_load_one():
    assert _criteria("list") == "Chưa có bộ tiêu chí nào (nạp: kieumau criteria load TỆP).\n"


def test_criteria_show_lists_groups_criteria_thresholds_and_the_rule():
    default_criteria_set_load()

    lines = _criteria("show", "mau-22-tieu-chi").splitlines()

    assert lines[:3] == [
        "Bộ tiêu chí mẫu, 22 tiêu chí",
        "Mã mau-22-tieu-chi, phiên bản 1 (các phiên bản: 1)",
        "Bộ mẫu: thay bằng bộ chính thức (kieumau criteria load TỆP).",
    ]
    assert "A. Lãnh đạo, chỉ đạo và phong trào" in lines
    assert (
        '  TC02   ≥ 90 %    Tỷ lệ khu dân cư đạt tiêu chuẩn "An toàn về an ninh, trật tự"' in lines
    )
    assert (
        "  TC05   ≤ 0 %     Kiềm chế, kéo giảm tội phạm về trật tự xã hội so với năm trước "
        "(% thay đổi)" in lines
    )
    assert (
        "  TC07   có/không  Không có tụ điểm phức tạp về ma túy, tệ nạn xã hội [bắt buộc]" in lines
    )
    assert "  TC11   = 100 %   Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn" in lines
    assert lines[-5:] == [
        "Quy tắc đánh giá:",
        "  Đạt: đủ 22/22 tiêu chí.",
        "  Đạt cơ bản: ít nhất 20/22 tiêu chí và mọi tiêu chí bắt buộc (TC04, TC07, TC19).",
        "  Chưa đạt: các trường hợp còn lại.",
        "Đợt đánh giá dùng bộ này: (chưa có)",
    ]
    assert sum(line.startswith("  TC") for line in lines) == 22


def test_criteria_show_picks_the_version(tmp_path):
    _criteria("load", str(write(tmp_path)))
    text = changed("version: 1\n", "version: 2\n")
    text = changed("        threshold: 90\n", "        threshold: 92.5\n", text)
    _criteria("load", str(write(tmp_path, text)))

    latest = _criteria("show", "thu")
    first = _criteria("show", "thu", "--version", "1")

    assert "Mã thu, phiên bản 2 (các phiên bản: 1, 2)\n" in latest
    assert "  T2     ≥ 92,5 %  Tỷ lệ\n" in latest
    assert "  T2     ≥ 90 %    Tỷ lệ\n" in first
    assert "  Đạt cơ bản: ít nhất 2/3 tiêu chí và mọi tiêu chí bắt buộc (T1).\n" in first


def test_criteria_show_of_an_unknown_set_or_version_names_the_known_ones(tmp_path):
    _criteria("load", str(write(tmp_path)))

    with pytest.raises(CommandError, match=r"^Không có bộ tiêu chí khac \(đã có: thu\)$"):
        _criteria("show", "khac")
    with pytest.raises(CommandError, match=r"^Bộ tiêu chí thu không có phiên bản 3 \(đã có: 1\)$"):
        _criteria("show", "thu", "--version", "3")
