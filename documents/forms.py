from django import forms
from django.contrib.auth import get_user_model

from documents.models import DocType, Document, Issuer, State
from documents.services import DRAFT_FIELDS, INCOMING_FIELDS
from hdnd.forms import DateInput, Form, ModelForm
from registry.models import Body, Council, Person


class DocumentForm(ModelForm):
    """An outgoing draft: type, issuer, text, signer and recipients."""

    class Meta:
        model = Document
        # The fields a draft may change, with its recipient bodies shown just before the recipient lines.
        fields = [*(f for f in DRAFT_FIELDS if f != "recipient_lines"), "recipient_bodies", "recipient_lines"]
        widgets = {
            "issued_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 14}),
            "recipient_lines": forms.Textarea(attrs={"rows": 4}),
            "recipient_bodies": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "issued_on": "Để trống: ngày ban hành là ngày cấp số.",
            "body": "Mỗi dòng là một đoạn. “# ” đầu dòng: đề mục, “## ”: tiểu mục, “! ”: dòng căn giữa. Chú thích "
            "cuối trang: “[^1]” ngay sau số liệu, và một dòng “[^1]: nội dung chú thích”.",
            "recipient_lines": "Mỗi dòng một nơi nhận; mặc định theo loại văn bản, có thể sửa.",
        }

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        issuers = Issuer.objects.filter(council=council)
        # The default issuer is made on first use: any other issuer means there is a choice.
        if issuers.filter(is_default=False).exists():
            self.fields["issuer"].queryset = issuers
            self.fields["issuer"].required = False
            self.fields["issuer"].help_text = "Để trống: cơ quan ban hành mặc định (Hội đồng nhân dân, HĐND)."
        else:
            # A council with one issuer has nothing to choose: the draft takes the default.
            del self.fields["issuer"]
        self.fields["recipient_bodies"].queryset = Body.objects.filter(council=council, active=True)
        self.fields["subject"].required = True


class IncomingForm(ModelForm):
    """An incoming document as it arrives: who sent it, their number and date, who handles it."""

    class Meta:
        model = Document
        fields = list(INCOMING_FIELDS)
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
    # Nineteen short names a native select finds by typing: no search box above it (hdnd/static/hdnd/app.js).
    loai = forms.ChoiceField(
        label="Loại văn bản",
        choices=[("", "Tất cả các loại"), *DocType.choices],
        required=False,
        widget=forms.Select(attrs={"data-no-search": ""}),
    )
    trang_thai = forms.ChoiceField(label="Trạng thái", choices=[("", "Mọi trạng thái"), *State.choices], required=False)
    co_quan = forms.ModelChoiceField(label="Cơ quan", queryset=Body.objects.none(), required=False)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = Body.objects.filter(council=council)


class IssuerForm(Form):
    """An issuing authority: its names in the header and the symbols of its numbers."""

    name = forms.CharField(
        label="Tên cơ quan ban hành",
        max_length=200,
        required=False,
        help_text="Ví dụ: Ban Kinh tế - Xã hội (in hoa ở tiêu đề văn bản).",
    )
    parent_name = forms.CharField(
        label="Tên cơ quan chủ quản",
        max_length=200,
        required=False,
        help_text="Dòng trên tên cơ quan ban hành, ví dụ: HĐND thị xã Đức Phổ (với các Ban). Để trống với HĐND.",
    )
    symbol = forms.CharField(
        label="Chữ viết tắt",
        max_length=30,
        required=False,
        help_text="Đứng sau loại văn bản trong số, ký hiệu: KTXH cho “05/BC-KTXH”.",
    )
    letter_symbol = forms.CharField(
        label="Ký hiệu công văn",
        max_length=40,
        required=False,
        help_text="Toàn bộ ký hiệu của công văn, ví dụ: KTXH-VP cho “15/KTXH-VP”. Để trống: chữ viết tắt + “-VP”.",
    )
    body = forms.ModelChoiceField(
        label="Cơ quan trong danh mục",
        queryset=Body.objects.none(),
        required=False,
        help_text="Ví dụ: Ban Kinh tế - Xã hội.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council, active=True)


class SeriesForm(Form):
    """A council's series and number pattern for a type."""

    series = forms.CharField(
        label="Sổ đăng ký",
        max_length=20,
        required=False,
        help_text="Các loại văn bản cùng sổ dùng chung một dãy số (ví dụ: NQ cho mọi nghị quyết).",
    )
    pattern = forms.CharField(
        label="Mẫu số, ký hiệu",
        max_length=60,
        required=False,
        help_text="{so} số thứ tự, {nam} năm, {loai} viết tắt loại văn bản, {ky_hieu} chữ viết tắt của cơ quan, "
        "{ky_hieu_cv} ký hiệu công văn. Ví dụ: {so}/{nam}/{loai}-{ky_hieu}.",
    )
