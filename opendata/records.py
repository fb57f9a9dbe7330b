"""Public records as plain dictionaries, shaped after OParl 1.1 (with Popolo names, memberships and vote
events): the one place the API and the bulk export take their fields from, so both always say the same.

`base` is what goes before each address: the site's address in an API answer (absolute URLs, as OParl
asks), empty in a bulk export (addresses relative to the site that published it, see its README).
"""

import datetime
from collections.abc import Iterable

from django.urls import reverse

from documents.models import Document
from documents.selectors import PUBLIC_STATES
from hdnd.text import clean
from opendata import selectors
from opendata.selectors import SESSION_PREFIX, STANDING_PREFIX
from plenary.models import AgendaItem, Resolution, Session, SessionDocument, Vote
from registry.models import Body, Council, Person
from standing.models import Meeting

OPARL = "https://schema.oparl.org/1.1/"
API = "/api/v1/open"
LICENSE = "https://creativecommons.org/licenses/by/4.0/deed.vi"
LICENSE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"


def url(base: str, kind: str, pk: int | str) -> str:
    return f"{base}{API}/{kind}/{pk}"


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese name: the family name comes first, the given name last
    ("Nguyễn Thị Minh Khai" → "Nguyễn", "Thị Minh", "Khai")."""
    words = clean(full_name).split()
    if len(words) < 2:
        return "", "", " ".join(words)
    return words[0], " ".join(words[1:-1]), words[-1]


def body(council: Council, base: str) -> dict:
    """A council as an OParl body."""
    return {
        "id": url(base, "bodies", council.pk),
        "type": f"{OPARL}Body",
        "name": f"Hội đồng nhân dân {council.unit_label}",
        "shortName": str(council),
        "classification": council.get_level_display(),
        "unitType": council.get_unit_type_display(),
        "unitCode": council.unit_code,
        "parent": url(base, "bodies", council.parent_id) if council.parent_id else None,
        "organization": f"{base}{API}/organizations?body={council.pk}",
        "person": f"{base}{API}/persons?body={council.pk}",
        "meeting": f"{base}{API}/meetings?body={council.pk}",
        "paper": f"{base}{API}/papers?body={council.pk}",
        "legislativeTerm": [
            {"name": f"Nhiệm kỳ {term.name}", "startDate": _day(term.starts_on), "endDate": _day(term.ends_on)}
            for term in sorted(council.terms.all(), key=lambda t: t.starts_on)
        ],
        "license": LICENSE,
        "web": f"{base}{reverse('opendata:council', args=[council.pk])}",
    }


def organization(row: Body, base: str) -> dict:
    """A body of the council as an OParl organization."""
    return {
        "id": url(base, "organizations", row.pk),
        "type": f"{OPARL}Organization",
        "body": url(base, "bodies", row.council_id),
        "name": row.name,
        "shortName": row.short_name,
        "organizationType": row.get_kind_display(),
        "classification": row.kind,
        "subOrganizationOf": url(base, "organizations", row.parent_id) if row.parent_id else None,
    }


def person(row: Person, base: str) -> dict:
    """A delegate as an OParl person with Popolo names and memberships (public facts only)."""
    family, middle, given = split_name(row.full_name)
    return {
        "id": url(base, "persons", row.pk),
        "type": f"{OPARL}Person",
        "body": url(base, "bodies", row.council_id),
        "name": clean(row.full_name),
        "family_name": family,
        "additional_name": middle,
        "given_name": given,
        "gender": row.get_gender_display() if row.gender else None,
        "memberships": [
            {
                "organization_id": m.body_id,
                "organization": url(base, "organizations", m.body_id),
                "role": m.get_role_display(),
                "start_date": _day(m.starts_on),
                "end_date": _day(m.ends_on),
            }
            for m in row.memberships.all()
        ],
        "terms": [
            {
                "term": f"Nhiệm kỳ {d.term.name}",
                "constituency": d.constituency,
                "group_id": d.group_id,
                "status": d.get_status_display(),
                "start_date": _day(d.elected_on),
                # Popolo's end date is the last day held; `left_on` is the first day out of office.
                "end_date": _day(d.left_on - datetime.timedelta(days=1)) if d.left_on else None,
            }
            for d in row.delegacies.all()
        ],
    }


def _session_file(doc: SessionDocument, base: str) -> str:
    return url(base, "files", doc.pk)


def session_meeting(row: Session, base: str) -> dict:
    """A session (kỳ họp) as an OParl meeting."""
    return {
        "id": url(base, "meetings", f"{SESSION_PREFIX}-{row.pk}"),
        "type": f"{OPARL}Meeting",
        "body": url(base, "bodies", row.council_id),
        "meetingType": "ky_hop",
        "name": f"Kỳ họp thứ {row.number} ({row.get_kind_display()}), nhiệm kỳ {row.term.name}",
        "meetingState": row.get_state_display(),
        "start": _day(row.opened_on or row.opens_on),
        "end": _day(row.closed_on or row.closes_on),
        "location": row.place,
        "organization": [],
        "agendaItem": [
            {"id": url(base, "agenda-items", item.pk), "number": item.order, "name": item.title}
            for item in row.agenda.all()
        ],
        "auxiliaryFile": [_session_file(doc, base) for doc in row.posted],
        "web": f"{base}{reverse('plenary:public_session', args=[row.council_id, row.pk])}" if row.posted else None,
    }


def standing_meeting(row: Meeting, base: str, committee: Body | None) -> dict:
    """A standing-committee meeting whose notice is published, as an OParl meeting."""
    return {
        "id": url(base, "meetings", f"{STANDING_PREFIX}-{row.pk}"),
        "type": f"{OPARL}Meeting",
        "body": url(base, "bodies", row.council_id),
        "meetingType": "phien_hop_thuong_truc",
        "name": str(row),
        "meetingState": "Đã họp",
        "start": _day(row.held_on),
        "end": _day(row.held_on),
        "location": row.place,
        "organization": [url(base, "organizations", committee.pk)] if committee else [],
        "agendaItem": [{"id": None, "number": item.order, "name": item.content} for item in row.agenda.all()],
        "auxiliaryFile": [],
        "web": None,
    }


def agenda_item(row: AgendaItem, base: str) -> dict:
    """An item of a public session's agenda."""
    return {
        "id": url(base, "agenda-items", row.pk),
        "type": f"{OPARL}AgendaItem",
        "meeting": url(base, "meetings", f"{SESSION_PREFIX}-{row.session_id}"),
        "number": row.order,
        "name": row.title,
        "kind": row.get_kind_display(),
    }


def _main_file(row: Document, base: str) -> dict:
    return {
        "name": f"{row.get_doc_type_display()} {row.number_symbol}".strip(),
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "accessUrl": f"{base}{reverse('documents:public_docx', args=[row.pk])}",
        "pdfUrl": f"{base}{reverse('documents:public_pdf', args=[row.pk])}",
    }


def paper(row: Document, base: str, resolution: Resolution | None) -> dict:
    """A published document as an OParl paper; a resolution adds its dates and its vote."""
    vote = getattr(resolution.submission, "vote", None) if resolution else None
    return {
        "id": url(base, "papers", row.pk),
        "type": f"{OPARL}Paper",
        "body": url(base, "bodies", row.council_id),
        "name": row.subject,
        "reference": row.number_symbol,
        "date": _day(row.issued_on),
        "paperType": row.get_doc_type_display(),
        "normative": row.normative,
        "publisher": row.issuer.name if row.issuer_id else "",
        "published": row.published_at.isoformat() if row.published_at else None,
        "passedOn": _day(resolution.passed_on) if resolution else None,
        "effectiveOn": _day(resolution.effective_on) if resolution else None,
        "voteEvent": url(base, "vote-events", vote.pk) if vote else None,
        "mainFile": _main_file(row, base),
    }


def file(row: SessionDocument, base: str) -> dict:
    """A public session document as an OParl file."""
    linked = row.document if row.document_id and row.document.state in PUBLIC_STATES else None
    return {
        "id": url(base, "files", row.pk),
        "type": f"{OPARL}File",
        "name": row.title,
        "fileName": row.file_name or (f"tai-lieu-{row.pk}.docx" if row.document_id else ""),
        "date": _day(row.sent_on),
        "accessUrl": f"{base}{reverse('plenary:public_file', args=[row.pk])}",
        "meeting": url(base, "meetings", f"{SESSION_PREFIX}-{row.session_id}"),
        "paper": url(base, "papers", linked.pk) if linked else None,
    }


def vote_event(row: Vote, base: str) -> dict:
    """A vote as a Popolo vote event, with the counts as published (never a delegate's ballot)."""
    submission = row.submission
    resolution = getattr(submission, "resolution", None)
    published = resolution is not None and resolution.document.state in PUBLIC_STATES
    return {
        "id": url(base, "vote-events", row.pk),
        "type": "http://www.popoloproject.com/schemas/vote_event.json",
        "organization_id": None,
        "body": url(base, "bodies", submission.session.council_id),
        "legislative_session_id": f"{SESSION_PREFIX}-{submission.session_id}",
        "meeting": url(base, "meetings", f"{SESSION_PREFIX}-{submission.session_id}"),
        "motion": submission.title,
        "start_date": _day(row.voted_on),
        "result": "Thông qua" if row.passed else "Không thông qua",
        "counts": [
            {"option": "yes", "label": "Tán thành", "value": row.yes},
            {"option": "no", "label": "Không tán thành", "value": row.no},
            {"option": "abstain", "label": "Không biểu quyết", "value": row.abstain},
        ],
        "in_office": row.in_office,
        "threshold_percent": row.threshold_percent,
        "paper": url(base, "papers", resolution.document_id) if published else None,
    }


def meetings(keys: Iterable[tuple[str, int, object]], base: str) -> list[dict]:
    """The meetings behind (kind, pk, day) keys, in the keys' order: three queries for sessions (rows,
    agenda, documents), two for standing meetings (rows, agenda), one for their standing committees."""
    keys = list(keys)
    session_ids = [pk for kind, pk, _day in keys if kind == SESSION_PREFIX]
    meeting_ids = [pk for kind, pk, _day in keys if kind == STANDING_PREFIX]
    sessions = {s.pk: s for s in selectors.public_sessions().filter(pk__in=session_ids)} if session_ids else {}
    standing = {m.pk: m for m in selectors.public_standing_meetings().filter(pk__in=meeting_ids)} if meeting_ids else {}
    committees = selectors.standing_committees({m.council_id for m in standing.values()}) if standing else {}
    out = []
    for kind, pk, _day in keys:
        if kind == SESSION_PREFIX and pk in sessions:
            out.append(session_meeting(sessions[pk], base))
        elif kind == STANDING_PREFIX and pk in standing:
            row = standing[pk]
            out.append(standing_meeting(row, base, committees.get(row.council_id)))
    return out


def papers(rows: Iterable[Document], base: str) -> list[dict]:
    """Papers with their resolutions (one query for the page's resolutions)."""
    rows = list(rows)
    found = selectors.resolutions_of([r.pk for r in rows]) if rows else {}
    return [paper(row, base, found.get(row.pk)) for row in rows]
