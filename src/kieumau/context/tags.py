"""Tags of good practices: one spelling per tag, so "Chuyển đổi số" and " chuyển  đổi số" match."""

import unicodedata
from collections.abc import Iterable

TAG_MAX_LENGTH = 50
TAGS_PER_PRACTICE_MAX = 20


def tag_normalise(text: str) -> str:
    """Trimmed, inner spaces collapsed, NFC (macOS sends decomposed accents), lower case."""
    return unicodedata.normalize("NFC", " ".join(text.split())).lower()


def tags_normalise(tags: Iterable[str] | str) -> list[str]:
    """Normalised tags, no blanks or repeats, in the given order; a string is split at commas."""
    if isinstance(tags, str):
        tags = tags.split(",")
    return list(dict.fromkeys(tag for tag in map(tag_normalise, tags) if tag))
