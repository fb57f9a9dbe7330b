"""Forms of the session screens; Vietnamese labels and messages, dates typed dd/mm/yyyy."""

from django import forms

from hdnd.forms import DateInput, Form, ModelForm
from plenary.models import (
    CHECKLISTS,
    AnswerMode,
    Choice,
    Conclusion,
    ItemKind,
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
    title = forms.CharField(label="Tên tài liệu", max_length=500, required=False)
    submission = forms.ModelChoiceField(label="Hồ sơ trình", queryset=Submission.objects.none(), required=False)
    public = forms.BooleanField(label="Công khai trên Trang thông tin điện tử", required=False)

    def __init__(self, *args: object, session: Session, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].queryset = session.submissions.all()


class SendForm(Form):
    sent_on = forms.DateField(label="Ngày gửi tài liệu đến đại biểu", widget=DateInput())


class YearForm(Form):
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
