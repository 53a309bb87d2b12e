from kieumau.reports.text import search_key, vietnamese_sort_key


def test_names_sort_in_vietnamese_dictionary_order():
    names = [
        "Đà Nẵng",
        "Gia Lai",
        "Điện Biên",
        "Cao Bằng",
        "Cà Mau",
        "Cần Thơ",
        "Bắc Ninh",
        "Bạc Liêu",
        "An Giang",
        "Hải Phòng",
        "Hà Nội",
        "Huế",
        "Hưng Yên",
        "Hồ Chí Minh",
    ]

    assert sorted(names, key=vietnamese_sort_key) == [
        "An Giang",
        "Bạc Liêu",
        "Bắc Ninh",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Điện Biên",
        "Gia Lai",
        "Hà Nội",
        "Hải Phòng",
        "Hồ Chí Minh",
        "Huế",
        "Hưng Yên",
    ]


def test_search_key_drops_diacritics_case_and_extra_spaces():
    assert search_key("  Thành phố  Đà Nẵng ") == "thanh pho da nang"
    assert search_key("NGHỆ AN") == "nghe an"
