"""The home page's "what do I have to do now": sections that each app offers for the user's role.

An app appends a provider `(request) -> list[HomeSection]` to HOME_SECTIONS from its `ready()`; a provider
returns nothing for a role it has nothing to say to, and runs a fixed number of queries (the first rows of
a list and its count), so the home page's query count does not grow with the data.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

# How many rows a section lists before its "Xem tất cả" link.
SECTION_ROWS = 8


@dataclass(frozen=True)
class HomeItem:
    text: str
    url: str
    note: str = ""
    late: bool = False
    # Further links of the row: (label, url), e.g. the petition a forwarded-petition task is about.
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class HomeSection:
    title: str
    items: list[HomeItem] = field(default_factory=list)
    total: int | None = None
    more_url: str = ""
    empty: str = "Không có việc nào."
    order: int = 50
    text: str = ""  # one sentence in place of a list (the next session, the reception day)
    note: str = ""  # one sentence under the title: what day the figures stand on (`overdue_as_of`)


HOME_SECTIONS: list[Callable[[HttpRequest], list[HomeSection]]] = []


def register_home_section(provider: Callable[[HttpRequest], list[HomeSection]]) -> None:
    if provider not in HOME_SECTIONS:
        HOME_SECTIONS.append(provider)


def home_sections(request: HttpRequest) -> list[HomeSection]:
    """Every section the user's role has, in their order."""
    sections = []
    for provider in HOME_SECTIONS:
        sections.extend(provider(request))
    return sorted(sections, key=lambda s: s.order)


def ddmmyyyy(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def overdue_as_of(last_day: datetime.date | None) -> str:
    """What a ceased council's overdue figures say of their day: they are counted to its last day (followup's
    `selectors.overdue_on`), not to today; "" for a council that goes on (its figures are of today)."""
    if last_day is None:
        return ""
    ceased = last_day + datetime.timedelta(days=1)
    return (
        f"Số việc và số ngày quá hạn tính đến ngày {ddmmyyyy(last_day)}, ngày hoạt động cuối cùng của Hội đồng "
        f"(chấm dứt hoạt động từ ngày {ddmmyyyy(ceased)})."
    )
