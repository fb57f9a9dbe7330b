import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator

from hdnd.dates import format_date
from hdnd.forms import DateInput, Form, ModelForm
from registry.models import (
    AccessKind,
    Body,
    BodyKind,
    CalendarDay,
    Council,
    DelegateStatus,
    Gender,
    Membership,
    Person,
    Role,
    Term,
)
from registry.rules import UNIT_LABELS


class CouncilForm(ModelForm):
    class Meta:
        model = Council
        fields = [
            "level",
            "unit_type",
            "unit_name",
            "unit_code",
            "historical",
            "parent",
            "active",
            "ceased_on",
            "place_name",
        ]
        widgets = {"ceased_on": DateInput()}


class TermForm(ModelForm):
    class Meta:
        model = Term
        fields = ["name", "starts_on", "ends_on", "delegates_elected"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class DelegateForm(Form):
    """A new delegate: the person and their seat in one form."""

    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—"), *Gender.choices], required=False)
    birth_year = forms.IntegerField(label="Năm sinh", min_value=1900, max_value=2100, required=False)
    position = forms.CharField(label="Chức vụ", max_length=250, required=False)
    workplace = forms.CharField(label="Nơi công tác", max_length=250, required=False)
    term = forms.ModelChoiceField(label="Nhiệm kỳ", queryset=Term.objects.none())
    group = forms.ModelChoiceField(label="Tổ đại biểu", queryset=Body.objects.none(), required=False)
    constituency = forms.CharField(label="Đơn vị bầu cử", max_length=200, required=False)
    elected_on = forms.DateField(label="Ngày trúng cử", widget=DateInput())

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(council=council)
        self.fields["group"].queryset = Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP)


class DelegateEditForm(Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—"), *Gender.choices], required=False)
    birth_year = forms.IntegerField(label="Năm sinh", min_value=1900, max_value=2100, required=False)
    position = forms.CharField(label="Chức vụ", max_length=250, required=False)
    workplace = forms.CharField(label="Nơi công tác", max_length=250, required=False)
    group = forms.ModelChoiceField(label="Tổ đại biểu", queryset=Body.objects.none(), required=False)
    constituency = forms.CharField(label="Đơn vị bầu cử", max_length=200, required=False)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP)


class DelegateStatusForm(Form):
    status = forms.ChoiceField(
        label="Tình trạng", choices=[c for c in DelegateStatus.choices if c[0] != DelegateStatus.ELECTED]
    )
    happened_on = forms.DateField(label="Từ ngày", widget=DateInput())
    note = forms.CharField(label="Ghi chú (căn cứ)", max_length=250, required=False)


class BodyForm(ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "short_name", "parent", "linked_council", "email", "active"]

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["parent"].queryset = Body.objects.filter(council=council)
        self.fields["linked_council"].queryset = Council.objects.filter(
            pk__in=[c.pk for c in (council.parent, *council.children.all()) if c is not None]
        )
        self.fields["short_name"].required = False


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(council=council)

    def _post_clean(self) -> None:
        # The overlap and single-holder rules live in the service; only field validation here.
        pass


class MembershipEndForm(Form):
    ends_on = forms.DateField(label="Ngày kết thúc", widget=DateInput())


class SettingForm(Form):
    value = forms.IntegerField(label="Giá trị", min_value=0, required=False)
    unit = forms.ChoiceField(label="Đơn vị", choices=list(UNIT_LABELS.items()))
    valid_from = forms.DateField(
        label="Áp dụng từ ngày",
        required=False,
        widget=DateInput(),
        help_text="Để trống: áp dụng từ đầu. Thời hạn bắt đầu tính từ ngày này trở đi dùng giá trị mới.",
    )
    decision = forms.CharField(
        label="Văn bản của Hội đồng quy định",
        max_length=300,
        required=False,
        help_text="Ví dụ: Nghị quyết 05/NQ-HĐND ngày 10/07/2026 ban hành Quy chế làm việc.",
    )


class CalendarDayForm(ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["day", "kind", "note"]
        widgets = {"day": DateInput()}

    def _post_clean(self) -> None:
        pass


class UserGrantForm(Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        widget=forms.PasswordInput,
        required=False,
        help_text="Chỉ cần khi tạo tài khoản mới; người dùng nên đổi mật khẩu sau lần đăng nhập đầu.",
    )
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    body = forms.ModelChoiceField(
        label="Cơ quan (người dùng cơ quan, thành viên Ban)", queryset=Body.objects.none(), required=False
    )
    person = forms.ModelChoiceField(
        label="Cá nhân (đại biểu, thành viên Thường trực)", queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council)
        self.fields["person"].queryset = Person.objects.filter(council=council)


class TokenForm(Form):
    name = forms.CharField(label="Tên mã truy cập", max_length=80)


class OtpCodeForm(Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=16,
        help_text="Sáu chữ số trong ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


# The log is searched over the product's lifetime; a year outside these is a typing mistake.
LOG_FIRST_DAY = datetime.date(2000, 1, 1)
LOG_LAST_DAY = datetime.date(2100, 12, 31)


def check_log_period(date_from: datetime.date | None, date_to: datetime.date | None) -> dict[str, str]:
    """Vietnamese errors per field for a log period out of range or backwards (empty when it is fine)."""
    errors = {}
    for name, day in (("tu_ngay", date_from), ("den_ngay", date_to)):
        if day is not None and not LOG_FIRST_DAY <= day <= LOG_LAST_DAY:
            errors[name] = f"Ngày phải trong khoảng {format_date(LOG_FIRST_DAY)} – {format_date(LOG_LAST_DAY)}."
    if not errors and date_from and date_to and date_from > date_to:
        errors["den_ngay"] = "“Đến ngày” phải sau hoặc bằng “Từ ngày”."
    return errors


NO_CONTROL_CHARACTERS = RegexValidator(
    r"[\x00-\x1f\x7f]", inverse_match=True, message="Chữ tìm không được chứa ký tự điều khiển."
)


class PersonalAccessFilterForm(Form):
    """Filters of the personal-data access log: user, period (dd/mm/yyyy), record kind, access kind, text."""

    nguoi_dung = forms.ModelChoiceField(
        label="Người truy cập",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Tất cả người dùng",
        error_messages={"invalid_choice": "Người dùng không có trong Hội đồng."},
    )
    tu_ngay = forms.DateField(
        label="Từ ngày", required=False, widget=DateInput(), error_messages={"invalid": "Ngày phải viết dd/mm/yyyy."}
    )
    den_ngay = forms.DateField(
        label="Đến ngày", required=False, widget=DateInput(), error_messages={"invalid": "Ngày phải viết dd/mm/yyyy."}
    )
    loai_ho_so = forms.ChoiceField(
        label="Loại hồ sơ", required=False, error_messages={"invalid_choice": "Loại hồ sơ không hợp lệ."}
    )
    hinh_thuc = forms.ChoiceField(
        label="Hình thức",
        required=False,
        choices=[("", "Mọi hình thức"), *AccessKind.choices],
        error_messages={"invalid_choice": "Hình thức truy cập không hợp lệ."},
    )
    q = forms.CharField(
        label="Tìm kiếm",
        required=False,
        max_length=100,
        error_messages={"max_length": "Chữ tìm dài tối đa %(limit_value)d ký tự."},
    )

    def __init__(self, *args: object, council: Council, record_kinds: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(grants__council=council).distinct().order_by("username")
        self.fields["nguoi_dung"].queryset = users
        self.fields["loai_ho_so"].choices = [("", "Mọi loại hồ sơ"), *sorted(record_kinds.items())]
        # Django's own refusal of a NUL byte speaks English; control characters get a Vietnamese one.
        q = self.fields["q"]
        q.validators = [v for v in q.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        q.validators.append(NO_CONTROL_CHARACTERS)

    def clean(self) -> dict:
        data = super().clean()
        for name, message in check_log_period(data.get("tu_ngay"), data.get("den_ngay")).items():
            self.add_error(name, message)
        return data
