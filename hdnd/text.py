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


def fold(value: str | None) -> str:
    """Lower case without diacritics, `đ` -> `d`, single spaces: the search key of a text."""
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
