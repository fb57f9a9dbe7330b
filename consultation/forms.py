"""Forms of consultations; Vietnamese labels; text in NFC and stripped (hdnd.forms)."""

from django import forms

from consultation.models import ResponseKind
from documents.models import Authority
from hdnd.forms import DateInput, Form
from registry.models import Body, Council

TEXT_HELP = "Dán toàn văn; mỗi điều bắt đầu một dòng bằng “Điều 1.”, “Điều 2.”…"


class ConsultationForm(Form):
    title = forms.CharField(label="Tên dự thảo", max_length=500)
    summary = forms.CharField(
        label="Giới thiệu ngắn", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5_000
    )
    opens_on = forms.DateField(label="Ngày bắt đầu lấy ý kiến", widget=DateInput())
    closes_on = forms.DateField(label="Ngày kết thúc lấy ý kiến", widget=DateInput())
    submission = forms.TypedChoiceField(
        label="Thuộc hồ sơ trình (tờ trình)", required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(
        label="Toàn văn dự thảo (phiên bản 1)",
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=500_000,
        help_text=TEXT_HELP + " Có thể thêm sau, hoặc tải tệp Word.",
    )

    def __init__(self, *args: object, council: Council, submissions: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].choices = [("", "— Không —")] + [(s.pk, s.title) for s in submissions]


class ConsultationEditForm(Form):
    title = forms.CharField(label="Tên dự thảo", max_length=500)
    summary = forms.CharField(
        label="Giới thiệu ngắn", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5_000
    )
    opens_on = forms.DateField(label="Ngày bắt đầu lấy ý kiến", widget=DateInput())
    closes_on = forms.DateField(label="Ngày kết thúc lấy ý kiến", widget=DateInput())


class VersionForm(Form):
    text = forms.CharField(
        label="Toàn văn dự thảo",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        max_length=500_000,
        help_text=TEXT_HELP,
    )
    file = forms.FileField(label="Hoặc tải tệp Word (.docx)", required=False)
    note = forms.CharField(label="Ghi chú thay đổi", max_length=500, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError("Vui lòng dán toàn văn dự thảo hoặc tải tệp Word.")
        if data.get("text") and data.get("file"):
            raise forms.ValidationError("Chỉ dán toàn văn hoặc tải tệp, không cả hai.")
        return data


class InviteForm(Form):
    bodies = forms.ModelMultipleChoiceField(
        label="Cơ quan được lấy ý kiến", queryset=Body.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = Body.objects.filter(council=council).order_by("name")


class ModerateForm(Form):
    decision = forms.ChoiceField(label="Quyết định", choices=[("dang", "Đăng"), ("khong_dang", "Không đăng")])
    reason = forms.CharField(label="Lý do không đăng", max_length=500, required=False)


class ResponseForm(Form):
    article = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=999)
    kind = forms.ChoiceField(label="Hình thức", choices=ResponseKind.choices)
    text = forms.CharField(
        label="Nội dung tiếp thu, giải trình", widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )


class ReportForm(Form):
    signer_authority = forms.ChoiceField(label="Thẩm quyền ký", choices=Authority.choices, initial=Authority.TM)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=200, initial="Phó Chủ tịch")
    signer_name = forms.CharField(label="Họ tên người ký", max_length=200)


class CommentForm(Form):
    """The public's comment. `website` is a trap for robots: hidden from people, it must stay empty."""

    article = forms.TypedChoiceField(label="Góp ý về", coerce=int, choices=[])
    text = forms.CharField(label="Nội dung góp ý", widget=forms.Textarea(attrs={"rows": 6}), max_length=5_000)
    name = forms.CharField(label="Họ tên (không bắt buộc, không công khai)", max_length=200, required=False)
    contact = forms.CharField(
        label="Điện thoại hoặc thư điện tử (không bắt buộc, không công khai)", max_length=200, required=False
    )
    website = forms.CharField(label="Để trống ô này", required=False, max_length=200)

    def __init__(self, *args: object, articles: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [(0, "Góp ý chung về dự thảo")] + [
            (a.number, a.heading) for a in articles if a.number
        ]


class BodyOpinionForm(Form):
    """An invited body's opinions: one box per article (empty: no opinion on it), and a general one."""

    agreed = forms.BooleanField(label="Thống nhất với toàn bộ dự thảo, không có ý kiến khác", required=False)

    def __init__(self, *args: object, articles: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article_0"] = forms.CharField(
            label="Góp ý chung về dự thảo", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5_000
        )
        for a in articles:
            if a.number:
                self.fields[f"article_{a.number}"] = forms.CharField(
                    label=a.heading, widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5_000
                )

    def items(self) -> list[tuple[int, str]]:
        return [
            (int(name.split("_", 1)[1]), value)
            for name, value in self.cleaned_data.items()
            if name.startswith("article_") and value
        ]
