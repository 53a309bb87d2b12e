"""The ``kieumau`` command: Django's management commands, with a bilingual overview."""

import os
import sys

# (command, Vietnamese, English) — the overview `kieumau --help` prints.
COMMANDS = [
    ("setup", "Nạp dữ liệu tham chiếu và tài khoản mẫu", "Load reference data and demo accounts"),
    ("maps list", "Liệt kê các danh mục hành chính", "List the administrative maps"),
    (
        "maps show MÃ",
        "Số đơn vị theo cấp và loại của một danh mục",
        "Unit counts by level and type",
    ),
    ("maps load TỆP", "Nạp danh mục xuất từ Tổng cục Thống kê", "Load a statistics office export"),
    (
        "maps trace MÃ",
        "Đơn vị tiền thân / kế thừa của một đơn vị",
        "A unit's predecessors/successors",
    ),
    ("maps succession TỆP", "Nạp bảng kế thừa cũ → mới", "Load an old → new succession table"),
    (
        "maps conversion TỆP",
        "Nạp bảng chuyển đổi xã 2025",
        "Load the 2025 commune conversion table",
    ),
    ("criteria load TỆP", "Nạp tệp bộ tiêu chí (YAML)", "Load a criteria set file (YAML)"),
    ("criteria list", "Liệt kê các bộ tiêu chí", "List the criteria sets"),
    (
        "criteria show MÃ",
        "Nhóm, tiêu chí và quy tắc đánh giá của một bộ",
        "A set's groups, criteria and verdict rule",
    ),
    (
        "rounds create",
        "Mở đợt đánh giá (năm, danh mục, bộ tiêu chí, quy tắc chỉ tiêu)",
        "Open a round",
    ),
    ("rounds list", "Liệt kê các đợt đánh giá", "List the programme rounds"),
    (
        "quotas show --round NĂM",
        "Chỉ tiêu, đã đăng ký, vượt chỉ tiêu theo tỉnh",
        "Quotas by province",
    ),
    ("quotas override", "Điều chỉnh chỉ tiêu của một tỉnh (kèm lý do)", "Override a quota"),
    ("registrations list", "Các phường đã đăng ký trong một đợt", "Registered wards of a round"),
    (
        "template LOẠI -o TỆP",
        "Biểu mẫu Excel của một tỉnh, điền sẵn số liệu (cũng là bản xuất)",
        "A province's xlsx template, filled in (also its export)",
    ),
    (
        "import LOẠI TỆP",
        "Nhập biểu mẫu Excel: kiểm tra hết rồi ghi tất cả hoặc không",
        "Import an xlsx workbook: all rows checked, then all or none",
    ),
    (
        "backup [--output THƯ_MỤC]",
        "Sao lưu CSDL và tệp đính kèm (kèm SHA-256)",
        "Back up the database and uploaded files",
    ),
    (
        "restore THƯ_MỤC [--yes] [--prune-media]",
        "Khôi phục từ bản sao lưu đã kiểm tra",
        "Restore from a checked backup",
    ),
    ("unlock TÊN | --address IP", "Mở khóa đăng nhập", "Lift a sign-in lockout"),
    (
        "bench [--scale S] [--no-load]",
        "Đo hiệu năng ở quy mô toàn quốc (PostgreSQL)",
        "Benchmark at national scale (PostgreSQL)",
    ),
    ("migrate", "Tạo / nâng cấp cơ sở dữ liệu", "Create or upgrade the database"),
    ("runserver", "Chạy máy chủ web (phát triển)", "Run the development web server"),
    ("createsuperuser", "Tạo tài khoản quản trị", "Create an administrator account"),
    ("check --deploy", "Kiểm tra cấu hình triển khai", "Check the production configuration"),
]


def overview() -> str:
    lines = [
        "Kiểu Mẫu — Hệ thống thông tin xây dựng Công an phường điển hình, kiểu mẫu",
        "Kiểu Mẫu — model ward police programme information system",
        "",
        "Cách dùng / Usage: kieumau LỆNH [tùy chọn]   kieumau LỆNH --help",
        "",
        "Lệnh / Commands:",
    ]
    width = max(len(name) for name, _, _ in COMMANDS)
    for name, vietnamese, english in COMMANDS:
        lines.append(f"  {name:<{width}}  {vietnamese}")
        lines.append(f"  {'':<{width}}  {english}")
    lines += ["", "Mọi lệnh của Django / all Django commands: kieumau help --commands"]
    return "\n".join(lines)


def run_django(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kieumau.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args or args in (["-h"], ["--help"], ["help"]):
        print(overview())
        return
    run_django(["kieumau", *args])
