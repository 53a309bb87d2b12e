"""Small GSO-format files for tests."""

import csv
from pathlib import Path

from kieumau.adminunits.readers.gso import COLUMNS

HEADER = list(COLUMNS.values())

ROWS = [
    ["Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Phường", ""],
    ["Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Trúc Bạch", "00004", "Phường", ""],
    ["Thành phố Hà Nội", "01", "Huyện Sóc Sơn", "016", "Thị trấn Sóc Sơn", "00376", "Thị trấn", ""],
    ["Thành phố Hà Nội", "01", "Huyện Sóc Sơn", "016", "Xã Bắc Sơn", "00379", "Xã", ""],
    ["Tỉnh Nghệ An", "40", "Thành phố Vinh", "412", "Phường Trường Thi", "16681", "Phường", ""],
    ["Tỉnh Nghệ An", "40", "Thị xã Cửa Lò", "413", "Phường Nghi Thu", "16933", "Phường", ""],
]


def write_csv(path: Path, rows=ROWS, header=HEADER, encoding="utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows=ROWS, header=HEADER) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"])  # the website's title row
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
