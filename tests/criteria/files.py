"""Small criteria set files for the tests; line numbers below are those of SMALL."""

from pathlib import Path

# 3 criteria in one group; criterion T1 starts on line 10, T2 on 14, T3 on 19.
SMALL = """\
code: thu
version: 1
name: Bộ thử
verdict:
  basic_min_met: 2
groups:
  - code: A
    title: Nhóm A
    criteria:
      - code: T1
        title: Có kế hoạch
        kind: bool
        mandatory: true
      - code: T2
        title: Tỷ lệ
        kind: pct
        comparator: ">="
        threshold: 90
      - code: T3
        title: Số vụ
        kind: num
        comparator: "<="
        threshold: 0
"""


def write(tmp_path: Path, text: str = SMALL, name: str = "criteria.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str, text: str = SMALL) -> str:
    """``text`` with ``old`` replaced once; fails loudly when ``old`` is not there."""
    assert text.count(old) == 1, old
    return text.replace(old, new)
