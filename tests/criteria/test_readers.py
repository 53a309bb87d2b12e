import re
from decimal import Decimal
from pathlib import Path

import pytest

from kieumau.adminunits.errors import ImportRejected
from kieumau.criteria.readers import parse_criteria, read_criteria_file
from kieumau.criteria.services import DEFAULT_CRITERIA_FILE
from kieumau.criteria.types import Kind
from tests.criteria.files import SMALL, changed, write

DOCS = Path(__file__).resolve().parents[2] / "docs" / "criteria-format.md"


def _problems(text: str) -> list[str]:
    with pytest.raises(ImportRejected) as excinfo:
        parse_criteria(text)
    return [str(error) for error in excinfo.value.errors]


def test_default_file_has_22_criteria_in_5_groups_3_mandatory():
    default = read_criteria_file(DEFAULT_CRITERIA_FILE)

    assert (default.code, default.version, default.is_template) == ("mau-22-tieu-chi", 1, True)
    assert default.basic_min_met == 20
    assert [group.code for group in default.groups] == ["A", "B", "C", "D", "E"]
    assert [c.code for c in default.criteria] == [f"TC{n:02}" for n in range(1, 23)]
    assert [c.code for c in default.criteria if c.mandatory] == ["TC04", "TC07", "TC19"]
    assert [c.kind for c in default.criteria].count(Kind.BOOL) == 11
    assert [c.code for c in default.criteria if c.kind == Kind.NUM] == ["TC05"]
    assert all(c.title and c.title_en and c.guidance and c.evidence for c in default.criteria)
    assert len(default.sha256) == 64


def test_default_file_keeps_the_reference_thresholds_and_titles():
    criteria = {c.code: c for c in read_criteria_file(DEFAULT_CRITERIA_FILE).criteria}

    assert (criteria["TC02"].comparator, criteria["TC02"].threshold) == (">=", Decimal(90))
    assert (criteria["TC05"].comparator, criteria["TC05"].threshold) == ("<=", Decimal(0))
    assert criteria["TC05"].unit == "%"
    assert (criteria["TC11"].comparator, criteria["TC11"].threshold) == ("=", Decimal(100))
    assert (criteria["TC22"].comparator, criteria["TC22"].threshold) == (">=", Decimal(100))
    assert (criteria["TC04"].comparator, criteria["TC04"].threshold) == ("", None)
    assert criteria["TC14"].title == 'Dữ liệu dân cư bảo đảm "đúng, đủ, sạch, sống"'
    assert criteria["TC21"].evidence == "hình ảnh, quyết định"


def test_small_file_reads_every_field(tmp_path):
    small = read_criteria_file(write(tmp_path))

    assert (small.code, small.version, small.name, small.is_template) == ("thu", 1, "Bộ thử", False)
    assert (small.description, small.basic_min_met) == ("", 2)
    t1, t2, t3 = small.criteria
    assert (t1.kind, t1.comparator, t1.threshold, t1.mandatory, t1.unit) == (
        Kind.BOOL,
        "",
        None,
        True,
        "",
    )
    assert (t2.kind, t2.comparator, t2.threshold, t2.unit) == (Kind.PCT, ">=", Decimal(90), "%")
    assert (t3.kind, t3.comparator, t3.threshold, t3.unit) == (Kind.NUM, "<=", Decimal(0), "")


def test_docs_example_is_a_valid_file():
    example = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)[1]

    parsed = parse_criteria(example)

    assert [c.code for c in parsed.criteria] == ["TC01", "TC02", "TC03"]
    assert parsed.criteria[2].unit == "%"


def test_text_fields_keep_the_literal_text_of_numbers_and_a_bare_equals_sign():
    text = changed('        comparator: "<="\n', "        comparator: =\n")
    text = changed("  - code: A\n", "  - code: 01\n", text)

    parsed = parse_criteria(text)

    assert parsed.groups[0].code == "01"
    assert parsed.criteria[2].comparator == "="


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "        title: Tỷ lệ\n",
            "        titel: Tỷ lệ\n",
            [
                "dòng 14, cột «groups[1].criteria[2].title»: thiếu khóa «title»",
                "dòng 15, cột «groups[1].criteria[2].titel»: khóa không hợp lệ «titel» "
                "(có phải «title»?)",
            ],
        ),
        ("name: Bộ thử\n", "# không tên\n", ["dòng 1, cột «name»: thiếu khóa «name»"]),
        (
            "        mandatory: true\n",
            "        kind: pct\n",
            ["dòng 13, cột «groups[1].criteria[1].kind»: khóa lặp lại (đã có ở dòng 12)"],
        ),
        ("version: 1\n", "version: một\n", ["dòng 2, cột «version»: phải là số nguyên"]),
        ("version: 1\n", "version: 1.0\n", ["dòng 2, cột «version»: phải là số nguyên"]),
        ("version: 1\n", "version: 0\n", ["dòng 2, cột «version»: phải ≥ 1"]),
        (
            "version: 1\n",
            "version: 2147483648\n",
            ["dòng 2, cột «version»: quá lớn (tối đa 2147483647)"],
        ),
        (
            "code: thu\n",
            "code: thử nghiệm\n",
            [
                "dòng 1, cột «code»: mã «thử nghiệm» chỉ được gồm chữ không dấu, số, - và _, "
                "tối đa 50 ký tự"
            ],
        ),
        ("name: Bộ thử\n", 'name: ""\n', ["dòng 3, cột «name»: không được để trống"]),
        (
            "        mandatory: true\n",
            "        mandatory: có\n",
            ["dòng 13, cột «groups[1].criteria[1].mandatory»: phải là true hoặc false"],
        ),
        (
            "        threshold: 90\n",
            '        threshold: "90"\n',
            [
                "dòng 18, cột «groups[1].criteria[2].threshold»: phải là một số "
                "(không đặt trong dấu ngoặc kép)"
            ],
        ),
        (
            "        threshold: 90\n",
            "        threshold: 90.125\n",
            [
                "dòng 18, cột «groups[1].criteria[2].threshold»: tối đa 2 chữ số sau dấu thập "
                "phân và 10 chữ số trước"
            ],
        ),
        (
            "        threshold: 90\n",
            "        threshold: 100.5\n",
            ["dòng 18, cột «groups[1].criteria[2].threshold»: tỷ lệ phải trong 0–100"],
        ),
        (
            "        threshold: 90\n",
            "        threshold: -1\n",
            ["dòng 18, cột «groups[1].criteria[2].threshold»: tỷ lệ phải trong 0–100"],
        ),
        (
            "        kind: num\n",
            "        kind: number\n",
            ["dòng 21, cột «groups[1].criteria[3].kind»: phải là một trong «bool», «pct», «num»"],
        ),
        (
            '        comparator: ">="\n',
            '        comparator: "=>"\n',
            [
                "dòng 17, cột «groups[1].criteria[2].comparator»: phải là một trong "
                "«>=», «>», «<=», «<», «=»"
            ],
        ),
        (
            '        comparator: ">="\n',
            "        # so sánh?\n",
            [
                "dòng 14, cột «groups[1].criteria[2].comparator»: thiếu khóa «comparator» "
                "(bắt buộc với pct)"
            ],
        ),
        (
            "        mandatory: true\n",
            "        threshold: 1\n",
            [
                "dòng 13, cột «groups[1].criteria[1].threshold»: tiêu chí có/không (bool) "
                "không có «threshold»"
            ],
        ),
        (
            "      - code: T3\n",
            "      - code: T1\n",
            ["dòng 19, cột «groups[1].criteria[3].code»: mã tiêu chí «T1» trùng với dòng 10"],
        ),
        (
            "  basic_min_met: 2\n",
            "  basic_min_met: 4\n",
            ["dòng 5, cột «verdict.basic_min_met»: 4 vượt quá số tiêu chí của bộ (3)"],
        ),
        (
            "        title: Số vụ\n",
            "        title: [Số vụ]\n",
            ["dòng 20, cột «groups[1].criteria[3].title»: phải là văn bản"],
        ),
    ],
    ids=[
        "unknown-key",
        "missing-key",
        "repeated-key",
        "version-not-integer",
        "version-float",
        "version-zero",
        "version-too-large",
        "set-code-not-slug",
        "empty-name",
        "mandatory-not-bool",
        "threshold-quoted",
        "threshold-3-decimals",
        "pct-above-100",
        "pct-below-0",
        "bad-kind",
        "bad-comparator",
        "pct-without-comparator",
        "bool-with-threshold",
        "duplicate-criterion-code",
        "basic-min-met-above-count",
        "title-not-text",
    ],
)
def test_parse_criteria_reports_the_problem_with_line_and_field(old, new, expected):
    assert sorted(_problems(changed(old, new))) == sorted(expected)


def test_parse_criteria_reports_groups_that_are_not_a_list():
    text = SMALL.split("groups:")[0] + "groups: không\n"

    assert _problems(text) == [
        "dòng 5, cột «verdict.basic_min_met»: 2 vượt quá số tiêu chí của bộ (0)",
        "dòng 6, cột «groups»: phải là một danh sách (mỗi mục bắt đầu bằng «- »)",
    ]


def test_parse_criteria_reports_a_duplicate_group_code_and_an_empty_group():
    text = SMALL + "  - code: A\n    title: Nhóm trùng\n    criteria: []\n"

    assert _problems(text) == [
        "dòng 24, cột «groups[2].code»: mã nhóm «A» trùng với dòng 7",
        "dòng 26, cột «groups[2].criteria»: danh sách rỗng",
    ]


def test_parse_criteria_lists_every_problem_in_line_order():
    text = changed("version: 1\n", "version: 0\n")
    text = changed("        kind: num\n", "        kind: x\n", text)
    text = changed("name: Bộ thử\n", "nam: Bộ thử\n", text)

    assert _problems(text) == [
        "dòng 1, cột «name»: thiếu khóa «name»",
        "dòng 2, cột «version»: phải ≥ 1",
        "dòng 3, cột «nam»: khóa không hợp lệ «nam» (có phải «name»?)",
        "dòng 21, cột «groups[1].criteria[3].kind»: phải là một trong «bool», «pct», «num»",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '        comparator: ">="\n',
            "        comparator: >=\n",
            "dòng 17: sai cú pháp YAML: expected chomping or indentation indicators, but found "
            "'=' — giá trị bắt đầu bằng > hoặc | phải đặt trong dấu ngoặc kép, ví dụ \">=\"",
        ),
        (
            "        title: Số vụ\n",
            "        title: [Số vụ\n",
            "dòng 21: sai cú pháp YAML: while parsing a flow sequence (dòng 20): expected ',' or "
            "']', but got ':'",
        ),
        (
            "    title: Nhóm A\n",
            "    title: Nhóm A\n   x: 1\n",
            "dòng 9: sai cú pháp YAML: while parsing a block collection (dòng 7): expected "
            "<block end>, but found '<block mapping start>'",
        ),
        (
            "version: 1\n",
            "\tversion: 1\n",
            "dòng 2: sai cú pháp YAML: found character '\\t' that cannot start any token",
        ),
    ],
    ids=["unquoted-comparator", "unclosed-bracket", "bad-indentation", "tab"],
)
def test_parse_criteria_reports_a_yaml_syntax_error_with_its_line(old, new, expected):
    assert _problems(changed(old, new)) == [expected]


def test_parse_criteria_never_runs_python_tags():
    text = changed(
        "        threshold: 0\n", '        threshold: !!python/object/apply:os.system ["exit 3"]\n'
    )

    assert _problems(text) == [
        "dòng 23, cột «groups[1].criteria[3].threshold»: phải là một số "
        "(không đặt trong dấu ngoặc kép)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "tệp: không có nội dung"),
        ("# chỉ có chú thích\n", "tệp: không có nội dung"),
        ("- code: thu\n", "dòng 1: phải là các cặp «khóa: giá trị»"),
        (
            SMALL + "---\ncode: khac\n",
            "dòng 24: sai cú pháp YAML: expected a single document in the stream (dòng 1): "
            "but found another document",
        ),
    ],
    ids=["empty", "only-comments", "a-list", "two-documents"],
)
def test_parse_criteria_rejects_a_file_without_one_mapping(text, expected):
    assert _problems(text) == [expected]


def test_read_criteria_file_rejects_a_legacy_encoding_with_the_line(tmp_path):
    path = tmp_path / "criteria.yaml"
    path.write_bytes("code: thu\nversion: 1\nname: Đà Nẵng\n".encode("cp1258", errors="replace"))

    with pytest.raises(ImportRejected) as excinfo:
        read_criteria_file(path)

    assert [str(error) for error in excinfo.value.errors] == ["dòng 3: tệp không phải mã UTF-8"]
