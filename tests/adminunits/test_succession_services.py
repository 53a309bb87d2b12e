import pytest

from kieumau.adminunits.errors import ImportRejected
from kieumau.adminunits.models import Succession
from kieumau.adminunits.services.succession import succession_link_by_code, succession_load_table
from kieumau.adminunits.types import Level

Kind = Succession.Kind


def _links(maps, old="2023-05", new="2025-01", level=Level.COMMUNE):
    return Succession.objects.filter(
        predecessor__admin_map=maps[old], predecessor__level=level, successor_map=maps[new]
    )


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mapping_file_replaces_the_links_by_code(maps, tmp_path):
    # Two 2023 communes of Hà Nội whose codes vanished by 2025-01, and one kept.
    vanished = list(
        _links(maps)
        .filter(kind=Kind.UNKNOWN, predecessor__province__code="01")
        .values_list("predecessor__code", flat=True)[:2]
    )
    path = _write(
        tmp_path / "map.csv",
        f"old_code,new_code,kind,note\n{vanished[0]},00004,part,\n{vanished[1]},00004,,nhập\n00001,00001,,\n",
    )

    report = succession_load_table(
        old_map=maps["2023-05"], new_map=maps["2025-01"], level=Level.COMMUNE, path=path
    )

    links = _links(maps)
    assert report.changed
    assert links.count() == 3
    assert links.get(predecessor__code=vanished[0]).kind == Kind.PART
    assert links.get(predecessor__code=vanished[1]).kind == Kind.WHOLE
    assert links.get(predecessor__code="00001").kind == Kind.UNCHANGED
    assert links.get(predecessor__code=vanished[1]).note == "nhập"


def test_a_mapping_file_with_bad_rows_is_rejected_whole(maps, tmp_path):
    path = _write(
        tmp_path / "map.csv",
        "old_code,new_code,kind\n00001,00001,\n99998,00001,\n00004,99999,\n00007,00007,merged\n00001,00001,\n",
    )
    before = list(_links(maps).values_list("id", flat=True))

    with pytest.raises(ImportRejected) as excinfo:
        succession_load_table(
            old_map=maps["2023-05"], new_map=maps["2025-01"], level=Level.COMMUNE, path=path
        )

    assert [(error.row, error.column) for error in excinfo.value.errors] == [
        (3, "old_code"),
        (4, "new_code"),
        (5, "kind"),
        (6, ""),
    ]
    assert list(_links(maps).values_list("id", flat=True)) == before


def test_a_mapping_file_without_the_code_columns_is_rejected(maps, tmp_path):
    path = _write(tmp_path / "map.csv", "old,new\n00001,00001\n")

    with pytest.raises(ImportRejected, match="thiếu cột old_code, new_code"):
        succession_load_table(
            old_map=maps["2023-05"], new_map=maps["2025-01"], level=Level.COMMUNE, path=path
        )


def test_linking_by_code_again_changes_nothing(maps):
    before = sorted(_links(maps).values_list("id", flat=True))

    reports = succession_link_by_code(old_map=maps["2023-05"], new_map=maps["2025-01"])

    assert [report.changed for report in reports] == [False, False, False]
    assert sorted(_links(maps).values_list("id", flat=True)) == before


def test_units_without_a_successor_code_are_merged_with_successor_unknown(maps):
    unknown = _links(maps).filter(kind=Kind.UNKNOWN)

    assert unknown.count() == 559
    assert not unknown.exclude(successor=None).exists()
    assert str(unknown.first()).endswith("→ ? (đã sáp nhập, chưa rõ đơn vị kế thừa)")
