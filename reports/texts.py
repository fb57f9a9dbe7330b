"""The structure of the annual report (seed 000) and its pre-filled prose.

Prose names figures by token: `{{sessions}}` prints the figure (06), `{{fn:written_opinions}}` places the
footnote that lists the subjects. The office edits the prose; the figures always come from the records.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from reports.figures import Figures


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int  # 1: I, II, ...; 2: 1., 2.; 3: a), b)
    rated: bool = False
    has_text: bool = True


SECTIONS: tuple[Section, ...] = (
    Section("I", "I. Ưu điểm, kết quả đạt được", 1, has_text=False),
    Section(
        "I.1",
        "1. Việc chấp hành nguyên tắc tổ chức và hoạt động, nhất là nguyên tắc tập trung dân chủ; thực hiện quy chế "
        "làm việc",
        2,
        rated=True,
    ),
    Section(
        "I.2",
        "2. Kết quả thực hiện các mục tiêu, chỉ tiêu, nhiệm vụ được đề ra trong nghị quyết đại hội, kế hoạch, chương "
        "trình công tác năm được cấp có thẩm quyền giao",
        2,
        rated=True,
    ),
    Section("I.2.a", "a) Công tác chuẩn bị và tổ chức kỳ họp HĐND {{unit}}", 3),
    Section("I.2.b", "b) Tổ chức các phiên họp Thường trực HĐND", 3),
    Section("I.2.c", "c) Hoạt động giám sát", 3),
    Section(
        "I.2.d",
        "d) Về hoạt động theo dõi, đôn đốc việc thực hiện các kiến nghị sau giám sát và ý kiến, kiến nghị của cử tri",
        3,
    ),
    Section("I.2.e", "e) Hoạt động tiếp xúc cử tri", 3),
    Section("I.2.g", "g) Chỉ đạo, điều hòa hoạt động của các Ban HĐND {{unit}}", 3),
    Section("I.2.h", "h) Chỉ đạo hoạt động của Tổ đại biểu, đại biểu HĐND {{unit}}", 3),
    Section("I.2.i", "i) Hoạt động phối hợp", 3),
    Section("I.2.k", "k) Các văn bản của HĐND, Thường trực, các Ban HĐND {{unit}} ban hành", 3),
    Section(
        "I.3",
        "3. Công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị; trách nhiệm nêu gương; trách nhiệm giải trình; "
        "công tác đấu tranh phòng, chống tham nhũng, tiêu cực, lãng phí",
        2,
        rated=True,
    ),
    Section(
        "I.4",
        "4. Trách nhiệm của tập thể lãnh đạo, quản lý trong thực hiện nhiệm vụ chính trị của địa phương, tổ chức, "
        "cơ quan, đơn vị",
        2,
        rated=True,
    ),
    Section("II", "II. Hạn chế, khuyết điểm và nguyên nhân", 1, has_text=False),
    Section("II.1", "1. Hạn chế, khuyết điểm", 2),
    Section("II.2", "2. Nguyên nhân của hạn chế", 2),
    Section(
        "III",
        "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ ra ở "
        "các kỳ kiểm điểm trước",
        1,
    ),
    Section("IV", "IV. Giải trình những vấn đề được gợi ý kiểm điểm", 1),
    Section("V", "V. Trách nhiệm của tập thể, cá nhân", 1),
    Section("VI", "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", 1),
    Section("VII", "VII. Đề nghị xếp loại mức chất lượng", 1, has_text=False),
)
SECTIONS_BY_KEY = {s.key: s for s in SECTIONS}
RATED = [s.key for s in SECTIONS if s.rated]
WRITTEN = [s.key for s in SECTIONS if s.has_text]

DEFAULTS: dict[str, str] = {
    "I.1": "Thường trực HĐND {{unit}} bảo đảm thực hiện nghiêm túc nguyên tắc tập trung dân chủ, Luật, các quy chế "
    "phối hợp của Thường trực HĐND; thường xuyên duy trì, điều hòa hoạt động của Thường trực, các Ban, các Tổ đại "
    "biểu và đại biểu Hội đồng nhân dân {{unit}}.",
    "I.2": "Thường trực HĐND {{unit}} đã thực thi đầy đủ vai trò, chức năng chỉ đạo, điều hòa, bảo đảm hoàn thành "
    "các chương trình, kế hoạch công tác và nhiệm vụ trong năm {{year}}.",
    "I.2.a": "Thường trực HĐND {{unit}} chủ động làm việc với UBND {{unit}}, Ban Thường trực UBMTTQVN {{unit}} và "
    "các cơ quan, đơn vị liên quan để rà soát, thống nhất nội dung từng kỳ họp.\n"
    "Để kịp thời đáp ứng yêu cầu của thực tiễn, trong năm {{year}}, HĐND {{unit}} đã tổ chức {{sessions}} kỳ họp "
    "(trong đó {{regular_sessions}} kỳ họp thường lệ và {{thematic_sessions}} kỳ họp chuyên đề), thông qua "
    "{{resolutions}} Nghị quyết.",
    "I.2.b": "- Thực hiện các quy định của pháp luật, Thường trực HĐND {{unit}} đã tổ chức {{meetings}} phiên họp "
    "Thường trực để thảo luận và cho ý kiến các nội dung theo thẩm quyền.\n"
    "- Kịp thời cho ý kiến bằng văn bản đối với {{written_opinions}} nội dung do UBND {{unit}} trình xin ý "
    "kiến{{fn:written_opinions}}.\n"
    "- Tổ chức {{conferences}} hội nghị liên tịch, trực báo.",
    "I.2.c": "- Giám sát thường xuyên: Thường trực HĐND {{unit}} thường xuyên theo dõi, giám sát "
    "{{lower_supervision}}.\n"
    "- Giám sát chuyên đề: Trong năm, {{supervision_text}}. Qua giám sát đã phát hiện những hạn chế, bất cập và "
    "đề xuất hướng khắc phục.",
    "I.2.d": "Thường trực HĐND {{unit}} theo dõi, đôn đốc việc thực hiện {{recommendations}} kiến nghị sau giám sát, "
    "trong đó {{recommendations_done}} kiến nghị đã được thực hiện, {{recommendations_overdue}} kiến nghị quá hạn.",
    "I.2.e": "Trước các kỳ họp thường lệ giữa năm và cuối năm {{year}}, Thường trực HĐND {{unit}} phối hợp với Ban "
    "Thường trực UBMTTQVN {{unit}}, UBND {{unit}} tổ chức tiếp xúc cử tri tại {{contact_units}} {{contact_word}}.\n"
    "- {{petitions_mid_sentence}}\n- {{petitions_end_sentence}}",
    "I.2.g": "Thường trực HĐND {{unit}} luôn chủ động trong việc chỉ đạo, điều hoà hoạt động của các Ban HĐND "
    "{{unit}}, tạo điều kiện cho các Ban hoạt động, thực hiện nhiệm vụ theo quy định của pháp luật.",
    "I.2.h": "Thường trực HĐND {{unit}} luôn quan tâm đến hoạt động của các Tổ đại biểu HĐND; đôn đốc, nhắc nhở "
    "đại biểu tham gia tích cực các hoạt động của HĐND.",
    "I.2.i": "Thường trực HĐND {{unit}} {{upper_relation}}; thường "
    "xuyên phối hợp chặt chẽ với UBND, Ủy ban MTTQ Việt Nam, Viện kiểm sát nhân dân, Tòa án nhân dân {{unit}}.",
    "I.2.k": "Các văn bản của HĐND, Thường trực, các Ban HĐND {{unit}} ban hành bảo đảm chặt chẽ, đúng thẩm quyền.",
    "I.3": "- Thường trực HĐND {{unit}} nghiêm túc quán triệt và triển khai đầy đủ các văn bản chỉ đạo về công tác "
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị.\n"
    "- Tập thể Thường trực HĐND {{unit}} luôn quan tâm đến công tác tiếp nhận, xử lý đơn thư khiếu nại, tố cáo, "
    "phản ánh của công dân và tập trung theo dõi, giám sát công tác tiếp công dân, giải quyết đơn khiếu nại, tố cáo "
    "và kiến nghị, phản ánh của công dân. Trong năm {{year}}, Thường trực HĐND {{unit}} đã tổ chức {{receptions}} "
    "buổi tiếp công dân ({{citizens_received}} lượt công dân); tiếp nhận {{letters}} đơn thư, trong đó "
    "{{letters_eligible}} nội dung đủ điều kiện xử lý, {{letters_forwarded}} nội dung đã chuyển cơ quan có thẩm "
    "quyền giải quyết và {{letters_answered}} nội dung đã có kết quả trả lời.",
    "I.4": "Tập thể Thường trực HĐND {{unit}} luôn nêu cao tinh thần trách nhiệm trong việc thực hiện các nhiệm vụ "
    "chính trị của địa phương.",
    "II.1": "- Một số nội dung trình kỳ họp chậm, chất lượng chưa cao ({{late_submissions}} hồ sơ trình chậm).\n"
    "- Một vài đại biểu chưa tích cực tham gia thảo luận, phát biểu, chưa chủ động đăng ký chất vấn tại kỳ họp.",
    "II.2": "- Cán bộ Thường trực, các Ban HĐND mỏng, đa phần kiêm nhiệm.\n"
    "- Việc phối hợp chuẩn bị kỳ họp còn một số khó khăn nhất định.",
    "III": "Thường trực HĐND {{unit}} đã tập trung khắc phục những hạn chế, khuyết điểm đã được chỉ ra tại kỳ kiểm "
    "điểm năm trước, như: đã từng bước khắc phục được tình trạng một số nội dung trình kỳ họp chậm (trong năm, "
    "{{late_sentence}}).\nTuy nhiên, {{silent_delegates}} đại biểu từ đầu nhiệm kỳ đến nay chưa tham gia phát biểu "
    "ý kiến lần nào.",
    "IV": "Không có gợi ý.",
    "V": "Những hạn chế, khuyết điểm nêu trên trước hết thuộc về trách nhiệm của tập thể và từng cá nhân các đồng "
    "chí trong Thường trực HĐND {{unit}}.",
    "VI": "1. Xây dựng kế hoạch khắc phục những khuyết điểm, tồn tại đã được chỉ ra.\n"
    "2. Tăng cường và nâng cao hơn nữa công tác giám sát của Thường trực HĐND.",
}

TOKEN = re.compile(r"\{\{\s*(fn:)?([a-z0-9_]+)\s*\}\}")


@dataclass
class Rendered:
    text: str
    footnotes: list[tuple[int, str]]


def check_tokens(text: str, figures: Figures) -> None:
    """Refuse a text that names a figure or footnote that does not exist."""
    unknown = []
    for is_note, key in TOKEN.findall(text):
        if not is_note and key not in figures.items:
            unknown.append(key)
        if is_note and not (key in figures.footnotes or key.startswith("supervision_") or key in figures.items):
            unknown.append(f"fn:{key}")
    if unknown:
        raise ValidationError(f"Số liệu không tồn tại trong văn bản: {', '.join(sorted(set(unknown)))}.")


# The nouns the report counts, longest first, so "kỳ họp chuyên đề" is read before "kỳ họp".
COUNTED = sorted(
    [
        "kiến nghị sau giám sát",
        "kiến nghị",
        "kỳ họp thường lệ",
        "kỳ họp chuyên đề",
        "kỳ họp bất thường",
        "kỳ họp",
        "đợt giám sát",
        "đợt khảo sát",
        "phiên họp",
        "nội dung",
        "hồ sơ trình chậm",
        "hồ sơ",
        "Nghị quyết",
        "hội nghị",
        "xã, phường",
        "buổi tiếp công dân",
        "lượt công dân",
        "đơn thư",
    ],
    key=len,
    reverse=True,
)
_NOUNS = "|".join(re.escape(n) for n in COUNTED)
_FIGURE_NOUN = r"\{\{\s*(?P<key>[a-z0-9_]+)\s*\}\}\s+(?P<noun>" + _NOUNS + r")(?P<done>\s+đã(?=\s))?"
# A zero figure after "có" or where a clause starts ("trong đó 00 kiến nghị", "; 00 kiến nghị"): the
# documents write "chưa có kiến nghị nào". After a verb ("đã tổ chức 00 kỳ họp") it stays a figure.
_ZERO_AFTER_CO = re.compile(r"(?<!\w)(?P<c>[Cc])ó\s+" + _FIGURE_NOUN)
_ZERO_CLAUSE = re.compile(
    r"(?:^(?P<dash>-\s+)?|(?<=trong đó )|(?<=Trong đó )|(?<=và )|(?<=; )|(?<=, )|(?<=\()|(?<=: ))" + _FIGURE_NOUN,
    re.MULTILINE,
)


# "đã tổ chức 00 kỳ họp" reads "chưa tổ chức kỳ họp nào" (the verbs the reports count with).
_ZERO_AFTER_VERB = re.compile(
    r"(?:(?<=\s)|^)(?:đã\s+)?(?P<verb>tổ chức|thông qua|tiếp nhận|ban hành|cho ý kiến bằng văn bản đối với)\s+"
    + _FIGURE_NOUN,
    re.MULTILINE,
)


def _zero_clauses(text: str, figures: Figures) -> str:
    """ "Có {{n}} kiến nghị" with n = 0 becomes "Chưa có kiến nghị nào" ("… nào đã được" loses its "đã")."""

    def is_zero(match: re.Match) -> bool:
        figure = figures.items.get(match.group("key"))
        return figure is not None and isinstance(figure.value, int) and figure.value == 0

    def after_co(match: re.Match) -> str:
        if not is_zero(match):
            return match.group(0)
        return f"{'C' if match.group('c') == 'C' else 'c'}hưa có {match.group('noun')} nào"

    def clause(match: re.Match) -> str:
        if not is_zero(match):
            return match.group(0)
        line_start = match.start() == 0 or text[match.start() - 1] == "\n" or match.group("dash") is not None
        dash = match.group("dash") or ""
        return f"{dash}{'Chưa' if line_start else 'chưa'} có {match.group('noun')} nào"

    def after_verb(match: re.Match) -> str:
        if not is_zero(match):
            return match.group(0)
        return f"chưa {match.group('verb')} {match.group('noun')} nào"

    text = _ZERO_AFTER_VERB.sub(after_verb, text)
    return _ZERO_CLAUSE.sub(clause, _ZERO_AFTER_CO.sub(after_co, text))


def render(text: str, figures: Figures, notes: list[str], marker: str = "[^{n}]") -> Rendered:
    """Replace tokens with figures; footnotes are numbered across the whole report through `notes`.

    A note's mark is `marker` with its number: "[^3]" (the documents engine's footnote reference) for
    the DOCX, "[3]" for the screen. A figure written per conducting body (`Figure.parts`) places each
    body's note right after its clause; the old "{{fn:supervision_N}}" tokens, which put them all at the
    end of the sentence, are then empty. A zero count is worded, never "00" (`_zero_clauses`).
    """
    used: list[tuple[int, str]] = []

    def place(note: str) -> str:
        if not note:
            return ""
        notes.append(note)
        used.append((len(notes), note))
        return marker.format(n=len(notes))

    def replace(match: re.Match) -> str:
        is_note, key = match.group(1), match.group(2)
        if is_note:
            if key.startswith("supervision_"):
                return ""
            return place(figures.footnotes.get(key, ""))
        figure = figures.items.get(key)
        if figure is None:
            return "…"
        if figure.parts:
            return "; ".join(clause + place(note) for clause, note in figure.parts)
        return figure.text

    return Rendered(TOKEN.sub(replace, _zero_clauses(text, figures)), used)
