"""The log of who saw petitioners' personal data (Nghị định 13/2023/NĐ-CP)."""

import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from petitions.models import (
    Petition,
)
from petitions.wording import personal_label
from registry.models import AccessKind, Council
from registry.services import personal_access_record

personal_log = logging.getLogger("hdnd.personal_data")


# What a caller did with the data -> the kind recorded in the council's access log.
ACCESS_KINDS = {"view": AccessKind.VIEW, "export": AccessKind.EXPORT, "api": AccessKind.API}


def log_personal_access(
    *, user: AbstractBaseUser, council: Council, petitions: Iterable[Petition], action: str, address: str | None
) -> None:
    """Record that `user` saw petitioners' personal data (Nghị định 13/2023/NĐ-CP: access is logged).

    One row per petition in the council's access log (searchable by the office chief), in one INSERT,
    and the line in the `hdnd.personal_data` logger kept for the file the operators ship off the server.
    `action` is "view", "export" or "api"; `address` comes from `registry.security.client_address`.
    """
    rows = {p.pk: p for p in petitions}
    if not rows:
        return
    ids = sorted(rows)
    personal_access_record(
        council=council,
        user=user,
        records=[(rows[pk], personal_label(rows[pk])) for pk in ids],
        kind=ACCESS_KINDS[action],
        address=address,
    )
    personal_log.info("user=%s action=%s petitions=%s", user.pk, action, ",".join(map(str, ids)))
