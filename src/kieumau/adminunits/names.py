"""Matching keys for the names of administrative units across lists.

Lists from different offices and years write the same name differently: "Phường 01" or
"Phường 1", "Hòa" or "Hoà" (both tone placements are in use), "–" or "-", "’" or "'",
stray spaces, with or without the type word. ``normalise_name`` folds those differences
away and keeps the ones that make two names different (tones, letters).
"""

import re
import unicodedata

# Longest first, so that "Thị trấn" is not read as "Thị" + "trấn".
_TYPE_PREFIXES = (
    "thành phố",
    "thị trấn",
    "đặc khu",
    "thị xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)

# A tone mark on the "o" of "oa"/"oe" or the "u" of "uy" ("hòa", "khỏe", "thủy"): the same
# word as "hoà", "khoẻ", "thuỷ", spelt with the tone on the other vowel.
_OLD_TONE_PLACEMENT = re.compile(r"([òóỏõọ])([ae])|([ùúủũụ])(y)")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
# Hyphen, en dash, em dash, minus and friends, with whatever spacing around them.
_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_APOSTROPHE = re.compile(r"[\u2018\u2019\u02bc`´]")


def normalise_name(name: str) -> str:
    """Return the key under which two spellings of one unit's name compare equal.

    NFC, dashes and apostrophes unified, whitespace collapsed, casefolded, the leading type
    word dropped ("Phường Ba Đình" → "ba đình"), leading zeros of numbers dropped
    ("Phường 01" → "1"), and the tone of "oa", "oe", "uy" put on the second vowel, so "Hoà"
    and "Hòa" give one key while "Hoa" gives another.
    """
    text = _DASH.sub(" - ", unicodedata.normalize("NFC", name))
    text = _APOSTROPHE.sub("'", text)
    text = " ".join(text.split()).casefold()
    text = _strip_type_prefix(text)
    text = _LEADING_ZEROS.sub("", text)
    return _OLD_TONE_PLACEMENT.sub(_move_tone, text)


def _strip_type_prefix(text: str) -> str:
    for prefix in _TYPE_PREFIXES:
        if text.startswith(prefix + " "):
            return text[len(prefix) + 1 :]
    return text


def _move_tone(match: re.Match) -> str:
    """Move the tone from the first vowel of the pair to the second: "hòa" → "hoà"."""
    first, second = match.group(1, 2) if match.group(1) else match.group(3, 4)
    base, tone = unicodedata.normalize("NFD", first)
    return base + unicodedata.normalize("NFC", second + tone)
