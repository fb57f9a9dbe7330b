"""What may carry out an item of a work programme: a registry the apps fill from their AppConfig.ready().

standing's programmes link each item to the record that carried it out (a meeting, a conference, a
plenary session, a supervision round). standing imports neither plenary nor supervision: each app
registers its own models here, so the coupling is written where the linked model lives.
"""

from typing import NamedTuple

from django.db import models


class ProgrammeLink(NamedTuple):
    """How an item shows a linked record: its kind's name, the record's date field, its page's url name."""

    name: str
    date_field: str
    url_name: str


# model label ("plenary.session") -> how it shows; filled by register_programme_link, in app order.
LINKS: dict[str, ProgrammeLink] = {}
_MODELS: dict[str, type[models.Model]] = {}


def register_programme_link(model: type[models.Model], *, name: str, date_field: str, url_name: str) -> None:
    """Let `model` (with a `council` foreign key and the date field `date_field`) carry out programme
    items; `name` is what the programme page calls the kind ("Kỳ họp"). Registering twice replaces."""
    label = model._meta.label_lower
    LINKS[label] = ProgrammeLink(name, date_field, url_name)
    _MODELS[label] = model


def link_models() -> dict[str, type[models.Model]]:
    """The registered models, by label, in registration order."""
    return dict(_MODELS)
