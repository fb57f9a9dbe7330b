"""Forms of the supervision screens; labels and messages in Vietnamese, dates typed dd/mm/yyyy."""

from django import forms

from documents.models import Direction
from hdnd.forms import DateInput, Form
from registry.models import Council
from supervision import selectors
from supervision.models import ProgrammeItem, ProgrammeKind, ReviewOutcome, RoundKind

SESSION_HELP = (
    "HĐND: ngày khai mạc kỳ họp giữa năm của năm trước; Thường trực: ngày bế mạc kỳ họp cuối năm của năm trước."
)


def _required(label: str) -> dict[str, str]:
    return {"required": f"Vui lòng nhập {label.lower()}.", "invalid": f"{label} không hợp lệ."}


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), error_messages=_required(label))


class RoundFilterForm(Form):
    nam = forms.IntegerField(label="Năm", required=False, min_value=1990, max_value=2100)
    q = forms.CharField(label="Tìm theo nội dung", required=False, max_length=100)
    canh_bao = forms.BooleanField(label="Chỉ đợt có mốc sắp đến hạn, việc quá hạn", required=False)


class RoundForm(Form):
    kind = forms.ChoiceField(label="Hình thức", choices=RoundKind.choices)
    body = forms.ModelChoiceField(
        label="Cơ quan tiến hành", queryset=None, error_messages={"required": "Vui lòng chọn cơ quan tiến hành."}
    )
    subject = forms.CharField(
        label="Nội dung giám sát",
        max_length=500,
        help_text="Viết tiếp sau “về”, ví dụ: công tác quản lý trật tự đô thị",
        error_messages={"required": "Vui lòng nhập nội dung giám sát."},
    )
    supervised = forms.ModelMultipleChoiceField(
        label="Đối tượng giám sát",
        queryset=None,
        error_messages={"required": "Vui lòng chọn ít nhất một cơ quan chịu sự giám sát."},
    )
    supervised_label = forms.CharField(
        label="Cách gọi đối tượng giám sát",
        max_length=300,
        required=False,
        help_text="Ví dụ: UBND các phường Phổ Quang và Phổ Thạnh",
    )
    item = forms.ModelChoiceField(label="Thực hiện nội dung chương trình", queryset=None, required=False)
    set_up_on = _date("Ngày quyết định thành lập đoàn", required=True)
    decision = forms.ModelChoiceField(
        label="Quyết định thành lập đoàn (văn bản đã có)",
        queryset=None,
        required=False,
        help_text="Để trống rồi tạo dự thảo quyết định từ trang đợt giám sát.",
    )
    plan = forms.CharField(label="Kế hoạch", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = _date("Ngày bắt đầu")
    ends_on = _date("Ngày kết thúc")
    content_sent_on = _date("Ngày gửi nội dung, đề cương báo cáo")
    schedule_sent_on = _date("Ngày gửi kế hoạch, thành phần đoàn")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.conducting_bodies(council=council)
        self.fields["supervised"].queryset = selectors.bodies(council=council)
        self.fields["item"].queryset = ProgrammeItem.objects.filter(programme__council=council).order_by("-pk")
        self.fields["decision"].queryset = selectors.document_choices(council=council)

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Ngày kết thúc không thể trước ngày bắt đầu.")
        return data


class MemberForm(Form):
    delegate = forms.ModelChoiceField(
        label="Đại biểu", queryset=None, error_messages={"required": "Vui lòng chọn đại biểu."}
    )
    role = forms.CharField(label="Nhiệm vụ trong đoàn", max_length=60, initial="Thành viên")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = selectors.delegate_choices(council=council)


class SessionForm(Form):
    held_on = _date("Ngày làm việc", required=True)
    place = forms.CharField(label="Địa điểm", max_length=250, error_messages={"required": "Vui lòng nhập địa điểm."})
    body = forms.ModelChoiceField(
        label="Làm việc với", queryset=None, error_messages={"required": "Vui lòng chọn cơ quan làm việc."}
    )
    notes = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies(council=council)


class BodyReportsForm(Form):
    sent_on = _date("Ngày gửi nội dung, đề cương báo cáo", required=True)
    due_on = _date("Hạn gửi báo cáo", required=True)


class ReportForm(Form):
    report_on = _date("Ngày báo cáo kết quả", required=True)
    document = forms.ModelChoiceField(
        label="Văn bản báo cáo (đã có)",
        queryset=None,
        required=False,
        help_text="Để trống thì tạo dự thảo báo cáo trong sổ văn bản.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = selectors.document_choices(council=council, direction=Direction.OUTGOING)


class ConsiderForm(Form):
    considered_on = _date("Ngày Thường trực xem xét", required=True)
    conclusions = forms.CharField(label="Kết luận", required=False, widget=forms.Textarea(attrs={"rows": 6}))


class RecommendationForm(Form):
    body = forms.ModelChoiceField(
        label="Cơ quan được kiến nghị",
        queryset=None,
        error_messages={"required": "Vui lòng chọn cơ quan được kiến nghị."},
    )
    text = forms.CharField(
        label="Nội dung kiến nghị",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung kiến nghị."},
    )
    due_on = _date("Thời hạn thực hiện", required=True)
    made_on = _date("Ngày kiến nghị")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies(council=council)


class PublishForm(Form):
    published = forms.BooleanField(label="Công khai", required=False)


class YearForm(Form):
    nam = forms.IntegerField(label="Năm", required=False, min_value=1990, max_value=2100)


class ProgrammeForm(Form):
    kind = forms.ChoiceField(label="Loại", choices=ProgrammeKind.choices)
    year = forms.IntegerField(
        label="Năm giám sát",
        min_value=1990,
        max_value=2100,
        error_messages={"required": "Vui lòng nhập năm giám sát.", "invalid": "Năm giám sát không hợp lệ."},
    )
    body = forms.ModelChoiceField(
        label="Cơ quan lập", queryset=None, error_messages={"required": "Vui lòng chọn cơ quan lập."}
    )
    title = forms.CharField(label="Tên chương trình", max_length=300, required=False)
    session_on = _date("Ngày kỳ họp liên quan")
    results_session_on = _date("Ngày kỳ họp báo cáo kết quả")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.conducting_bodies(council=council)
        self.fields["session_on"].help_text = SESSION_HELP


class ProgrammeDatesForm(Form):
    title = forms.CharField(label="Tên chương trình", max_length=300)
    session_on = _date("Ngày kỳ họp liên quan")
    results_session_on = _date("Ngày kỳ họp báo cáo kết quả")
    draft_sent_on = _date("Ngày gửi dự kiến chương trình")
    adopted_on = _date("Ngày thông qua")
    resolution = forms.ModelChoiceField(label="Nghị quyết, văn bản thông qua", queryset=None, required=False)
    results_reported_on = _date("Ngày báo cáo kết quả")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = selectors.document_choices(council=council)


class ItemForm(Form):
    subject = forms.CharField(
        label="Nội dung giám sát", max_length=500, error_messages={"required": "Vui lòng nhập nội dung giám sát."}
    )
    body = forms.ModelChoiceField(
        label="Cơ quan tiến hành", queryset=None, error_messages={"required": "Vui lòng chọn cơ quan tiến hành."}
    )
    kind = forms.ChoiceField(label="Hình thức", choices=RoundKind.choices)
    planned_from = _date("Dự kiến từ ngày")
    planned_to = _date("Dự kiến đến ngày")

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.conducting_bodies(council=council)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("planned_from"), data.get("planned_to")
        if start and end and end < start:
            self.add_error("planned_to", "Thời gian dự kiến kết thúc không thể trước thời gian bắt đầu.")
        return data


class ReviewCreateForm(Form):
    document = forms.ModelChoiceField(
        label="Văn bản đến", queryset=None, error_messages={"required": "Vui lòng chọn văn bản đến."}
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = selectors.incoming_not_reviewed(council=council)


class ReviewForm(Form):
    outcome = forms.ChoiceField(label="Kết quả xem xét", choices=ReviewOutcome.choices)
    reviewed_on = _date("Ngày xem xét", required=True)
    notes = forms.CharField(label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 3}))
