import unicodedata

import pytest

from kieumau.adminunits.names import normalise_name


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Phường Ba Đình", "ba đình"),
        ("Xã Đông Anh", "đông anh"),
        ("Thị trấn Đông Anh", "đông anh"),
        ("Đặc khu Côn Đảo", "côn đảo"),
        ("Quận Ba Đình", "ba đình"),
        ("Huyện Gia Lâm", "gia lâm"),
        ("Thị xã Sơn Tây", "sơn tây"),
        ("Thành phố Thủ Đức", "thủ đức"),
        ("Tỉnh Long An", "long an"),
    ],
)
def test_normalise_name_drops_the_type_word(name, key):
    assert normalise_name(name) == key


def test_normalise_name_of_a_bare_name_only_folds_case():
    assert normalise_name("Ba Đình") == "ba đình"


def test_normalise_name_drops_only_the_first_type_word():
    assert normalise_name("Phường Phường Đúc") == "phường đúc"


def test_normalise_name_collapses_whitespace_and_case():
    assert normalise_name("  PHƯỜNG   Ba\nĐình ") == "ba đình"


def test_normalise_name_composes_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Phường Đội Cấn")

    assert normalise_name(decomposed) == normalise_name("Phường Đội Cấn") == "đội cấn"


def test_normalise_name_drops_leading_zeros_of_numbers():
    assert normalise_name("Phường 01") == normalise_name("Phường 1") == "1"
    assert normalise_name("Phường 10") == "10"
    assert normalise_name("Xã Hòa Tú 02") == normalise_name("Xã Hòa Tú 2")


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("Xã Hoà Bình", "Xã Hòa Bình"),
        ("Xã Thanh Thuỷ", "Xã Thanh Thủy"),
        ("Xã Chiêm Hoá", "Xã Chiêm Hóa"),
        ("Phường Khoẻ", "Phường Khỏe"),
    ],
)
def test_normalise_name_ignores_where_the_tone_mark_sits(old_style, new_style):
    assert normalise_name(old_style) == normalise_name(new_style)


def test_normalise_name_puts_the_tone_on_the_second_vowel_of_oa_oe_uy():
    assert normalise_name("Xã Hòa Bình") == "hoà bình"
    assert normalise_name("Xã Thủy Xuân") == "thuỷ xuân"
    assert normalise_name("Phường Hoàng Mai") == "hoàng mai"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Xã Hòa Bình", "Xã Hoa Bình"),
        ("Xã Đắk Hà", "Xã Đăk Hà"),
        ("Xã Quý Quân", "Xã Quí Quân"),
        ("Xã Thạnh An", "Xã Thanh An"),
    ],
)
def test_normalise_name_keeps_tones_and_letters(one, other):
    assert normalise_name(one) != normalise_name(other)


def test_normalise_name_unifies_dashes_and_apostrophes():
    assert normalise_name("Xã Chân Mây – Lăng Cô") == normalise_name("Xã Chân Mây-Lăng Cô")
    assert normalise_name("Xã Ea H’leo") == normalise_name("Xã Ea H'Leo") == "ea h'leo"
