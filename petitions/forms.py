"""Forms of the petition screens; Vietnamese labels and messages, text cleaned to NFC."""

import datetime

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser

from documents.models import Authority, Direction, DocType, Document
from documents.selectors import document_scope
from hdnd.forms import DateInput, Form
from petitions.models import (
    ANSWER_STATES,
    ContactPlace,
    Level,
    MeetingForm,
    Period,
    PetitionField,
    PetitionState,
    PlaceKind,
    Timing,
)
from registry.models import Body, Council, Delegate

REQUIRED = "Vui lòng nhập {}."
EMPTY_CHOICE = "— Chọn —"


def _required(label: str) -> dict[str, str]:
    return {"required": REQUIRED.format(label.lower()), "invalid_choice": f"{label} không hợp lệ."}


class RoundForm(Form):
    year = forms.IntegerField(
        label="Năm", min_value=2000, max_value=2100, error_messages={"required": "Vui lòng nhập năm."}
    )
    period = forms.ChoiceField(label="Kỳ họp", choices=Period.choices, error_messages=_required("Kỳ họp"))
    timing = forms.ChoiceField(label="Thời điểm", choices=Timing.choices, error_messages=_required("Thời điểm"))
    label = forms.CharField(label="Tên đợt", required=False, help_text="Để trống: “trước kỳ họp giữa năm 2024”.")
    starts_on = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    ends_on = forms.DateField(label="Đến ngày", required=False, widget=DateInput())


class PlaceForm(Form):
    name = forms.CharField(
        label="Tên thôn, tổ dân phố", max_length=120, error_messages={"required": "Vui lòng nhập tên thôn, tổ dân phố."}
    )
    kind = forms.ChoiceField(label="Loại", choices=PlaceKind.choices, error_messages=_required("Loại"))
    active = forms.BooleanField(label="Đang dùng", required=False, initial=True)


class MeetingCreateForm(Form):
    """A meeting in one commune or ward — or, for a commune council, in one of its own villages."""

    unit = forms.ModelChoiceField(
        label="Xã, phường", queryset=Council.objects.none(), required=False, empty_label=EMPTY_CHOICE
    )
    contact_place = forms.ModelChoiceField(
        label="Hoặc thôn, tổ dân phố",
        queryset=ContactPlace.objects.none(),
        required=False,
        empty_label=EMPTY_CHOICE,
        help_text="Hội đồng cấp xã tiếp xúc cử tri tại thôn, tổ dân phố của mình.",
    )
    held_on = forms.DateField(
        label="Ngày tiếp xúc", widget=DateInput(), error_messages={"required": "Vui lòng nhập ngày tiếp xúc."}
    )
    place = forms.CharField(label="Địa điểm", max_length=250, error_messages={"required": "Vui lòng nhập địa điểm."})
    form = forms.ChoiceField(label="Hình thức", choices=MeetingForm.choices, error_messages=_required("Hình thức"))
    voters = forms.IntegerField(label="Số cử tri tham dự", min_value=0, required=False)
    delegates = forms.ModelMultipleChoiceField(
        label="Đại biểu tham dự", queryset=Delegate.objects.none(), required=False
    )
    co_organiser = forms.ModelChoiceField(label="Cơ quan phối hợp", queryset=Body.objects.none(), required=False)
    minutes = forms.ModelChoiceField(
        label="Biên bản hội nghị",
        queryset=Document.objects.none(),
        required=False,
        help_text="Văn bản trong sổ văn bản.",
    )

    def __init__(self, *args: object, council: Council, units: object, places: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if places is None or not places.exists():
            del self.fields["contact_place"]
        else:
            self.fields["contact_place"].queryset = places
        self.fields["minutes"].queryset = Document.objects.filter(council=council, doc_type=DocType.BIEN_BAN)
        self.fields["delegates"].queryset = Delegate.objects.filter(term__council=council).select_related("person")
        self.fields["co_organiser"].queryset = Body.objects.filter(council=council)

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("unit") is None) == (data.get("contact_place") is None):
            message = "Vui lòng chọn một xã, phường hoặc một thôn, tổ dân phố (chỉ một)."
            self.add_error("unit" if "contact_place" not in self.fields else "contact_place", message)
        data.setdefault("contact_place", None)
        return data


EMPTY = "— Chọn —"


class _PetitionFieldsForm(Form):
    """What a petition says and who settles it — its text, field, level and body — the same when it is
    typed and when it is corrected; the field and body lists are the council's."""

    text = forms.CharField(
        label="Nội dung kiến nghị",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung kiến nghị."},
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=PetitionField.objects.none(), required=False, empty_label=EMPTY
    )
    level = forms.ChoiceField(label="Cấp thẩm quyền", choices=Level.choices, error_messages=_required("Cấp thẩm quyền"))
    body = forms.ModelChoiceField(
        label="Cơ quan giải quyết", queryset=Body.objects.none(), required=False, empty_label=EMPTY
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = PetitionField.objects.filter(council=council)
        self.fields["body"].queryset = Body.objects.filter(council=council, active=True)


class PetitionEntryForm(_PetitionFieldsForm):
    """One petition of a meeting, typed in a row: text, field, level, body, voters, petitioner."""

    text = forms.CharField(
        label="Nội dung kiến nghị",
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": "Vui lòng nhập nội dung kiến nghị."},
    )
    voters = forms.IntegerField(
        label="Số cử tri",
        min_value=1,
        initial=1,
        error_messages={"required": "Vui lòng nhập số cử tri.", "min_value": "Số cử tri phải từ 1 trở lên."},
    )
    complaint = forms.BooleanField(label="Khiếu nại, tố cáo (chuyển quy trình khiếu nại)", required=False)
    person_name = forms.CharField(label="Người kiến nghị", max_length=120, required=False)
    person_address = forms.CharField(label="Địa chỉ", max_length=250, required=False)
    person_phone = forms.CharField(label="Điện thoại", max_length=20, required=False)


class PetitionEditForm(_PetitionFieldsForm):
    complaint = forms.BooleanField(label="Khiếu nại, tố cáo (chuyển quy trình khiếu nại)", required=False)


class FieldForm(Form):
    name = forms.CharField(
        label="Tên lĩnh vực", max_length=100, error_messages={"required": "Vui lòng nhập tên lĩnh vực."}
    )
    position = forms.IntegerField(label="Thứ tự", min_value=0, max_value=999, initial=50, required=False)


class MergeForm(Form):
    ids = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Chọn ít nhất hai kiến nghị."})
    text = forms.CharField(
        label="Nội dung kiến nghị tổng hợp", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_ids(self) -> list[int]:
        raw = self.cleaned_data["ids"]
        try:
            ids = sorted({int(x) for x in raw.split(",") if x.strip()})
        except ValueError as exc:
            raise forms.ValidationError("Danh sách kiến nghị không hợp lệ.") from exc
        if len(ids) < 2:
            raise forms.ValidationError("Chọn ít nhất hai kiến nghị để gộp.")
        return ids


class ForwardForm(Form):
    body = forms.ModelChoiceField(
        label="Cơ quan nhận", queryset=Body.objects.none(), error_messages=_required("Cơ quan nhận")
    )
    issued_on = forms.DateField(
        label="Ngày ban hành công văn",
        widget=DateInput(),
        initial=datetime.date.today,
        error_messages={"required": "Vui lòng nhập ngày ban hành."},
    )
    signer_authority = forms.ChoiceField(
        label="Thẩm quyền ký", choices=Authority.choices, initial=Authority.TM, required=False
    )
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=200, error_messages={"required": "Vui lòng nhập chức vụ người ký."}
    )
    signer_name = forms.CharField(
        label="Họ và tên người ký", max_length=120, error_messages={"required": "Vui lòng nhập họ và tên người ký."}
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council)


class AnswerForm(Form):
    state = forms.ChoiceField(
        label="Kết quả",
        choices=[(s.value, s.label) for s in ANSWER_STATES],
        error_messages=_required("Kết quả"),
    )
    text = forms.CharField(
        label="Nội dung trả lời",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung trả lời."},
    )
    document = forms.ModelChoiceField(
        label="Văn bản trả lời (đã vào sổ văn bản đến)",
        queryset=Document.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )

    def __init__(self, *args: object, council: Council, user: AbstractBaseUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Only documents the user may open: an agency picks among those addressed to or sent by its body.
        self.fields["document"].queryset = document_scope(user=user, council=council).filter(
            direction=Direction.INCOMING
        )


class FilterForm(Form):
    """The filters of the petition list (all optional)."""

    dot = forms.IntegerField(label="Đợt", required=False, widget=forms.Select)
    cap = forms.ChoiceField(label="Cấp thẩm quyền", choices=[("", "Tất cả"), *Level.choices], required=False)
    linh_vuc = forms.IntegerField(label="Lĩnh vực", required=False, widget=forms.Select)
    xa = forms.IntegerField(label="Xã, phường", required=False, widget=forms.Select)
    co_quan = forms.IntegerField(label="Cơ quan giải quyết", required=False, widget=forms.Select)
    trang_thai = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả"), *PetitionState.choices], required=False)
    q = forms.CharField(label="Tìm kiếm", required=False)

    def __init__(self, *args: object, rounds: list, fields: list, units: list, bodies: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["xa"].widget.choices = [("", "Tất cả")] + [(u.pk, u.unit_label) for u in units]
        self.fields["co_quan"].widget.choices = [("", "Tất cả")] + [(b.pk, b.short_name) for b in bodies]
        self.fields["dot"].widget.choices = [("", "Tất cả")] + [(r.pk, r.label) for r in rounds]
        self.fields["linh_vuc"].widget.choices = [("", "Tất cả")] + [(f.pk, f.name) for f in fields]
