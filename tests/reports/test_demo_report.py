"""The national 2023 report, written from the demo records, states the ministry's published
figures in every format: Markdown, Word, PDF and Excel."""

import io
import random
from datetime import date

import openpyxl

from kieumau.accounts.demo import demo_accounts_ensure, demo_user
from kieumau.accounts.models import Role
from kieumau.demo import SEED
from kieumau.demo.round2023 import round_2023_create
from kieumau.programme.services import targets_ensure_defaults
from kieumau.reports.narrative import national_report
from kieumau.reports.renderers import renderer as renderer_for

from .renderers.conftest import printed_text

STATEMENTS = [
    "Cấp ủy của 55/63 tỉnh, thành phố đã ban hành nghị quyết, chỉ thị, kết luận",
    "8 tỉnh, thành phố khác ban hành chương trình, công văn, kế hoạch",
    "Ủy ban nhân dân 29/63 tỉnh, thành phố ban hành đề án",
    "63/63 Công an tỉnh, thành phố có đơn vị đăng ký đã bố trí đủ biên chế",
    "Chỉ tiêu 106 đơn vị; đã đăng ký 172 đơn vị",
    "vượt 66 đơn vị so với chỉ tiêu",
    "144/172 (83,7%) đơn vị đạt từ 20/22 tiêu chí trở lên",
]
EXEMPLARY = [
    "Nhật Tân", "Phú Thượng", "Dịch Vọng Hậu", "Xuân An", "Tam Hiệp", "Bửu Long", "Minh Tân",
    "Lộc Hòa", "Thống Nhất", "Suối Hoa", "Trường Thi", "Hà Huy Tập", "Quang Tiến", "Long Sơn",
]  # fmt: skip


def _demo_2023():
    demo_accounts_ensure()
    targets_ensure_defaults()
    return round_2023_create(
        ministry=demo_user(Role.MINISTRY),
        rng=random.Random(SEED + 2023),
        progress=lambda done, total: None,
    )


def test_the_national_2023_report_states_the_published_figures_in_every_format(maps, tmp_path):
    report = national_report(_demo_2023(), issued_on=date(2024, 2, 5))

    for fmt in ("md", "docx", "pdf"):
        text = printed_text(report, fmt, tmp_path)
        for statement in STATEMENTS:
            assert statement in text, (fmt, statement)
        for name in EXEMPLARY:
            assert f"Phường {name}" in text, (fmt, name)
        assert "Hoà Hiếu" in text or "Hòa Hiếu" in text, fmt

    workbook = openpyxl.load_workbook(io.BytesIO(renderer_for("xlsx").render(report)))
    provinces = workbook["Theo tỉnh"]
    rows = [row for row in provinces.iter_rows(values_only=True) if row and row[0]]
    header = next(row for row in rows if "Chỉ tiêu" in row)
    total = rows[-1]
    assert sum(1 for row in rows[rows.index(header) + 1 : -1]) == 63
    assert total[header.index("Chỉ tiêu")] == 106
    assert total[header.index("Đăng ký")] == 172
    units = workbook["Đơn vị"]
    assert units.max_row - units.min_row >= 172
