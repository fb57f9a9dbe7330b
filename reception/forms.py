"""Forms of the reception screens; Vietnamese labels and messages, text cleaned to NFC."""

from django import forms

from documents.models import Authority
from hdnd.forms import DateInput, Form
from reception.models import (
    Category,
    Channel,
    Field,
    Handling,
    HolidayShift,
    Ineligible,
    OnTheSpot,
    ReceptionSession,
    RefusalGround,
    RosterRule,
    SessionKind,
)
from registry.models import Body, Council, Person

EMPTY = "— Chọn —"
CONTENT_SLOTS = 3  # contents entered with the letter; more come by splitting a content on its page


def _choices(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", EMPTY), *choices]


class LetterForm(Form):
    received_on = forms.DateField(
        label="Ngày nhận đơn", widget=DateInput(), error_messages={"required": "Vui lòng nhập ngày nhận đơn."}
    )
    channel = forms.ChoiceField(label="Nguồn đơn", choices=Channel.choices, initial=Channel.POST)
    reception = forms.ModelChoiceField(
        label="Nhận tại buổi tiếp công dân", queryset=ReceptionSession.objects.none(), required=False, empty_label=EMPTY
    )
    forwarded_by = forms.ModelChoiceField(
        label="Đại biểu chuyển đơn", queryset=Person.objects.none(), required=False, empty_label=EMPTY
    )
    from_body = forms.ModelChoiceField(
        label="Cơ quan chuyển đơn", queryset=Body.objects.none(), required=False, empty_label=EMPTY
    )
    anonymous = forms.BooleanField(label="Đơn nặc danh (không ghi tên người gửi)", required=False)
    signed = forms.BooleanField(label="Đơn có chữ ký hoặc điểm chỉ", required=False, initial=True)
    sender_name = forms.CharField(label="Họ và tên người gửi", max_length=120, required=False)
    sender_address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    sender_phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    sender_id = forms.CharField(label="Số định danh cá nhân", max_length=20, required=False)
    people = forms.IntegerField(label="Số người đứng đơn", min_value=1, max_value=100_000, initial=1)
    unit = forms.ModelChoiceField(
        label="Xã, phường nơi phát sinh", queryset=Council.objects.none(), required=False, empty_label=EMPTY
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # The latest 200 receptions to pick from; a sliced queryset would refuse every choice on validation.
        latest = ReceptionSession.objects.filter(council=council).order_by("-held_on", "-pk").values("pk")[:200]
        self.fields["reception"].queryset = ReceptionSession.objects.filter(pk__in=latest).order_by("-held_on", "-pk")
        self.fields["forwarded_by"].queryset = Person.objects.filter(
            council=council, delegacies__isnull=False
        ).distinct()
        self.fields["from_body"].queryset = Body.objects.filter(council=council)
        self.fields["unit"].queryset = Council.objects.filter(parent=council).order_by("unit_name")
        for i in range(1, CONTENT_SLOTS + 1):
            first = i == 1
            self.fields[f"category_{i}"] = forms.ChoiceField(
                label=f"Nội dung {i}: loại đơn", choices=_choices(Category.choices[:4]), required=first
            )
            self.fields[f"field_{i}"] = forms.ChoiceField(
                label=f"Nội dung {i}: lĩnh vực", choices=Field.choices, initial=Field.OTHER, required=False
            )
            self.fields[f"summary_{i}"] = forms.CharField(
                label=f"Nội dung {i}: tóm tắt",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=10_000,
                required=first,
            )
            self.fields[f"protected_{i}"] = forms.BooleanField(
                label=f"Nội dung {i}: người tố cáo đề nghị giữ bí mật thông tin cá nhân", required=False
            )
        self.fields["category_1"].error_messages["required"] = "Vui lòng chọn loại đơn của nội dung 1."
        self.fields["summary_1"].error_messages["required"] = "Vui lòng nhập tóm tắt nội dung 1."

    def service_args(self) -> dict:
        """The cleaned form as `letter_receive`'s arguments (the contents and the sender as its records)."""
        from reception.services import CaseIn, SenderIn

        d = self.cleaned_data
        cases = [
            CaseIn(
                category=d[f"category_{i}"],
                field=d[f"field_{i}"] or Field.OTHER,
                summary=d[f"summary_{i}"],
                protected=d[f"protected_{i}"],
            )
            for i in range(1, CONTENT_SLOTS + 1)
            if d.get(f"category_{i}") or d.get(f"summary_{i}")
        ]
        senders = []
        if d["sender_name"]:
            senders.append(
                SenderIn(
                    full_name=d["sender_name"],
                    address=d["sender_address"],
                    phone=d["sender_phone"],
                    id_number=d["sender_id"],
                )
            )
        return {
            "received_on": d["received_on"],
            "channel": d["channel"],
            "reception": d["reception"],
            "forwarded_by": d["forwarded_by"],
            "from_body": d["from_body"],
            "anonymous": d["anonymous"],
            "signed": d["signed"],
            "people": d["people"],
            "unit": d["unit"],
            "cases": cases,
            "senders": senders,
        }


class ClassifyForm(Form):
    category = forms.ChoiceField(label="Loại đơn", choices=Category.choices)
    field = forms.ChoiceField(label="Lĩnh vực", choices=Field.choices)
    eligible = forms.TypedChoiceField(
        label="Điều kiện xử lý",
        choices=[("", "Chưa xác định"), ("1", "Đủ điều kiện xử lý"), ("0", "Không đủ điều kiện xử lý")],
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
    )
    ineligible_reason = forms.ChoiceField(
        label="Lý do không đủ điều kiện", choices=_choices(Ineligible.choices), required=False
    )
    handling = forms.ChoiceField(
        label="Kết quả xử lý",
        choices=_choices([c for c in Handling.choices if c[0] != Handling.FORWARDED]),
        required=False,
    )
    competent_body = forms.ModelChoiceField(
        label="Cơ quan có thẩm quyền", queryset=Body.objects.none(), required=False, empty_label=EMPTY
    )
    effective_on = forms.DateField(
        label="Có hiệu lực từ ngày",
        widget=DateInput(),
        required=False,
        help_text="Để trống: từ hôm nay. Số liệu các kỳ đã qua giữ phân loại của kỳ đó.",
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competent_body"].queryset = Body.objects.filter(council=council)


class ForwardForm(Form):
    body = forms.ModelChoiceField(
        label="Cơ quan có thẩm quyền nhận đơn",
        queryset=Body.objects.none(),
        empty_label=EMPTY,
        error_messages={"required": "Vui lòng chọn cơ quan nhận đơn."},
    )
    issued_on = forms.DateField(label="Ngày chuyển", widget=DateInput(), required=False)
    signer_authority = forms.ChoiceField(label="Thẩm quyền ký", choices=Authority.choices, initial=Authority.TM)
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=120, error_messages={"required": "Vui lòng nhập chức vụ người ký."}
    )
    signer_name = forms.CharField(
        label="Họ tên người ký", max_length=120, error_messages={"required": "Vui lòng nhập họ tên người ký."}
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council)


class SplitForm(Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for i in (1, 2, 3):
            required = i <= 2
            self.fields[f"category_{i}"] = forms.ChoiceField(
                label=f"Phần {i}: loại đơn", choices=_choices(Category.choices[:4]), required=required
            )
            self.fields[f"field_{i}"] = forms.ChoiceField(
                label=f"Phần {i}: lĩnh vực", choices=Field.choices, initial=Field.OTHER, required=False
            )
            self.fields[f"summary_{i}"] = forms.CharField(
                label=f"Phần {i}: nội dung", widget=forms.Textarea(attrs={"rows": 2}), required=required
            )

    def parts(self) -> list:
        from reception.services import CaseIn

        d = self.cleaned_data
        return [
            CaseIn(category=d[f"category_{i}"], field=d[f"field_{i}"] or Field.OTHER, summary=d[f"summary_{i}"])
            for i in (1, 2, 3)
            if d.get(f"category_{i}") or d.get(f"summary_{i}")
        ]


class ToldForm(Form):
    on = forms.DateField(label="Ngày thông báo cho công dân", widget=DateInput())


class GrantForm(Form):
    user = forms.ModelChoiceField(label="Người được xem", queryset=None, empty_label=EMPTY)
    reason = forms.CharField(label="Lý do", max_length=300)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(grants__council=council).distinct()


class SessionForm(Form):
    held_on = forms.DateField(label="Ngày tiếp", widget=DateInput())
    kind = forms.ChoiceField(label="Hình thức", choices=SessionKind.choices)
    place = forms.CharField(label="Địa điểm", max_length=250, required=False)
    receivers = forms.ModelMultipleChoiceField(label="Người tiếp", queryset=Person.objects.none(), required=False)
    citizens = forms.IntegerField(label="Số lượt người được tiếp", min_value=1, max_value=100_000, initial=1)
    group = forms.BooleanField(label="Đoàn đông người", required=False)
    representative = forms.CharField(label="Người đại diện", max_length=250, required=False)
    content = forms.CharField(label="Nội dung công dân trình bày", widget=forms.Textarea(attrs={"rows": 4}))
    documents = forms.CharField(
        label="Tài liệu công dân cung cấp", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    on_the_spot = forms.ChoiceField(label="Kết quả tại buổi tiếp", choices=OnTheSpot.choices)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receivers"].queryset = Person.objects.filter(council=council)


class StatsForm(Form):
    """The period of the statistics: a year, or part of it (from, to), its progress read at the end."""

    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2100, required=False)
    date_from = forms.DateField(label="Từ ngày", widget=DateInput(), required=False)
    date_to = forms.DateField(label="Đến ngày", widget=DateInput(), required=False)

    def clean(self) -> dict:
        from reception.selectors import period_of

        data = super().clean()
        year = data.get("year") or next(
            (d.year for d in (data.get("date_from"), data.get("date_to")) if d is not None), None
        )
        if year is not None and not self.errors:
            period_of(year, data.get("date_from"), data.get("date_to"))
            data["year"] = year
        return data


class RosterForm(Form):
    rule = forms.ChoiceField(label="Cách xác định ngày tiếp", choices=RosterRule.choices)
    day = forms.IntegerField(label="Ngày trong tháng", min_value=1, max_value=28, required=False)
    weekday = forms.TypedChoiceField(
        label="Thứ",
        choices=[("", EMPTY), ("0", "Thứ Hai"), ("1", "Thứ Ba"), ("2", "Thứ Tư"), ("3", "Thứ Năm"), ("4", "Thứ Sáu")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    week = forms.TypedChoiceField(
        label="Tuần trong tháng",
        choices=[
            ("", EMPTY),
            ("1", "Tuần thứ nhất"),
            ("2", "Tuần thứ hai"),
            ("3", "Tuần thứ ba"),
            ("4", "Tuần thứ tư"),
            ("5", "Tuần cuối"),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )
    shift = forms.ChoiceField(label="Khi trùng ngày nghỉ, ngày lễ", choices=HolidayShift.choices)
    place = forms.CharField(label="Địa điểm tiếp", max_length=250)
    receivers = forms.ModelMultipleChoiceField(label="Người tiếp luân phiên", queryset=Person.objects.none())
    minimum_per_year = forms.IntegerField(
        label="Số lần tiếp tối thiểu mỗi người mỗi năm", min_value=1, max_value=366, required=False
    )
    decision = forms.CharField(label="Văn bản quy định", max_length=300)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receivers"].queryset = Person.objects.filter(council=council)


class PeriodForm(Form):
    start = forms.DateField(label="Từ ngày", widget=DateInput())
    end = forms.DateField(label="Đến ngày", widget=DateInput())


class SlotChangeForm(Form):
    day = forms.DateField(label="Ngày tiếp mới", widget=DateInput(), required=False)
    person = forms.ModelChoiceField(
        label="Người tiếp thay", queryset=Person.objects.none(), required=False, empty_label=EMPTY
    )
    place = forms.CharField(label="Địa điểm", max_length=250, required=False)
    reason = forms.CharField(label="Lý do thay đổi", max_length=300)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(council=council)


class FromPetitionForm(Form):
    category = forms.ChoiceField(
        label="Loại đơn",
        choices=[(Category.COMPLAINT, "Khiếu nại"), (Category.DENUNCIATION, "Tố cáo")],
    )
    field = forms.ChoiceField(label="Lĩnh vực", choices=Field.choices, initial=Field.OTHER)


class TaskForm(Form):
    body = forms.ModelChoiceField(label="Cơ quan thực hiện", queryset=Body.objects.none(), empty_label=EMPTY)
    text = forms.CharField(label="Nội dung giao", widget=forms.Textarea(attrs={"rows": 2}), max_length=5_000)
    due_on = forms.DateField(label="Hạn thực hiện", widget=DateInput(), required=False)

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(council=council)


class NoticeForm(Form):
    conclusion = forms.CharField(label="Ý kiến kết luận", widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)
    signer_authority = forms.ChoiceField(label="Thẩm quyền ký", choices=Authority.choices, initial=Authority.TL)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120)


class ScanForm(Form):
    scan = forms.FileField(
        label="Bản quét của đơn (PDF, JPEG hoặc PNG, tối đa 10 MB)",
        error_messages={"required": "Vui lòng chọn tệp bản quét của đơn.", "empty": "Tệp bản quét rỗng."},
    )


class SignerForm(Form):
    signer_authority = forms.ChoiceField(label="Thẩm quyền ký", choices=Authority.choices, initial=Authority.TM)
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=120, error_messages={"required": "Vui lòng nhập chức vụ người ký."}
    )
    signer_name = forms.CharField(
        label="Họ tên người ký", max_length=120, error_messages={"required": "Vui lòng nhập họ tên người ký."}
    )


class RefusalForm(SignerForm):
    ground = forms.ChoiceField(label="Căn cứ từ chối tiếp", choices=_choices(RefusalGround.choices))
    established_on = forms.DateField(label="Ngày xác định căn cứ từ chối", widget=DateInput())
    earlier = forms.CharField(
        label="Văn bản đã giải quyết, trả lời (số, ngày, cơ quan)",
        max_length=300,
        error_messages={"required": "Vui lòng ghi văn bản đã giải quyết, trả lời nội dung này."},
    )

    field_order = ["ground", "established_on", "earlier", "signer_authority", "signer_title", "signer_name"]


class RoundLinkForm(Form):
    round = forms.ModelChoiceField(
        label="Đợt giám sát việc giải quyết", queryset=None, required=False, empty_label="— Không gắn —"
    )

    def __init__(self, *args: object, council: Council, **kwargs: object) -> None:
        from supervision.models import Round

        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = Round.objects.filter(council=council).order_by("-set_up_on", "-pk")
