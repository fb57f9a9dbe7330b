from django import forms
from django.contrib.auth import get_user_model

from documents.models import DocType, Document, Issuer, State
from hdnd.forms import DateInput, Form, ModelForm
from registry.models import Body, Council, Person


class DocumentForm(ModelForm):
    """An outgoing draft: type, issuer, text, signer and recipients."""

    class Meta:
        model = Document
        fields = [
            "doc_type",
            "normative",
            "issuer",
            "place",
            "issued_on",
            "subject",
            "body",
            "signer_authority",
            "signer_collective",
            "signer_title",
            "signer_name",
            "recipient_bodies",
            "recipient_lines",
        ]
        widgets = {
            "issued_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 14}),
            "recipient_lines": forms.Textarea(attrs={"rows": 4}),
            "recipient_bodies": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"issued_on": "Để trống: ngày ban hành là ngày cấp số."}

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["issuer"].queryset = Issuer.objects.filter(council=council)
        self.fields["issuer"].required = False
        self.fields["issuer"].help_text = "Để trống: Hội đồng nhân dân (HĐND)."
        self.fields["recipient_bodies"].queryset = Body.objects.filter(council=council, active=True)
        self.fields["subject"].required = True


class IncomingForm(ModelForm):
    """An incoming document as it arrives: who sent it, their number and date, who handles it."""

    class Meta:
        model = Document
        fields = [
            "doc_type",
            "sender_body",
            "sender_name",
            "external_number",
            "external_date",
            "received_on",
            "subject",
            "body",
            "handler_user",
            "handler_person",
        ]
        widgets = {
            "external_date": DateInput(),
            "received_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["sender_body"].queryset = Body.objects.filter(council=council)
        self.fields["handler_person"].queryset = Person.objects.filter(council=council)
        self.fields["handler_user"].queryset = get_user_model().objects.filter(grants__council=council).distinct()
        self.fields["received_on"].required = True
        self.fields["subject"].required = True

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("sender_body") and not data.get("sender_name"):
            self.add_error("sender_name", "Vui lòng chọn hoặc nhập cơ quan gửi.")
        return data


class WithdrawForm(Form):
    reason = forms.CharField(label="Lý do thu hồi", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(Form):
    file = forms.FileField(label="Tệp đính kèm")


class TemplateUploadForm(Form):
    file = forms.FileField(label="Tệp mẫu (.docx)")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError("Tệp mẫu phải là tệp Word (.docx).")
        return upload


class RegisterFilterForm(Form):
    """The register's filters, from the query string."""

    q = forms.CharField(label="Tìm kiếm", required=False)
    loai = forms.ChoiceField(label="Loại văn bản", choices=[("", "Tất cả các loại"), *DocType.choices], required=False)
    trang_thai = forms.ChoiceField(label="Trạng thái", choices=[("", "Mọi trạng thái"), *State.choices], required=False)
    co_quan = forms.ModelChoiceField(label="Cơ quan", queryset=Body.objects.none(), required=False)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = Body.objects.filter(council=council)
