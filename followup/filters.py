"""The filters of the obligation list, shared by the screen, the Excel export and the API."""

import datetime

import django_filters
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from followup.kinds import kind_choices
from followup.models import OPEN_STATES, Obligation, State
from followup.selectors import owner_choices
from hdnd.forms import DateInput
from hdnd.text import fold
from registry.models import Council

OVERDUE = "qua_han"
UNFINISHED = "chua_xong"
STATE_CHOICES = [
    (OVERDUE, "Quá hạn"),
    (UNFINISHED, "Chưa hoàn thành"),
    *State.choices,
]


class ObligationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Tìm kiếm")
    co_quan = django_filters.ModelChoiceFilter(field_name="owner", queryset=None, label="Cơ quan thực hiện")
    loai = django_filters.ChoiceFilter(field_name="kind", choices=kind_choices, label="Loại nguồn")
    trang_thai = django_filters.ChoiceFilter(method="filter_state", choices=STATE_CHOICES, label="Trạng thái")
    han_tu = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="Hạn từ ngày", widget=DateInput())
    han_den = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label="Hạn đến ngày", widget=DateInput()
    )

    class Meta:
        model = Obligation
        fields: list[str] = []

    def __init__(
        self,
        data: object,
        queryset: QuerySet[Obligation],
        *,
        user: AbstractBaseUser | AnonymousUser,
        council: Council,
        on: datetime.date,
    ) -> None:
        super().__init__(data, queryset=queryset)
        self.on = on
        self.filters["co_quan"].queryset = owner_choices(user=user, council=council)

    def filter_search(self, qs: QuerySet[Obligation], name: str, value: str) -> QuerySet[Obligation]:
        key = fold(value)
        return qs.filter(Q(title_folded__contains=key) | Q(owner__name_folded__contains=key)) if key else qs

    def filter_state(self, qs: QuerySet[Obligation], name: str, value: str) -> QuerySet[Obligation]:
        if value == OVERDUE:
            return qs.filter(is_overdue=True)
        if value == UNFINISHED:
            return qs.filter(state__in=[*OPEN_STATES, State.REPORTED_DONE])
        return qs.filter(state=value)
