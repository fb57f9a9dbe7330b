"""Forms of the standing committee's screens; the services validate the rules, these only shape the input."""

from django import forms

from documents.models import DocType, Document
from hdnd.dates import format_date
from hdnd.forms import DateInput, Form
from registry.models import Body, Council, Membership, Person
from standing import selectors
from standing.models import ConferenceKind, ProgrammeOwner, Section, Stance


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        until = format_date(obj.ends_on) if obj.ends_on else "nay"
        return f"{obj.person.full_name} — {obj.get_role_display()} ({format_date(obj.starts_on)} – {until})"


class MeetingForm(Form):
    held_on = forms.DateField(label="Ngày họp", widget=DateInput())
    starts_at = forms.TimeField(label="Giờ bắt đầu", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label="Địa điểm", max_length=250)
    purpose = forms.CharField(
        label="Mục đích",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Viết tiếp sau “… tổ chức Phiên họp Thường trực HĐND để”, ví dụ: cho ý kiến thống nhất về "
        "Kế hoạch công tác năm 2022",
    )
    chair = ChairField(label="Người chủ trì", queryset=Membership.objects.none())
    other_attendees = forms.CharField(
        label="Thành phần dự họp khác",
        max_length=500,
        required=False,
        help_text="Ví dụ: Trưởng, Phó các Ban HĐND thị xã; đại diện lãnh đạo Văn phòng thị xã",
    )
    invited = forms.CharField(
        label="Cơ quan, cá nhân được mời", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    heard = forms.CharField(
        label="Nội dung đã nghe",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Viết tiếp sau “Sau khi nghe”; để trống thì lấy từ các nội dung của phiên họp.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = selectors.chair_choices(council=council)


class AttendeeForm(Form):
    # Several at once (Ctrl/Shift-click, or the search box's "Chọn tất cả đang hiện"), with the same presence.
    person = forms.ModelMultipleChoiceField(
        label="Đồng chí",
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Chọn một hoặc nhiều đồng chí (giữ Ctrl để chọn nhiều).",
        error_messages={"required": "Vui lòng chọn ít nhất một đồng chí."},
    )
    present = forms.TypedChoiceField(
        label="Có mặt",
        choices=[("1", "Có mặt"), ("0", "Vắng mặt")],
        coerce=lambda v: v == "1",
        initial="1",
    )
    absence_reason = forms.CharField(label="Lý do vắng mặt", max_length=250, required=False)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.people_choices(council=council)


class AgendaForm(Form):
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}))
    presenter = forms.CharField(label="Cơ quan, người trình bày", max_length=250, required=False)


class SectionForm(Form):
    title = forms.CharField(label="Tiêu đề mục", max_length=500, help_text="Không ghi số thứ tự (1., a)).")
    parent = forms.ModelChoiceField(
        label="Thuộc mục", queryset=Section.objects.none(), required=False, empty_label="— Mục cấp 1 —"
    )

    def __init__(self, *args: object, meeting: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Section.objects.filter(meeting=meeting, parent=None)


class ParagraphForm(Form):
    section = forms.ModelChoiceField(label="Mục", queryset=Section.objects.none())
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    assigns = forms.BooleanField(label="Đoạn này giao nhiệm vụ", required=False)
    bodies = forms.ModelMultipleChoiceField(
        label="Cơ quan chịu trách nhiệm", queryset=Body.objects.none(), required=False
    )
    due_on = forms.DateField(label="Hạn thực hiện", required=False, widget=DateInput())

    def __init__(self, *args: object, meeting: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        sections = Section.objects.filter(meeting=meeting).select_related("parent")
        self.fields["section"].queryset = sections
        # Paragraphs are usually written in order: offer the latest heading.
        self.fields["section"].initial = sections.order_by("-pk").values_list("pk", flat=True).first()
        self.fields["section"].label_from_instance = lambda s: f"{s.parent.title} › {s.title}" if s.parent else s.title
        self.fields["bodies"].queryset = selectors.body_choices(council=council)


class IssueForm(Form):
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DateInput())


class OpinionRequestForm(Form):
    subject = forms.CharField(label="Nội dung xin ý kiến", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    sender_body = forms.ModelChoiceField(label="Cơ quan đề nghị", queryset=Body.objects.none(), required=False)
    external_number = forms.CharField(label="Số, ký hiệu văn bản đề nghị", max_length=60, required=False)
    external_date = forms.DateField(label="Ngày văn bản đề nghị", required=False, widget=DateInput())
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    due_on = forms.DateField(label="Hạn trả lời", widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sender_body"].queryset = selectors.body_choices(council=council)


class OpinionForm(Form):
    person = forms.ModelChoiceField(label="Thành viên Thường trực", queryset=Person.objects.none())
    stance = forms.ChoiceField(label="Ý kiến", choices=Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(label="Nội dung ý kiến", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.member_choices(council=council)


class YearForm(Form):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100, required=False)
    q = forms.CharField(label="Tìm kiếm", required=False)


class ConferenceForm(Form):
    kind = forms.ChoiceField(label="Loại hội nghị", choices=ConferenceKind.choices)
    held_on = forms.DateField(label="Ngày tổ chức", widget=DateInput())
    place = forms.CharField(label="Địa điểm", max_length=250)
    subject = forms.CharField(
        label="Nội dung",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Viết tiếp sau “Hội nghị … để”, ví dụ: thống nhất nội dung, chương trình các kỳ họp năm 2024",
    )
    participants = forms.ModelMultipleChoiceField(
        label="Thành phần tham dự (cơ quan)",
        queryset=Body.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    conclusions = forms.CharField(
        label="Kết luận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một ý; dòng bắt đầu bằng “# ” là tiêu đề mục.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = selectors.body_choices(council=council)


class ConferenceTaskForm(Form):
    text = forms.CharField(label="Nhiệm vụ", widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.ModelChoiceField(label="Cơ quan chịu trách nhiệm", queryset=Body.objects.none())
    due_on = forms.DateField(label="Hạn thực hiện", required=False, widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.body_choices(council=council)


class ConferenceDocumentForm(Form):
    doc_type = forms.ChoiceField(
        label="Loại văn bản",
        choices=[(DocType.THONG_BAO, "Thông báo kết luận"), (DocType.BIEN_BAN, "Biên bản")],
        initial=DocType.THONG_BAO,
    )


class ConferenceFilterForm(YearForm):
    kind = forms.ChoiceField(label="Loại", choices=[("", "Tất cả"), *ConferenceKind.choices], required=False)


class ProgrammeForm(Form):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    owner = forms.ChoiceField(label="Chương trình của", choices=ProgrammeOwner.choices)
    title = forms.CharField(
        label="Tên chương trình", max_length=300, required=False, help_text="Để trống thì hệ thống tự đặt tên."
    )


class WorkItemForm(Form):
    month = forms.TypedChoiceField(label="Tháng", choices=[(m, f"Tháng {m}") for m in range(1, 13)], coerce=int)
    content = forms.CharField(label="Nội dung công việc", widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=Body.objects.none())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.body_choices(council=council)


class WorkItemLinkForm(Form):
    record = forms.ChoiceField(label="Thực hiện bằng", choices=())

    def __init__(self, *args: object, council: Council, year: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [
            ("", "— Chọn phiên họp, hội nghị, kỳ họp, đợt giám sát —"),
            *selectors.link_candidates(council=council, year=year),
        ]


class ProgrammeFilterForm(Form):
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100, required=False)


class AgendaDocumentForm(Form):
    document = forms.ModelChoiceField(label="Văn bản trong sổ", queryset=Document.objects.none())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = selectors.document_choices(council=council)


class AttendeeEditForm(Form):
    present = AttendeeForm.base_fields["present"]
    absence_reason = AttendeeForm.base_fields["absence_reason"]

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)


class AgendaEditForm(AgendaForm):
    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)


class SectionEditForm(Form):
    title = forms.CharField(label="Tiêu đề mục", max_length=500)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)


class ParagraphEditForm(Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    assigns = forms.BooleanField(label="Đoạn này giao nhiệm vụ", required=False)
    bodies = forms.ModelMultipleChoiceField(
        label="Cơ quan chịu trách nhiệm", queryset=Body.objects.none(), required=False
    )
    due_on = forms.DateField(label="Hạn thực hiện", required=False, widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = selectors.body_choices(council=council)
