"""Which plenary session a programme's session day is: a registry plenary fills from its AppConfig.ready().

A programme keeps its sessions as dates (the sessions may not be recorded in plenary yet); its page names
the session held that day when there is one. supervision does not import plenary: plenary registers how
to find its session, as it registers its sessions as doers of standing's work programmes.
"""

import datetime
from collections.abc import Callable
from typing import NamedTuple

from registry.models import Council


class SessionRef(NamedTuple):
    """A session as a programme's page shows it: "Kỳ họp thứ 7, ngày 12/07/2023" and its page."""

    label: str
    url: str


# (council, day) -> (label, url) of the council's session opening or closing that day, or None.
Finder = Callable[[Council, datetime.date], tuple[str, str] | None]
FINDERS: list[Finder] = []


def register_session_finder(finder: Finder) -> None:
    if finder not in FINDERS:
        FINDERS.append(finder)


def session_on(council: Council, day: datetime.date | None) -> SessionRef | None:
    """The council's session opening or closing on `day` (one query per registered finder), or None."""
    if day is None:
        return None
    for finder in FINDERS:
        found = finder(council, day)
        if found is not None:
            return SessionRef(*found)
    return None
