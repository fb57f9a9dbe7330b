"""The demo is alive today: beside the historical Đức Phổ town council (seeds 000 and 001, ceased on
01/07/2025 and linked to its successors), HĐND phường Đức Phổ of term 2026-2031 has an upcoming session,
overdue tasks, petitions waiting for answers, a published round with its answers, and citizens' letters of
the last weeks, all dated relative to today. What a new user reads of it is true (issue 18): each login is
linked to the person or agency its name shows, who holds that role here; the first session has its agenda
and the resolutions the deadlines cite; a supervision programme and round exist; timelines carry the
story's dates, not the day the demo was seeded. One seeding serves every assertion (seeding is slow)."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import verify_second_factor
from documents.models import Document
from followup.kinds import TASK
from followup.models import OPEN_STATES, Action, Obligation, ObligationUpdate, State
from hdnd.dates import today
from hdnd.demo_live import DECISION, UNIT_CODE, logins, seed_live
from petitions import services as petitions
from petitions.models import ContactRound, Level, Period, Petition, Petitioner
from plenary.models import Resolution, Session
from reception import services as reception
from reception.demo import LIVE_PLACE
from reception.models import Case, Category, Handling, Letter, ReceptionSession, Sender
from registry.calendar import WorkCalendar
from registry.demo import demo_council, seed
from registry.models import Body, BodyKind, Council, Delegate, LegalSetting, MemberRole, Membership, Person, RoleGrant
from reports import figures as figures_mod
from reports.selectors import activity_year
from standing import services as standing
from supervision.models import Programme, ProgrammeKind, Recommendation, Round


@pytest.mark.django_db
def test_live_council_beside_the_historical_town() -> None:
    seed()
    print(seed_live())
    now = today()
    town = demo_council()
    live = Council.objects.get(level="xa", unit_code=UNIT_CODE, historical=False)
    # The town: ceased, read-only after 30/06/2025, linked to the five communes that took over its area.
    assert (town.active, town.ceased_on) == (False, datetime.date(2025, 7, 1))
    assert {c.unit_name for c in town.successors.all()} == {
        "Đức Phổ",
        "Trà Câu",
        "Sa Huỳnh",
        "Nguyễn Nghiêm",
        "Khánh Cường",
    }
    chair = Membership.objects.filter(body__council=town, role=MemberRole.VICE_CHAIR).first()
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        standing.meeting_create(council=town, held_on=now, place="Phòng họp", purpose="Thử", chair=chair)
    # Seed 000 still reproduces, and the town's reports open on its last year of work, not on today's.
    assert figures_mod.compute(council=town, year=2024)["resolutions"].value == 29
    assert activity_year(town) < 2026 and activity_year(live) == now.year
    # The live council: a commune's shape, an upcoming session, overdue work, petitions awaiting answers.
    assert live.active and live.terms.get().name == "2026-2031"
    standing_body = Body.objects.get(council=live, kind=BodyKind.STANDING_COMMITTEE)
    roles = sorted(standing_body.memberships.values_list("role", flat=True))
    assert roles == sorted([MemberRole.CHAIR, MemberRole.VICE_CHAIR])
    assert set(Body.objects.filter(council=live, kind=BodyKind.COMMITTEE).values_list("short_name", flat=True)) == {
        "Ban KT-NS",
        "Ban VH-XH",
    }
    assert Session.objects.filter(council=live, opens_on__gt=now).exists()
    open_work = Obligation.objects.filter(council=live, state__in=OPEN_STATES)
    assert open_work.filter(due_on__lt=now).exists()
    waiting = open_work.filter(kind=petitions.OBLIGATION_KIND, due_on__gte=now)
    assert waiting.count() >= 4 and all("05/NQ-HĐND" in o.due_citation for o in waiting)
    # Citizens received and letters of the last weeks, numbered in the order received, through reception's
    # services: a complaint past its acceptance limit, a reflection answered and the citizen told, a
    # protected denunciation forwarded without the denouncer's name, anonymous information filed.
    recent = now - datetime.timedelta(days=60)
    assert ReceptionSession.objects.filter(council=live, held_on__gte=recent).count() >= 2
    letters = Letter.objects.filter(council=live, received_on__gte=recent)
    assert letters.count() >= 5
    received = list(
        Letter.objects.filter(council=live).order_by("year", "number").values_list("received_on", flat=True)
    )
    assert received == sorted(received)
    cases = Case.objects.filter(council=live).select_related("obligation", "forward_document", "letter")
    forwarded = [c for c in cases if c.obligation is not None]
    assert len(forwarded) >= 3 and {c.obligation.kind for c in forwarded} == {reception.OBLIGATION_KIND}
    overdue = [c for c in forwarded if c.obligation.state in OPEN_STATES and c.obligation.due_on < now]
    assert [c.category for c in overdue] == [Category.COMPLAINT]
    told = [c for c in forwarded if c.citizen_told_on is not None]
    assert len(told) == 1 and told[0].answer_text and told[0].obligation.state not in OPEN_STATES
    filed = cases.get(letter__anonymous=True)
    assert (filed.category, filed.handling, filed.eligible) == (Category.ANONYMOUS_INFO, Handling.FILED, False)
    protected = cases.get(protected=True)
    assert protected.category == Category.DENUNCIATION and protected.forward_document is not None
    denouncer = Sender.objects.get(letter=protected.letter)
    letter_text = f"{protected.forward_document.subject} {protected.forward_document.body}"
    assert denouncer.full_name not in letter_text and denouncer.address not in letter_text
    # The office signs its forwarding letters and receives the denunciation on working days of its calendar.
    work = WorkCalendar(live)
    assert work.is_working_day(protected.letter.received_on)
    assert all(work.is_working_day(c.forward_document.issued_on) for c in forwarded), [
        c.forward_document.issued_on for c in forwarded
    ]
    assert cases.filter(handling=Handling.GUIDED).exists()
    # The mid-year round is published with its answers: the portal shows them by residential group and
    # field, and never a voter's name.
    published = ContactRound.objects.get(council=live, published=True)
    answered = Petition.objects.filter(round=published).exclude(answer_text="")
    assert answered.count() >= 3 and Petition.objects.filter(round=published, field__isnull=True).count() == 0
    page = Client().get(f"/cong-khai/{live.pk}/kien-nghi/").content.decode()
    assert "Theo thôn, tổ dân phố" in page and "Theo lĩnh vực" in page
    assert all(p.answer_text in page for p in answered)
    voters = list(Petitioner.objects.filter(petition__round=published).values_list("full_name", flat=True))
    assert voters and not any(name in page for name in voters)
    # The coming reception days are published: the portal's home lists them.
    assert f"tại {LIVE_PLACE}</li>" in Client().get(f"/cong-khai/{live.pk}/").content.decode()

    # A second run changes nothing.
    def counts() -> tuple[int, ...]:
        return (
            Obligation.objects.filter(council=live).count(),
            Session.objects.filter(council=live).count(),
            Letter.objects.filter(council=live).count(),
            Case.objects.filter(council=live).count(),
            ReceptionSession.objects.filter(council=live).count(),
            Document.objects.filter(council=live).count(),
            Petition.objects.filter(council=live).exclude(answer_text="").count(),
        )

    before = counts()
    stamps = _timeline(live)
    seed_live()
    assert counts() == before and _timeline(live) == stamps
    _logins_tell_the_truth(live)
    _first_session_and_supervision(live)
    _citations_exist(live)
    _timelines_carry_the_story(live, town)
    _town_dated_within_its_life(town)
    _town_overdue_stops_on_its_last_day(town)
    # The demo logins open on the live council.
    client = Client()
    user = get_user_model().objects.get(username="vanphong")
    client.force_login(user)
    verify_second_factor(client, user)
    assert 'class="brand" href="/">HĐND phường Đức Phổ</a>' in client.get("/").content.decode()
    # A round after 01/07/2025 never offers the district level, nor defaults to it.
    late = petitions.round_create(council=town, year=2025, period=Period.YEAR_END)
    assert Level.DISTRICT not in petitions.levels_allowed(late) and petitions.level_default(town, late) is None


def _timeline(council: Council) -> list[tuple[int, datetime.datetime]]:
    return list(ObligationUpdate.objects.filter(obligation__council=council).values_list("pk", "created_at"))


def _logins_tell_the_truth(live: Council) -> None:
    """Each login's name is the person (or agency) it is linked to in the live council, who holds the role
    there; the console's list and the README say the same."""
    grants = {
        g.user.username: g
        for g in RoleGrant.objects.filter(council=live).select_related("user", "person", "body", "body__council")
    }
    term = live.terms.get()
    for username in ("thuongtruc", "daibieu", "thanhvienban"):
        grant = grants[username]
        assert grant.person is not None and grant.person.council_id == live.pk
        assert grant.person.full_name == grant.user.get_full_name()
        assert Delegate.objects.filter(term=term, person=grant.person, left_on__isnull=True).exists()
    vice_chair = grants["thuongtruc"].person
    assert (
        Membership.objects.get(person=vice_chair, body__kind=BodyKind.STANDING_COMMITTEE).role == MemberRole.VICE_CHAIR
    )
    # The committee member: granted the committee she sits in, the one her description names.
    member = grants["thanhvienban"]
    assert (
        member.body.short_name == "Ban KT-NS"
        and Membership.objects.filter(person=member.person, body=member.body).exists()
    )
    # The agency login: a current agency of the live council, which its name shows.
    agency = grants["coquan"]
    assert agency.body.kind == BodyKind.AGENCY and agency.body.council.active and agency.body.council == live
    assert "Phòng Kinh tế, Hạ tầng và Đô thị phường" in agency.user.get_full_name()
    listed = dict(logins(live))
    assert listed["thuongtruc"] == "Thành viên Thường trực: Đoàn Thị Mỹ Duyên, Phó Chủ tịch HĐND phường"
    assert listed["daibieu"].startswith("Đại biểu: Hà Thị Thu Trang")
    assert listed["thanhvienban"] == "Thành viên Ban: Tô Thị Hồng Nhung, Phó Trưởng Ban Kinh tế - Ngân sách"
    # The ward's people are its own: no name of the town's people (the seeds' real people) is reused.
    town_names = set(Person.objects.filter(council=demo_council()).values_list("full_name", flat=True))
    assert not town_names & set(Person.objects.filter(council=live).values_list("full_name", flat=True))
    # In the town's records the logins keep their links to the town's people.
    town_grants = RoleGrant.objects.filter(council=demo_council(), user__username="thuongtruc").select_related("person")
    assert town_grants.get().person.full_name == "Nguyễn Thị Kiều"
    assert listed["coquan"] == f"Người dùng cơ quan: {agency.body.name}"
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", readme, re.MULTILINE))
    for username, line in listed.items():
        assert rows[username].startswith(line.split(",")[0]), (username, rows[username], line)
    assert "Kinh tế - Ngân sách" in rows["thanhvienban"] and "Pháp chế HĐND thị xã" in rows["thanhvienban"]


def _first_session_and_supervision(live: Council) -> None:
    """The first session has its agenda and resolutions; the year's supervision programme was adopted by one
    of them, and a round of it has its report, conclusions and recommendations followed as obligations."""
    first = Session.objects.get(council=live, number=1)
    assert first.agenda.count() >= 5 and first.agenda.filter(kind="be_mac").exists()
    resolutions = list(
        Resolution.objects.filter(submission__session=first)
        .order_by("document__number")
        .values_list("document__number_symbol", flat=True)
    )
    assert resolutions == [f"0{n}/NQ-HĐND" for n in range(1, 7)]
    # A closed session has what its page names: the decision convening it, issued the day it was convened,
    # its minutes issued at the close, and its attendance; no election file is flagged as lacking an appraisal.
    assert first.state == "be_mac" and first.convening_document.issued_on == first.created_on
    assert first.convening_document.number_symbol and first.minutes_document.is_frozen
    assert first.minutes_document.issued_on == first.opens_on and first.attendance.exists()
    assert "Chưa có số liệu điểm danh" not in first.minutes_document.body
    assert all(s.missing_items == [] for s in first.submissions.all())
    programme = Programme.objects.get(council=live, kind=ProgrammeKind.COUNCIL, year=first.opens_on.year)
    assert programme.published and programme.adopted_on == first.opens_on
    assert programme.resolution.number_symbol == "06/NQ-HĐND" and programme.items.count() == 3
    # The ward's first term began after 01/03/2025, the proposals' day of a 2026 programme: none is owed, and
    # the basis is the version in force on its first day, not Luật 87/2015 (ended 28/02/2026).
    assert programme.proposals_due_on is None and programme.proposals_basis["not_applicable"] is True
    assert "121/2025/QH15" in programme.proposals_basis["citation"]
    assert "87/2015" not in programme.proposals_basis["citation"]
    # Adopted at the first session, of the programme's own year: never called "of the year before".
    events = {link.obligation.due_start_event for link in programme.milestone_obligations.all()}
    assert events and not any("năm trước" in event for event in events)
    # Its draft and adoption were followed as the standing committee's obligations, closed when recorded.
    assert {link.obligation.state for link in programme.milestone_obligations.all()} == {State.ACCEPTED}
    round = Round.objects.get(council=live)
    assert round.item.programme == programme and round.report_on and round.considered_on and round.published
    assert round.report_on <= today()
    recommendations = Recommendation.objects.filter(round=round).select_related("obligation")
    assert recommendations.count() == 2 and all(r.obligation.source_date == r.made_on for r in recommendations)
    assert {r.obligation.state for r in recommendations} >= {State.ACCEPTED}
    # The town's programme keeps the day it was adopted (publishing it once saved its dates back empty).
    assert Programme.objects.get(council=demo_council(), year=2024).adopted_on == datetime.date(2023, 7, 14)


def _citations_exist(live: Council) -> None:
    """Every resolution a deadline, a setting or a roster cites is a resolution of the live council, issued
    on the day cited; no citation calls itself a sample."""
    cited = set(LegalSetting.objects.filter(council=live).values_list("decision", flat=True))
    cited |= set(Obligation.objects.filter(council=live).values_list("due_setting_decision", flat=True))
    cited |= set(Obligation.objects.filter(council=live).values_list("due_citation", flat=True))
    cited.discard("")
    assert DECISION in cited and not any("mẫu" in text for text in cited)
    issued = {
        (d.number_symbol, d.issued_on)
        for d in Document.objects.filter(council=live, doc_type="nghi_quyet").exclude(number_symbol="")
    }
    for text in cited:
        for number, day in re.findall(r"Nghị quyết (?:số )?(\S+/NQ-HĐND) ngày (\d\d/\d\d/\d{4})", text):
            assert (number, datetime.datetime.strptime(day, "%d/%m/%Y").date()) in issued, text
    regulation = Document.objects.get(council=live, number_symbol="05/NQ-HĐND")
    assert "Quy chế làm việc" in regulation.subject and regulation.is_published


def _timelines_carry_the_story(live: Council, town: Council) -> None:
    """A task's timeline shows the day it was given in the story (its source's date), and a report the day
    it was made: not the day the demo was seeded."""
    from django.utils import timezone

    for council in (live, town):
        for obligation in Obligation.objects.filter(council=council).prefetch_related("updates"):
            updates = list(obligation.updates.all())
            created = next(u for u in updates if u.action == Action.CREATE)
            # Given on its source's day; one that waits for a coming day (a reception's report) is given today.
            given = min(obligation.source_date, today())
            assert timezone.localdate(created.created_at) == given, obligation
            assert timezone.localdate(obligation.created_at) == given
            done = [u for u in updates if u.action == Action.DONE]
            if done and obligation.reported_on:
                # A programme's draft due "at least 10 days before the session" is given on its due day and may
                # be reported sent before it: the timeline never runs backwards, so that step shows the day given.
                day = max(obligation.reported_on, given)
                assert timezone.localdate(done[-1].created_at) == day, obligation
            assert all(timezone.localdate(u.created_at) <= today() for u in updates)
    task = Obligation.objects.filter(council=live, kind=TASK).order_by("pk").first()
    client = Client()
    user = get_user_model().objects.get(username="vanphong")
    client.force_login(user)
    verify_second_factor(client, user)
    page = client.get(f"/theo-doi/{task.pk}/").content.decode()
    assert f"Hệ thống, {task.source_date:%d/%m/%Y} 08:00" in page
    assert "Giao việc" in page and f"<td>{task.source_date:%d/%m/%Y} 08:00</td>" in page


# Dates of the town's records that are not days of its work: the term's and the standing committee's terms of
# office as elected (2021-2026), which the reform cut short, and the last day of the version of the law a
# deadline was computed with (Luật 87/2015/QH13, in force until 28/02/2026).
PLANNED_ENDS = {
    ("registry.term", "ends_on"),
    ("registry.membership", "ends_on"),
    ("followup.obligation", "due_version_to"),
}


def _council_path(model: type, depth: int = 3) -> str | None:
    """The lookup from `model` to its council: its own `council`, else through a foreign key (obligation,
    body, term...) to a model that has one; None for a model of no council."""
    from registry.models import Council

    fields = {f.name: f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one}
    council = fields.get("council")
    if council is not None and council.related_model is Council:
        return "council"
    if depth == 0:
        return None
    for name, field in fields.items():
        if field.related_model in (model, Council) or field.related_model is None:
            continue
        rest = _council_path(field.related_model, depth - 1)
        if rest is not None:
            return f"{name}__{rest}"
    return None


def _town_dated_within_its_life(town: Council) -> None:
    """No record of the ceased town is dated after its last day (a new user's tryout in December 2026 found
    six of its obligations dated 2026, and a step later than the clock): every date of every record of the
    town (a meeting's day, a document's issue, an obligation's source, deadline and report, a petition's
    answer, in the records and in their history) is on or before its last day; every moment of its
    obligations' timelines (each step, the obligation's creation and closing, their history) is too; and no
    other moment of its records (a history row, a creation stamp) is after now."""
    from django.apps import apps
    from django.db import models
    from django.utils import timezone

    last = town.last_day
    assert last == datetime.date(2025, 6, 30)
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    now = timezone.now()
    late, checked = [], 0
    for model in apps.get_models():
        path = _council_path(model)
        if path is None:
            continue
        rows = model._default_manager.filter(**{path: town})
        label = model._meta.label_lower
        base = getattr(model, "instance_type", model)._meta.label_lower  # a history row's model
        for field in model._meta.concrete_fields:
            if (base, field.name) in PLANNED_ENDS:
                continue
            if isinstance(field, models.DateTimeField):
                # The follow-up engine's timelines carry the story's moments; other stamps are the seeding's.
                limit = end if base.startswith("followup.") else now
                after = rows.filter(**{f"{field.name}__gte" if limit is end else f"{field.name}__gt": limit})
            elif isinstance(field, models.DateField):
                after = rows.filter(**{f"{field.name}__gt": last})
            else:
                continue
            checked += 1
            found = list(after.values_list("pk", field.name)[:3])
            if found:
                late.append((label, field.name, found))
    assert checked > 100, checked
    assert late == [], "\n".join(map(str, late))
    # The town's obligations themselves, as the tryout's pages showed them.
    assert not Obligation.objects.filter(council=town, source_date__gt=last).exists()
    assert not Obligation.objects.filter(council=town, due_on__gt=last).exists()
    assert not ObligationUpdate.objects.filter(obligation__council=town, created_at__gte=end).exists()


def _town_overdue_stops_on_its_last_day(town: Council) -> None:
    """The town's overdue work stands as it was on its last day: days overdue counted to it, not to today,
    and the home page, the overdue list and the dashboard say so; its reports and scorecard open on 2025."""
    from followup.selectors import obligation_list

    last = town.last_day
    client = Client()
    user = get_user_model().objects.get(username="vanphong")
    client.force_login(user)
    verify_second_factor(client, user)
    assert client.post(reverse("registry:council_switch"), {"council": town.pk}).status_code == 302
    late = [o for o in obligation_list(user=user, council=town) if o.is_overdue]
    assert late and all(o.days_overdue.days == (last - o.due_on).days for o in late)
    home = client.get("/")
    section = next(s for s in home.context["sections"] if s.title == "Việc quá hạn")
    assert section.total == len(late) and "tính đến ngày 30/06/2025" in section.note
    listed = client.get(reverse("followup:obligation_list"), {"trang_thai": "qua_han"})
    assert listed.context["page"].paginator.count == len(late)
    assert "tính đến ngày 30/06/2025" in listed.content.decode()
    dashboard = client.get(reverse("reports:dashboard"))
    # The dashboard opens on the town's latest year of work on record (2024, seed 000's), its picker on 2025.
    assert dashboard.context["year"] == activity_year(town) == 2024 and dashboard.context["years"][0] == 2025
    assert "tính đến ngày 30/06/2025" in dashboard.content.decode()
    assert sum(r["n"] for r in dashboard.context["overdue"]) == len(late)
    scorecard = client.get(reverse("followup:scorecard"))
    assert scorecard.context["date_from"] == datetime.date(2025, 1, 1)
