"""Forms of the follow-up screens; labels and messages in Vietnamese, text cleaned to NFC."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from followup.kinds import manual_kind_choices
from followup.selectors import scorecard_period, today
from hdnd.forms import DateInput, Form
from registry.models import Body
from registry.rules import CALENDAR, RULES, WORKING


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _rule_choices() -> list[tuple[str, str]]:
    return [("", "— Nhập hạn xử lý —")] + [(r.key, f"{r.group}: {r.label}") for r in RULES]


class ObligationForm(Form):
    owner = forms.ModelChoiceField(
        label="Cơ quan thực hiện",
        queryset=Body.objects.none(),
        error_messages={"required": "Vui lòng chọn cơ quan thực hiện.", "invalid_choice": "Cơ quan không hợp lệ."},
    )
    title = forms.CharField(
        label="Nội dung phải thực hiện",
        max_length=500,
        error_messages={"required": "Vui lòng nhập nội dung phải thực hiện."},
    )
    description = forms.CharField(label="Mô tả", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    # Only the kinds a manager may assign by hand; the others come from their own workflow.
    kind = forms.ChoiceField(
        label="Loại",
        choices=manual_kind_choices,
        error_messages={"invalid_choice": "Loại việc này không giao trực tiếp bằng tay được."},
    )
    source_label = forms.CharField(
        label="Nguồn", max_length=300, required=False, help_text="Ví dụ: Thông báo kết luận số 12/TB-HĐND"
    )
    source_date = forms.DateField(
        label="Ngày của nguồn", widget=DateInput(), error_messages={"required": "Vui lòng nhập ngày của nguồn."}
    )
    due_on = forms.DateField(label="Hạn xử lý", widget=DateInput(), required=False)
    rule = forms.ChoiceField(label="Hoặc tính hạn theo quy định", choices=_rule_choices, required=False)
    days = forms.IntegerField(label="Hoặc số ngày kể từ ngày của nguồn", min_value=0, required=False)
    unit = forms.ChoiceField(
        label="Đơn vị", choices=[(CALENDAR, "ngày"), (WORKING, "ngày làm việc")], initial=CALENDAR, required=False
    )

    def __init__(self, *args: object, owners: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["source_date"].initial = datetime.date.today

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["rule"] = data.get("rule") or None
        data["unit"] = data.get("unit") or CALENDAR
        return data


REPORT_DONE = "hoan_thanh"
REPORT_KINDS = [("tien_do", "Báo cáo tiến độ"), (REPORT_DONE, "Báo cáo hoàn thành")]


class ReportForm(Form):
    kind = forms.ChoiceField(
        label="Loại báo cáo",
        choices=REPORT_KINDS,
        widget=forms.RadioSelect,
        initial=REPORT_DONE,
        error_messages={"required": "Vui lòng chọn loại báo cáo.", "invalid_choice": "Loại báo cáo không hợp lệ."},
    )
    text = forms.CharField(
        label="Nội dung báo cáo",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Vui lòng nhập nội dung báo cáo."},
    )
    reply_label = forms.CharField(
        label="Văn bản trả lời",
        max_length=300,
        required=False,
        help_text="Số, ký hiệu và ngày của văn bản trả lời, nếu có.",
    )
    files = MultipleFileField(label="Tệp đính kèm", required=False)

    def clean(self) -> dict:
        data = super().clean()
        data["done"] = data.get("kind") == REPORT_DONE  # a report of completion, not of progress
        return data


class ExtendForm(Form):
    due_on = forms.DateField(label="Hạn mới", widget=DateInput(), error_messages={"required": "Vui lòng nhập hạn mới."})
    reason = forms.CharField(
        label="Lý do gia hạn",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Vui lòng nêu lý do gia hạn."},
    )


class StartForm(Form):
    text = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AcceptForm(Form):
    text = forms.CharField(label="Nhận xét", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(Form):
    reason = forms.CharField(
        label="Lý do", widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Vui lòng nêu lý do."}
    )


class ScorecardForm(Form):
    tu_ngay = forms.DateField(label="Hạn từ ngày", widget=DateInput(), required=False)
    den_ngay = forms.DateField(label="Hạn đến ngày", widget=DateInput(), required=False)

    def clean(self) -> dict:
        data = super().clean()
        try:  # the same rule as the API's (followup.selectors.scorecard_period)
            scorecard_period(data.get("tu_ngay"), data.get("den_ngay"), today().year)
        except ValidationError as exc:
            self.add_error("den_ngay", exc.message_dict["date_to"])
        return data

    def period(self, year: int) -> tuple[datetime.date, datetime.date]:
        """The chosen period, by default the calendar year `year` (the council's current year)."""
        data = self.cleaned_data if self.is_valid() else {}
        return scorecard_period(data.get("tu_ngay"), data.get("den_ngay"), year)
