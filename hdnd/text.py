"""Text at the boundary: Unicode NFC, stripped; folded copies for diacritics-insensitive search."""

import re
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


# Words that begin a name and keep their capital inside a sentence (seed 000: "Ban Pháp chế", "Tòa án
# nhân dân thị xã"), and documents' titles, which keep it after a preposition (seed 001: "về Kế hoạch
# công tác của HĐND thị xã"; seed 000: "các Quyết định của UBND thị xã") but not after "để", where the
# same words are verbs ("để báo cáo", "để thông báo").
_NAMES = frozenset(
    [
        "Ủy",
        "Uỷ",
        "Hội",
        "Ban",
        "Thường",
        "Tổ",
        "Văn",
        "Sở",
        "Phòng",
        "Tòa",
        "Toà",
        "Viện",
        "Đảng",
        "Nhà",
        "Chính",
        "Quốc",
        "Luật",
        "Bộ",
        "Trung",
        "Mặt",
        "Hiến",
        "Tỉnh",
        "Thị",
        "Huyện",
        "Xã",
        "Phường",
        "Đoàn",
    ]
)
_TITLES = frozenset(
    [
        "Thông báo",
        "Công văn",
        "Chỉ thị",
        "Đề án",
        "Báo cáo",
        "Tờ trình",
        "Kế hoạch",
        "Chương trình",
        "Quyết định",
        "Nghị quyết",
        "Nghị định",
        "Quy chế",
        "Quy định",
        "Hướng dẫn",
        "Kết luận",
    ]
)
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+")


def splice(lead: str, text: str) -> str:
    """`text` as it reads after `lead` in a composed sentence: "để" + "Cho ý kiến …" gives "cho ý kiến …";
    "cho ý kiến về" + "Về phương án …" drops the repeated "Về". Names, acronyms and documents' titles keep
    their capitals ("về Kế hoạch công tác", "của UBND thị xã"). Returns `text` only, without `lead`."""
    text = clean(text)
    words = text.split(" ")
    last = clean(lead).split(" ")[-1].lower() if clean(lead) else ""
    if last and words and words[0].lower() == last and len(words) > 1:
        words = words[1:]
    if not words or not words[0]:
        return ""
    first = words[0]
    acronym = len(first) > 1 and first.isupper()
    name = len(words) > 1 and first[:1].isupper() and words[1][:1].isupper()
    title = " ".join(words[:2]) in _TITLES and last != "để"
    if not (acronym or name or title or first in _NAMES):
        words[0] = first[:1].lower() + first[1:]
    return " ".join(words)


def joined(lead: str, text: str) -> str:
    """`lead` followed by `text` spliced into it (see `splice`): joined("cho ý kiến về", "Về phương án")."""
    rest = splice(lead, text)
    return f"{clean(lead)} {rest}".strip()


def without_numbering(text: str) -> str:
    """A title without the number its user typed ("1. Đánh giá …" gives "Đánh giá …"), for a composition
    that numbers its sections itself and would print "1. 1. …"."""
    return _NUMBERING.sub("", clean(text), count=1)
