"""Forms of the session screens; Vietnamese labels and messages, dates typed dd/mm/yyyy."""

from django import forms

from documents.models import DocType, Document, State
from hdnd.forms import DateInput, Form, ModelForm
from plenary.models import (
    CHECKLISTS,
    AgendaItem,
    AnswerMode,
    Choice,
    Conclusion,
    ItemKind,
    Presence,
    Session,
    SessionKind,
    Submission,
    SubmissionKind,
    VoteRule,
)
from registry.models import INTERNAL_KINDS, Body, BodyKind, Council, Delegate, Person, Term

ALL_CHECKLIST = sorted({item for items in CHECKLISTS.values() for item in items}, key=lambda i: i[1])


class SessionForm(ModelForm):
    class Meta:
        model = Session
        fields = [
            "term",
            "number",
            "kind",
            "requested_by",
            "requesting_delegates",
            "created_on",
            "opens_on",
            "closes_on",
            "place",
        ]
        widgets = {"created_on": DateInput(), "opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(council=council)
        self.fields["kind"].initial = SessionKind.THEMATIC
        self.fields["requested_by"].help_text = "Bắt buộc với kỳ họp chuyên đề, bất thường."
        self.instance.council = council


class SessionEditForm(ModelForm):
    class Meta:
        model = Session
        fields = ["place", "opens_on", "closes_on", "opened_on", "closed_on", "state"]
        widgets = {f: DateInput() for f in ("opens_on", "closes_on", "opened_on", "closed_on")}


class AgendaItemForm(Form):
    kind = forms.ChoiceField(label="Loại nội dung", choices=ItemKind.choices)
    title = forms.CharField(label="Nội dung", max_length=500)


class SubmissionForm(Form):
    kind = forms.ChoiceField(label="Loại hồ sơ", choices=SubmissionKind.choices)
    title = forms.CharField(label="Trích yếu", max_length=500)
    agency = forms.ModelChoiceField(label="Cơ quan trình", queryset=Body.objects.none())
    normative = forms.BooleanField(label="Nghị quyết quy phạm pháp luật", required=False)
    vote_rule = forms.ChoiceField(label="Tỷ lệ biểu quyết", choices=VoteRule.choices, initial=VoteRule.ORDINARY)

    def __init__(self, *args: object, council: Council, ask_due_days: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Body.objects.filter(council=council, active=True).exclude(
            kind__in=INTERNAL_KINDS
        )
        if ask_due_days:
            # The council's working regulation sets it; the law gives no default (registry.rules).
            self.fields["due_days"] = forms.IntegerField(
                label="Hạn gửi hồ sơ trình: số ngày trước ngày khai mạc",
                min_value=1,
                max_value=90,
                help_text="Hội đồng chưa thiết lập quy định này (Quy chế làm việc của HĐND). "
                "Giá trị nhập sẽ được lưu vào Cài đặt và dùng cho mọi kỳ họp.",
            )


def _checklist_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Thành phần hồ sơ đã có", choices=ALL_CHECKLIST, required=False, widget=forms.CheckboxSelectMultiple
    )


class ReceiveForm(Form):
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    checklist = _checklist_field()

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = CHECKLISTS[kind]


class ResubmitForm(Form):
    resubmitted_on = forms.DateField(label="Ngày nộp lại", widget=DateInput())
    checklist = _checklist_field()

    def __init__(self, *args: object, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = CHECKLISTS[kind]


class ReturnForm(Form):
    returned_on = forms.DateField(label="Ngày trả lại", widget=DateInput())
    reason = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(Form):
    committee = forms.ModelChoiceField(label="Ban thẩm tra", queryset=Body.objects.none())
    assigned_on = forms.DateField(label="Ngày phân công", widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Body.objects.filter(council=council, kind=BodyKind.COMMITTEE)


class VerificationReportForm(Form):
    conclusion = forms.ChoiceField(label="Kết luận thẩm tra", choices=Conclusion.choices)
    text = forms.CharField(label="Nội dung báo cáo thẩm tra", widget=forms.Textarea(attrs={"rows": 6}))
    reported_on = forms.DateField(label="Ngày báo cáo", widget=DateInput())
    signer_name = forms.CharField(label="Người ký (Trưởng ban)", max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, initial="Trưởng ban")


class ExplainForm(Form):
    explanation = forms.CharField(
        label="Giải trình, bổ sung của cơ quan trình", widget=forms.Textarea(attrs={"rows": 4})
    )
    explained_on = forms.DateField(label="Ngày giải trình", widget=DateInput())


class VoteForm(Form):
    """Totals, or one choice per delegate in office (fields `d<id>`); a choice for anyone fills in ballots."""

    voted_on = forms.DateField(label="Ngày biểu quyết", widget=DateInput())
    yes = forms.IntegerField(label="Tán thành", min_value=0, required=False)
    no = forms.IntegerField(label="Không tán thành", min_value=0, required=False)
    abstain = forms.IntegerField(label="Không biểu quyết", min_value=0, required=False)

    def __init__(self, *args: object, delegates: list[Delegate], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.delegate_fields = []
        for delegate in delegates:
            name = f"d{delegate.pk}"
            self.fields[name] = forms.ChoiceField(
                label=delegate.person.full_name, choices=[("", "—"), *Choice.choices], required=False
            )
            self.delegate_fields.append(name)

    def ballots(self) -> dict[int, str] | None:
        chosen = {int(n[1:]): self.cleaned_data[n] for n in self.delegate_fields if self.cleaned_data.get(n)}
        return chosen or None

    def clean(self) -> dict:
        data = super().clean()
        if not self.ballots() and any(data.get(k) is None for k in ("yes", "no", "abstain")):
            raise forms.ValidationError(
                "Nhập đủ số tán thành, không tán thành, không biểu quyết, hoặc ghi lựa chọn của từng đại biểu."
            )
        return data


class ResolutionForm(Form):
    subject = forms.CharField(label="Trích yếu nghị quyết", max_length=500)
    text = forms.CharField(label="Nội dung nghị quyết", widget=forms.Textarea(attrs={"rows": 6}))
    issued_on = forms.DateField(label="Ngày ban hành", widget=DateInput())
    effective_on = forms.DateField(label="Ngày có hiệu lực", widget=DateInput(), required=False)
    signer_name = forms.CharField(label="Người ký (Chủ tịch HĐND)", max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, initial="Chủ tịch")
    report_due_on = forms.DateField(
        label="Hạn UBND báo cáo kết quả thực hiện",
        widget=DateInput(),
        required=False,
        help_text="Để trống nếu nghị quyết không yêu cầu báo cáo.",
    )


class QuestionForm(Form):
    delegate = forms.ModelChoiceField(label="Đại biểu chất vấn", queryset=Delegate.objects.none())
    addressee = forms.ModelChoiceField(label="Người bị chất vấn", queryset=Person.objects.none())
    addressee_body = forms.ModelChoiceField(label="Cơ quan của người bị chất vấn", queryset=Body.objects.none())
    content = forms.CharField(label="Nội dung chất vấn", widget=forms.Textarea(attrs={"rows": 4}))
    asked_on = forms.DateField(label="Ngày gửi phiếu", widget=DateInput())

    def __init__(self, *args: object, council: Council, delegates: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = delegates
        self.fields["addressee"].queryset = Person.objects.filter(council=council).order_by("name_folded")
        self.fields["addressee_body"].queryset = Body.objects.filter(council=council).exclude(kind__in=INTERNAL_KINDS)


class AnswerForm(Form):
    mode = forms.ChoiceField(
        label="Hình thức trả lời", choices=[c for c in AnswerMode.choices if c[0] != AnswerMode.PENDING]
    )
    answered_on = forms.DateField(label="Ngày", widget=DateInput())
    answer = forms.CharField(
        label="Nội dung trả lời",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Trả lời bằng văn bản mà chưa có nội dung: hệ thống giao việc trả lời trong thời hạn luật định.",
    )


class CommitmentForm(Form):
    content = forms.CharField(label="Nội dung lời hứa", widget=forms.Textarea(attrs={"rows": 3}))
    next_session = forms.ModelChoiceField(label="Báo cáo tại kỳ họp", queryset=Session.objects.none())

    def __init__(self, *args: object, sessions: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_session"].queryset = sessions


class SessionDocumentForm(Form):
    title = forms.CharField(
        label="Tên tài liệu",
        max_length=500,
        required=False,
        help_text="Để trống: lấy trích yếu của hồ sơ trình, văn bản hoặc tên tệp.",
    )
    submission = forms.ModelChoiceField(label="Hồ sơ trình", queryset=Submission.objects.none(), required=False)
    document = forms.ModelChoiceField(label="Văn bản trong sổ", queryset=Document.objects.none(), required=False)
    file = forms.FileField(label="Tệp đính kèm", required=False)
    public = forms.BooleanField(label="Công khai trên Trang thông tin điện tử", required=False)

    def __init__(self, *args: object, session: Session, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].queryset = session.submissions.all()
        self.fields["document"].queryset = _register(session.council_id)


def _register(council_id: int) -> object:
    return Document.objects.filter(council_id=council_id).exclude(state=State.WITHDRAWN).order_by("-issued_on", "-pk")


class ConveningLinkForm(Form):
    document = forms.ModelChoiceField(label="Quyết định triệu tập (văn bản trong sổ)", queryset=Document.objects.none())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = _register(council.pk).filter(
            doc_type=DocType.QUYET_DINH, state__in=[State.ISSUED, State.PUBLISHED, State.RECEIVED]
        )


class ConveningGenerateForm(Form):
    issued_on = forms.DateField(label="Ngày ban hành", widget=DateInput())
    signer_name = forms.CharField(label="Người ký", max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, initial="Chủ tịch")
    text = forms.CharField(
        label="Nội dung",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Để trống: hệ thống soạn theo thời gian, địa điểm của kỳ họp.",
    )


class MinutesForm(Form):
    signer_name = forms.CharField(label="Người ký (chủ tọa kỳ họp)", max_length=120)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, initial="Chủ tọa kỳ họp")
    issued_on = forms.DateField(label="Ngày lập biên bản", widget=DateInput())
    issue = forms.BooleanField(label="Ban hành ngay, cấp số (không chọn: lưu dự thảo, có thể lập lại)", required=False)


class SpeechForm(Form):
    delegate = forms.ModelChoiceField(label="Đại biểu", queryset=Delegate.objects.none())
    item = forms.ModelChoiceField(label="Nội dung chương trình", queryset=AgendaItem.objects.none(), required=False)
    in_group = forms.TypedChoiceField(
        label="Phát biểu tại",
        choices=[("0", "Hội trường"), ("1", "Tổ")],
        coerce=lambda v: v == "1",
        initial="0",
    )
    spoken_on = forms.DateField(label="Ngày phát biểu", widget=DateInput())
    summary = forms.CharField(label="Tóm tắt ý kiến", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args: object, session: Session, delegates: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = delegates
        self.fields["item"].queryset = session.agenda.all()


class GroupDiscussionForm(Form):
    group = forms.ModelChoiceField(label="Tổ đại biểu", queryset=Body.objects.none())
    held_on = forms.DateField(label="Ngày thảo luận", widget=DateInput())
    notes = forms.CharField(label="Nội dung thảo luận", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP).order_by(
            "name"
        )


class AttendanceForm(Form):
    """The grid of a sitting day: one presence (`p<id>`) and one reason (`r<id>`) per delegate in office."""

    def __init__(self, *args: object, rows: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            pk = row.delegate.pk
            self.fields[f"p{pk}"] = forms.ChoiceField(
                label=row.delegate.person.full_name,
                choices=Presence.choices,
                initial=row.presence or Presence.PRESENT,
                widget=forms.RadioSelect,
            )
            self.fields[f"r{pk}"] = forms.CharField(
                label=f"Lý do vắng — {row.delegate.person.full_name}",
                max_length=250,
                required=False,
                initial=row.reason,
            )
            self.rows.append((row, self[f"p{pk}"], self[f"r{pk}"]))

    def presence(self) -> dict[int, str]:
        return {int(n[1:]): v for n, v in self.cleaned_data.items() if n.startswith("p")}

    def reasons(self) -> dict[int, str]:
        return {int(n[1:]): v for n, v in self.cleaned_data.items() if n.startswith("r") and v}


class SendForm(Form):
    sent_on = forms.DateField(label="Ngày gửi tài liệu đến đại biểu", widget=DateInput())


class YearForm(Form):
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
