"""Obligations for tests, built through the services as the workflow apps will build them."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from followup import services
from followup.kinds import TASK
from followup.models import Obligation
from registry.models import Body, Council

D = datetime.date
SOURCE_DATE = D(2024, 1, 2)
DUE_ON = D(2024, 1, 31)


def make_obligation(
    *,
    council: Council,
    owner: Body,
    title: str = "Báo cáo kết quả thực hiện",
    source_date: datetime.date = SOURCE_DATE,
    due_on: datetime.date | None = DUE_ON,
    user: AbstractBaseUser | None = None,
    **kwargs: object,
) -> Obligation:
    return services.obligation_create(
        council=council,
        owner=owner,
        title=title,
        kind=kwargs.pop("kind", TASK),
        source_label=kwargs.pop("source_label", "Thông báo kết luận số 12/TB-HĐND"),
        source_date=source_date,
        due_on=due_on,
        user=user,
        **kwargs,
    )


def make_in_state(obligation: Obligation, state: str, *, on: datetime.date | None = None) -> Obligation:
    """Drive an obligation to `state` through the services (no raw saves)."""
    path = {
        "da_giao": [],
        "dang_thuc_hien": ["start"],
        "da_bao_cao": ["done"],
        "tra_lai": ["done", "return"],
        "hoan_thanh": ["done", "accept"],
        "da_huy": ["cancel"],
    }[state]
    for step in path:
        if step == "start":
            services.obligation_start(obligation=obligation, user=None)
        elif step == "done":
            services.obligation_report(obligation=obligation, user=None, text="Đã thực hiện xong.", done=True, on=on)
        elif step == "return":
            services.obligation_return(obligation=obligation, user=None, reason="Chưa đủ minh chứng.")
        elif step == "accept":
            services.obligation_accept(obligation=obligation, user=None)
        elif step == "cancel":
            services.obligation_cancel(obligation=obligation, user=None, reason="Không còn cần thiết.")
    return obligation
