"""Every history page in words, as the office reads it (issue 18, item 4).

On the demo, the chief of office (who may also open the numbering settings) changes one record of every model
that has a history page (a choice, a date, a time, a text, each through the project's one validated save that
every service uses, so the history row names the acting user); then the record's page is opened and its
"Lịch sử thay đổi" section must speak Vietnamese: field labels, choice labels, the user's full name,
dd/mm/yyyy and hh:mm, no codes, no raw dicts, no template tokens, no "None", no English.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils.text import capfirst

from conftest import verify_second_factor
from hdnd.saving import validated_save
from registry.demo import demo_council, seed

# Every model whose page includes _history.html, with the page's URL name (grep "_history.html").
PAGES = [
    ("reception.Letter", "reception:letter_detail"),
    ("reception.ReceptionSession", "reception:session_detail"),
    ("supervision.Round", "supervision:round_detail"),
    ("supervision.Programme", "supervision:programme_detail"),
    ("plenary.Session", "plenary:session_detail"),
    ("plenary.GroupDiscussion", "plenary:group_discussion_detail"),
    ("plenary.Submission", "plenary:submission_detail"),
    ("standing.WorkProgramme", "standing:programme_detail"),
    ("standing.Conference", "standing:conference_detail"),
    ("standing.OpinionRequest", "standing:opinion_detail"),
    ("standing.Meeting", "standing:meeting_detail"),
    ("registry.Council", "registry:council_detail"),
    ("registry.Delegate", "registry:delegate_detail"),
    ("registry.Body", "registry:body_detail"),
    ("followup.Obligation", "followup:obligation_detail"),
    ("petitions.ContactRound", "petitions:round_detail"),
    ("petitions.Petition", "petitions:petition_detail"),
    ("documents.Document", "documents:document_detail"),
    ("documents.Issuer", "documents:issuer_edit"),
]
COUNCIL_PATH = {
    "registry.Council": "pk",
    "registry.Delegate": "term__council",
    "plenary.GroupDiscussion": "session__council",
    "plenary.Submission": "session__council",
}
FULL_NAME = "Nguyễn Viết Thanh"
SECTION = re.compile(r"<h2>Lịch sử thay đổi</h2>(.*?)</section>", re.S)
# A field's or a code's name in code: snake_case words ("forwarded_petition", "answer_days").
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
FORBIDDEN = ["{{", "{'", "[{", "None", "Created by", "Updated by", "Changed by", "1900", ">chanhvanphong<"]


def _changes(obj: models.Model) -> dict[str, tuple[models.Field, object]]:
    """One new value per kind of field the history shows: a choice, a date, a time, a text."""
    kept = {f.name for f in obj.history.model._meta.fields}
    planned: dict[str, tuple[models.Field, object]] = {}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.is_relation or field.name not in kept or field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if field.choices and "choice" not in planned:
            others = [v for v, _ in field.flatchoices if v not in (value, "", None)]
            if others:
                planned["choice"] = (field, others[0])
        elif isinstance(field, models.TimeField) and "time" not in planned:
            planned["time"] = (field, datetime.time(8, 0) if value != datetime.time(8, 0) else datetime.time(14, 30))
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            if "date" not in planned and value is not None:
                planned["date"] = (field, value + datetime.timedelta(days=1))
        elif (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and "text" not in planned
            and value
            and not field.unique
            and len(value) + 9 <= (field.max_length or 10_000)
        ):
            planned["text"] = (field, f"{value} (đã sửa)")
    return planned


def _change(obj: models.Model, user: object) -> tuple[list[tuple[models.Field, object]], list[str]]:
    """Each of `_changes` saved on its own as `user` (one history row each); those the model's validation
    refuses are left out. The fields changed, and the refusals' messages."""
    done, refused = [], []
    for field, value in _changes(obj).values():
        before = getattr(obj, field.attname)
        setattr(obj, field.attname, value)
        try:
            validated_save(obj, user)
            done.append((field, value))
        except ValidationError as exc:
            setattr(obj, field.attname, before)
            refused += exc.messages
    return done, refused


@pytest.mark.django_db
def test_every_history_page_speaks_vietnamese() -> None:
    seed()
    town = demo_council()
    user = get_user_model().objects.get(username="chanhvanphong")
    assert user.get_full_name() == FULL_NAME
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    problems: dict[str, list[str]] = {}
    checked = 0
    for label, url_name in PAGES:
        model = apps.get_model(label)
        path = COUNCIL_PATH.get(label, "council")
        candidates = model.objects.filter(**{path: town.pk if path == "pk" else town})
        obj = candidates.order_by("pk").first()
        if obj is None:
            problems[label] = ["the demo has no such record"]
            continue
        changed, refused = _change(obj, user)
        response = client.get(reverse(url_name, args=[obj.pk]))
        found = []
        if response.status_code != 200:
            problems[label] = [f"HTTP {response.status_code}"]
            continue
        sections = SECTION.findall(response.content.decode())
        if not sections:
            problems[label] = ["no history section"]
            continue
        history = sections[0]
        checked += 1
        if not changed:
            found.append(f"nothing could be changed: {refused}")
        if FULL_NAME not in history:
            found.append("the user's full name is missing")
        found += [f"shows {bad!r}" for bad in FORBIDDEN if bad in history]
        found += [f"code {code!r}" for code in sorted(set(CODE.findall(history)))]
        found += [f"date {d!r}" for d in re.findall(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", history)]
        for field, value in changed:
            if capfirst(str(field.verbose_name)) not in history:
                found.append(f"label of {field.name} missing")
            if field.choices and str(dict(field.flatchoices)[value]) not in history:
                found.append(f"choice label of {field.name}={value!r} missing")
            if isinstance(value, datetime.time) and value.strftime("%H:%M") not in history:
                found.append(f"time {value} not as hh:mm")
            if isinstance(value, datetime.date) and value.strftime("%d/%m/%Y") not in history:
                found.append(f"date {value} not as dd/mm/yyyy")
        if found:
            problems[label] = found
    assert problems == {}, "\n".join(f"{label}: {found}" for label, found in problems.items())
    assert checked == len(PAGES)


class _Forms(HTMLParser):
    """The POST forms of a page, each as its action and the values a plain submit would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.links: set[str] = set()
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/") and not SKIP.search(a["href"]):
            self.links.add(a["href"])
        if tag == "form" and a.get("method", "").lower() == "post":
            self.forms.append((a.get("action", ""), {}))
        elif not self.forms or "name" not in a:
            if tag == "option" and self._select and self.forms and self._select not in self.forms[-1][1]:
                self.forms[-1][1][self._select] = a.get("value", "")
            return
        elif (tag == "input" and a.get("type") not in ("checkbox", "radio", "file", "submit")) or "checked" in a:
            self.forms[-1][1].setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self.forms[-1][1].setdefault(a["name"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


# Links that are not screens: downloads, exports, the API, logging out.
SKIP = re.compile(r"/api/|/xuat|\.docx|\.xlsx|\.pdf|/tai-ve|/tai-xuong|/tep/|/dang-xuat")
# The roles of the tour; what each page offers a role it must also let that role do.
ROLES = ["vanphong", "chanhvanphong", "thuongtruc", "daibieu", "coquan"]


@pytest.mark.django_db
def test_every_button_offered_is_allowed() -> None:
    """For each role, each POST form on the home page, the annual report and one record of every page above
    is submitted as the page gives it, and each link they show is opened: none may be refused with 403 (a
    refusal by the record's state or by bad input is a message; a button the role may not press must not be
    there, as the annual report's rating is not offered to the office)."""
    seed()
    town = demo_council()
    pages = ["/", "/bao-cao/kiem-diem/2024/"]
    for label, url_name in PAGES:
        path = COUNCIL_PATH.get(label, "council")
        obj = apps.get_model(label).objects.filter(**{path: town.pk if path == "pk" else town}).order_by("pk").first()
        pages.append(reverse(url_name, args=[obj.pk]))
    refused = []
    posted = 0
    opened = 0
    for username in ROLES:
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        links: dict[str, str] = {}
        for page in pages:
            response = client.get(page)
            if response.status_code != 200:
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, data in parser.forms:
                target = action or page
                if "dang-xuat" in target:
                    continue
                posted += 1
                if client.post(target, data).status_code == 403:
                    refused.append(f"{username} {page} → POST {target}")
            links |= {link: page for link in parser.links if link not in links}
        for link, page in sorted(links.items()):
            opened += 1
            if client.get(link).status_code == 403:
                refused.append(f"{username} {page} → {link}")
    assert posted > 20 and opened > 100
    assert refused == [], "\n".join(refused)
