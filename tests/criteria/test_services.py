from datetime import date
from decimal import Decimal

import pytest

from kieumau.adminunits.errors import ImportRejected
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.services import criteria_set_load, default_criteria_set_load
from kieumau.programme.models import QuotaRule, Round
from tests.criteria.files import SMALL, changed, write

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(CriteriaSet.objects.order_by("id").values()),
        list(CriterionGroup.objects.order_by("id").values()),
        list(Criterion.objects.order_by("id").values()),
    )


def _round_using(criteria_set, admin_map, year=2026):
    return Round.objects.create(
        year=year,
        name=f"Năm {year}",
        admin_map=admin_map,
        criteria_set=criteria_set,
        quota_rule=QuotaRule.SHARE_OF_WARDS,
        self_assessment_deadline=date(year, 9, 30),
        review_deadline=date(year, 10, 31),
        recognition_deadline=date(year, 12, 15),
    )


def _criteria(code="thu", version=1):
    return list(
        Criterion.objects.filter(criteria_set__code=code, criteria_set__version=version)
        .order_by("position")
        .values_list("group__code", "position", "code", "kind", "comparator", "threshold")
    )


def test_criteria_set_load_creates_the_set_its_groups_and_criteria(tmp_path):
    report = criteria_set_load(path=write(tmp_path))

    criteria_set = CriteriaSet.objects.get(code="thu", version=1)
    assert report.outcome == "created"
    assert report.lines() == ["Bộ tiêu chí thu phiên bản 1: đã tạo (1 nhóm, 3 tiêu chí)."]
    assert (criteria_set.name, criteria_set.basic_min_met, len(criteria_set.source_sha256)) == (
        "Bộ thử",
        2,
        64,
    )
    assert _criteria() == [
        ("A", 1, "T1", "bool", "", None),
        ("A", 2, "T2", "pct", ">=", Decimal("90.00")),
        ("A", 3, "T3", "num", "<=", Decimal("0.00")),
    ]


def test_criteria_set_load_numbers_criteria_across_groups(tmp_path):
    text = SMALL + (
        "  - code: B\n    title: Nhóm B\n    criteria:\n"
        "      - code: T4\n        title: Bốn\n        kind: bool\n"
    )

    criteria_set_load(path=write(tmp_path, text))

    assert [(g, p, c) for g, p, c, *_ in _criteria()] == [
        ("A", 1, "T1"),
        ("A", 2, "T2"),
        ("A", 3, "T3"),
        ("B", 4, "T4"),
    ]
    assert list(CriterionGroup.objects.values_list("code", "position")) == [("A", 1), ("B", 2)]


def test_criteria_set_load_twice_changes_nothing(tmp_path):
    path = write(tmp_path)
    criteria_set_load(path=path)
    before = _snapshot()

    report = criteria_set_load(path=path)

    assert report.outcome == "unchanged"
    assert not report.changed
    assert report.lines() == [
        "Bộ tiêu chí thu phiên bản 1: không có gì thay đổi (1 nhóm, 3 tiêu chí)."
    ]
    assert _snapshot() == before


def test_criteria_set_load_replaces_the_criteria_of_an_unused_set(tmp_path):
    criteria_set_load(path=write(tmp_path))
    text = changed("        threshold: 90\n", "        threshold: 95.5\n")
    text = changed("      - code: T3\n", "      - code: T3b\n", text)

    report = criteria_set_load(path=write(tmp_path, text))

    assert report.outcome == "replaced"
    assert report.lines() == [
        "Bộ tiêu chí thu phiên bản 1: đã thay nhóm và tiêu chí (1 nhóm, 3 tiêu chí)."
    ]
    assert _criteria() == [
        ("A", 1, "T1", "bool", "", None),
        ("A", 2, "T2", "pct", ">=", Decimal("95.50")),
        ("A", 3, "T3b", "num", "<=", Decimal("0.00")),
    ]
    assert CriteriaSet.objects.count() == 1


def test_criteria_set_load_replaces_an_unused_set_whose_rule_changed(tmp_path):
    criteria_set_load(path=write(tmp_path))

    report = criteria_set_load(
        path=write(tmp_path, changed("basic_min_met: 2", "basic_min_met: 3"))
    )

    assert report.outcome == "replaced"
    assert CriteriaSet.objects.get().basic_min_met == 3


def test_criteria_set_load_refuses_to_change_a_set_a_round_uses(tmp_path, maps):
    criteria_set = criteria_set_load(path=write(tmp_path)).criteria_set
    _round_using(criteria_set, maps["2025-07"])
    before = _snapshot()
    path = write(tmp_path, changed("        threshold: 90\n", "        threshold: 80\n"))

    with pytest.raises(ImportRejected) as excinfo:
        criteria_set_load(path=path)

    assert str(excinfo.value) == (
        "tệp: bộ tiêu chí thu phiên bản 1 đang được dùng cho đợt «Năm 2026», không thể thay "
        "tiêu chí hay quy tắc đánh giá của nó; hãy nạp tệp này thành phiên bản mới (version: 2)"
    )
    assert _snapshot() == before


def test_criteria_set_load_refuses_a_changed_rule_of_a_used_set(tmp_path, maps):
    criteria_set = criteria_set_load(path=write(tmp_path)).criteria_set
    _round_using(criteria_set, maps["2023-05"], year=2024)
    _round_using(criteria_set, maps["2025-07"], year=2026)
    before = _snapshot()

    with pytest.raises(ImportRejected, match=r"đợt «Năm 2024», «Năm 2026»"):
        criteria_set_load(path=write(tmp_path, changed("basic_min_met: 2", "basic_min_met: 3")))

    assert _snapshot() == before


def test_criteria_set_load_takes_the_new_version_beside_the_used_one(tmp_path, maps):
    first = criteria_set_load(path=write(tmp_path)).criteria_set
    used_by = _round_using(first, maps["2025-07"])
    text = changed("version: 1\n", "version: 2\n")
    text = changed("        threshold: 90\n", "        threshold: 80\n", text)

    report = criteria_set_load(path=write(tmp_path, text))

    assert report.outcome == "created"
    assert _criteria(version=1)[1][-1] == Decimal("90.00")
    assert _criteria(version=2)[1][-1] == Decimal("80.00")
    used_by.refresh_from_db()
    assert used_by.criteria_set == first


def test_criteria_set_load_updates_the_name_of_a_used_set(tmp_path, maps):
    criteria_set = criteria_set_load(path=write(tmp_path)).criteria_set
    _round_using(criteria_set, maps["2025-07"])
    criteria_before = _snapshot()[2]
    text = changed("name: Bộ thử\n", "name: Bộ thử (sửa)\nis_template: true\n")

    report = criteria_set_load(path=write(tmp_path, text))

    criteria_set.refresh_from_db()
    assert report.outcome == "renamed"
    assert (criteria_set.name, criteria_set.is_template) == ("Bộ thử (sửa)", True)
    assert _snapshot()[2] == criteria_before


def test_criteria_set_load_of_a_bad_file_changes_nothing(tmp_path):
    criteria_set_load(path=write(tmp_path))
    before = _snapshot()
    text = changed("        threshold: 90\n", "        threshold: 900\n")
    text = changed("version: 1\n", "version: 2\n", text)

    with pytest.raises(ImportRejected, match="tỷ lệ phải trong 0–100"):
        criteria_set_load(path=write(tmp_path, text))

    assert _snapshot() == before


def test_default_criteria_set_load_creates_the_template_once():
    first = default_criteria_set_load()
    second = default_criteria_set_load()

    criteria_set = CriteriaSet.objects.get()
    assert first.lines() == [
        "Bộ tiêu chí mau-22-tieu-chi phiên bản 1: đã tạo (5 nhóm, 22 tiêu chí, bộ mẫu)."
    ]
    assert second.outcome == "unchanged"
    assert (criteria_set.code, criteria_set.version, criteria_set.is_template) == (
        "mau-22-tieu-chi",
        1,
        True,
    )
    assert criteria_set.criteria.count() == 22
    assert criteria_set.groups.count() == 5
    assert list(criteria_set.criteria.filter(mandatory=True).values_list("code", flat=True)) == [
        "TC04",
        "TC07",
        "TC19",
    ]
