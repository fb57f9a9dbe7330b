"""Bodies and delegates of a town council for supervision tests, built through the registry's services."""

import datetime
from dataclasses import dataclass

from registry import services as registry
from registry.models import Body, BodyKind, Council, Delegate, Term
from registry.tests.factories import BodyFactory, DelegateFactory, PersonFactory
from supervision import services
from supervision.models import Round, RoundKind

D = datetime.date
SET_UP = D(2024, 5, 6)
ENDS = D(2024, 6, 7)


@dataclass
class Setup:
    council: Council
    standing: Body
    committee: Body
    quang: Body
    thanh: Body
    court: Body
    delegates: list[Delegate]


def make_setup(council: Council, term: Term) -> Setup:
    standing = BodyFactory(
        council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND thị xã", short_name="Thường trực HĐND"
    )
    committee = BodyFactory(
        council=council,
        kind=BodyKind.COMMITTEE,
        name="Ban Kinh tế - Xã hội HĐND thị xã",
        short_name="Ban Kinh tế - Xã hội",
    )
    quang = BodyFactory(
        council=council,
        kind=BodyKind.LOWER_PEOPLES_COMMITTEE,
        name="UBND phường Phổ Quang",
        short_name="UBND Phổ Quang",
    )
    thanh = BodyFactory(
        council=council,
        kind=BodyKind.LOWER_PEOPLES_COMMITTEE,
        name="UBND phường Phổ Thạnh",
        short_name="UBND Phổ Thạnh",
    )
    court = BodyFactory(council=council, kind=BodyKind.COURT, name="Tòa án nhân dân thị xã", short_name="TAND thị xã")
    delegates = [
        DelegateFactory(term=term, person=PersonFactory(council=council, full_name=f"Đại biểu Thử {i}"))
        for i in range(3)
    ]
    return Setup(council, standing, committee, quang, thanh, court, delegates)


def make_round(
    setup: Setup,
    *,
    body: Body | None = None,
    set_up_on: datetime.date = SET_UP,
    kind: str = RoundKind.SUPERVISION,
    subject: str = "công tác quản lý trật tự đô thị",
    ends_on: datetime.date | None = ENDS,
    label: str = "UBND các phường Phổ Quang và Phổ Thạnh",
) -> Round:
    return services.round_create(
        council=setup.council,
        body=body or setup.committee,
        kind=kind,
        subject=subject,
        supervised=[setup.quang, setup.thanh],
        supervised_label=label,
        set_up_on=set_up_on,
        starts_on=ends_on - datetime.timedelta(days=4) if ends_on else None,
        ends_on=ends_on,
    )


def set_rule(council: Council, key: str, value: int) -> None:
    registry.setting_set(council=council, key=key, value=value)
