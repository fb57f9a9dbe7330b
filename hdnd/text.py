"""Text at the boundary: Unicode NFC, stripped; folded copies for diacritics-insensitive search."""

import unicodedata


def clean(value: str | None) -> str:
    """Return `value` in NFC with surrounding and repeated inner whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def clean_multiline(value: str | None) -> str:
    """Like `clean`, but keeps line breaks (paragraphs of a body text)."""
    if value is None:
        return ""
    lines = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


class _WithoutMarks(dict):
    """A `str.translate` table dropping the combining marks (category Mn), built as characters are met:
    after the first texts every lookup is a dict hit in C, not a Python call per character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(value: str | None) -> str:
    """Lower case without diacritics, `đ` -> `d`, single spaces: the search key of a text."""
    text = clean(value).lower().replace("đ", "d")
    return unicodedata.normalize("NFD", text).translate(_WITHOUT_MARKS)
