"""Vietnamese names in lists: alphabetical order and searching without diacritics."""

import unicodedata

# Vietnamese alphabet order; other letters and digits sort after it, by code point.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks (not letter marks): huyền, sắc, hỏi, ngã, nặng, in the dictionary's order.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


def vietnamese_sort_key(name: str) -> tuple:
    """Order names as a Vietnamese dictionary does: đ is a letter after d ("Đà Nẵng" after
    every "D…" name, before "Gia Lai"), ă and â follow a; tones only break ties."""
    letters, tones = [], []
    for character in unicodedata.normalize("NFC", name).casefold():
        decomposed = unicodedata.normalize("NFD", character)
        tone = next((_TONES[mark] for mark in decomposed if mark in _TONES), 0)
        base = unicodedata.normalize(
            "NFC", "".join(mark for mark in decomposed if mark not in _TONES)
        )
        if base in _ORDER:
            letters.append(_ORDER[base])
        elif base.isalnum():
            letters.append(len(_ALPHABET) + ord(base[0]))
        else:  # spaces and dashes: a shorter word comes first ("Cà Mau" before "Cao Bằng")
            letters.append(-1)
        tones.append(tone)
    return (tuple(letters), tuple(tones))


def search_key(value: str) -> str:
    """``value`` folded for searching: no diacritics, đ as d, one space ("Đà Nẵng" → "da nang")."""
    decomposed = unicodedata.normalize("NFD", value.casefold().replace("đ", "d"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())
