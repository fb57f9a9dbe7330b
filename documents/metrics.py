"""Widths of Times New Roman text, so the builder, the renderer and the checker agree on the layout.

Advance widths (1/1000 em) of Times New Roman Bold (the Adobe Times-Bold metrics, which Liberation Serif
shares); a letter with marks takes its base letter's width ("Ổ" as "O", "Đ" as "D"). Regular text is a
little narrower, so these widths are a safe upper bound for it too. Unknown characters count as "M".
"""

import unicodedata

_UPPER = "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667"
_LOWER = "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444"
_BOLD = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, _UPPER.split()), strict=True))
_BOLD |= dict(zip("abcdefghijklmnopqrstuvwxyz", map(int, _LOWER.split()), strict=True))
_BOLD |= {" ": 250, "-": 333, "–": 500, ",": 250, ".": 250, ":": 333, ";": 333, "/": 278, "(": 333, ")": 333}
_BOLD |= dict.fromkeys("0123456789", 500)
_BOLD |= {"Đ": 722, "đ": 556}
_WIDEST = 944
# Word's default left and right cell margin (0.19 cm), in points.
CELL_MARGIN_PT = 108 / 20


def text_width_pt(text: str, size: float) -> float:
    """The width of a line of bold Times New Roman at `size` points, in points (an upper bound for regular)."""
    total = 0
    for char in text:
        width = _BOLD.get(char)
        if width is None:
            width = _BOLD.get(unicodedata.normalize("NFD", char)[0], _WIDEST)
        total += width
    return total * size / 1000


def wrap(text: str, size: float, available_pt: float) -> list[str]:
    """The lines a word processor breaks `text` into in a column `available_pt` wide (greedy, at spaces)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width_pt(candidate, size) > available_pt:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def widest_line_pt(text: str, size: float, available_pt: float) -> float:
    """The width of the longest line of `text` wrapped in the column."""
    return max((text_width_pt(line, size) for line in wrap(text, size, available_pt)), default=0.0)
