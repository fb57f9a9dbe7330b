"""How petitions are named in letters, reports and the access log.

Writes nothing and imports no service.
"""

from petitions.models import (
    Period,
    Petition,
    Timing,
    place_plural,
)


def personal_label(petition: Petition) -> str:
    """'Kiến nghị #12 — Nguyễn Văn A, Trần Thị B': how the access log names a petition (people prefetched)."""
    names = ", ".join(p.full_name for p in petition.people.all())
    return f"Kiến nghị #{petition.pk}" + (f" — {names}" if names else "")


def round_label(*, year: int, period: str, timing: str) -> str:
    return f"{Timing(timing).label} {Period(period).label} {year}"


def attribution(petition: Petition) -> str:
    """'Cử tri các xã Phổ An, Phổ Châu' or 'Cử tri các thôn An Ba, An Bình' — the origins of a petition
    (prefetch `origins__unit` and `origins__contact_place`)."""
    from petitions.models import unit_plural

    units, places = [], []
    for origin in petition.origins.all() if petition.is_aggregate else [petition]:
        if origin.unit is not None and origin.unit not in units:
            units.append(origin.unit)
        if origin.contact_place is not None and origin.contact_place not in places:
            places.append(origin.contact_place)
    where = ", ".join(part for part in (unit_plural(units), place_plural(places)) if part)
    return f"Cử tri {where}".strip()


def petition_summary(petition: Petition) -> str:
    """'Cử tri các xã Phổ An, Phổ Châu kiến nghị: ...' as the forwarding letter and reports say it."""
    return f"{attribution(petition)} kiến nghị: {petition.text}"
