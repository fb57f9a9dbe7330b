"""No personal data in public: every public page, feed, API answer and bulk file of the demo is scanned for
the names, phone numbers and addresses of its petitioners, letter senders (complainants, denouncers, their
relatives) and commenters (issue 20, item 4).

An anonymous client starts at `/`, the public roots (/du-lieu-mo/, /cong-khai/ when the portal is there)
and every public route of the apps (those with "cong-khai" in their address, filled with each council's
id), and follows same-site links (GET only, bounded): pages, Atom feeds (<link rel="alternate">), the
open-data API (the addresses in its JSON answers), downloads (DOCX, ZIP, CSV, JSON: unzipped and read;
larger than LIMIT: skipped). The bulk exports are built and read too. It fails listing each string found
and where.
"""

import html
import io
import json
import re
import time
import unicodedata
import zipfile
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from opendata import export
from opendata.models import BulkExport
from registry.models import Delegate

# The personal data of the demo: model label → its fields holding a name, a phone, an address, an id.
# A model of an app not installed (yet) is skipped, so a new one is one more line here.
PERSONAL_FIELDS = {
    "petitions.Petitioner": ["full_name", "phone", "address"],
    "reception.Sender": ["full_name", "phone", "address", "id_number"],
    # The consultation on drafts (issue 20, item 3): a public commenter's optional name and contact.
    "consultation.Opinion": ["name", "contact"],
}
# Public texts that name places: a voters' petition is published with the area its voters live in ("cử tri
# tổ dân phố 5, phường Phổ Quang kiến nghị…"); an address that is nothing more than such an area names a
# place many households share, not a person, and is left out of the scan (the test prints which).
PLACE_TEXTS = {"petitions.Petition": ["text"]}
MIN_LENGTH = 6  # shorter strings ("Lan", "Phổ An") would match ordinary words of public pages
MAX_FETCHES = 2500
PER_PATH = 8  # query-string variants of one path (pages of a list, filters)
LIMIT = 5 * 1024 * 1024
SKIP = ("/static/", "/dang-nhap/", "/dang-xuat/", "/quan-tri/", "/api/v1/docs", "/api/v1/openapi.json")
SKIP_SUFFIX = (".pdf",)  # a PDF is the DOCX rendered by LibreOffice: the DOCX is read instead
TEXT_TYPES = ("text/", "application/json", "application/atom+xml", "application/xml", "application/rss+xml")
ZIP_TYPES = ("application/zip", "application/vnd.openxmlformats", "application/octet-stream")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _place_texts() -> str:
    texts = []
    for label, fields in PLACE_TEXTS.items():
        for row in apps.get_model(label).objects.values_list(*fields):
            texts += [str(value) for value in row]
    return _norm("\n".join(texts))


def personal_strings() -> tuple[dict[str, str], list[str]]:
    """Every personal string of the demo worth looking for → where it comes from; and the addresses left
    out because public texts name them as places."""
    public_names = {_norm(name) for name in Delegate.objects.values_list("person__full_name", flat=True)}
    places = _place_texts()
    found, places_only = {}, []
    for label, fields in PERSONAL_FIELDS.items():
        # A model or field renamed fails here, rather than leaving its personal data out of the scan unseen.
        for row in apps.get_model(label).objects.values(*fields):
            for name, value in row.items():
                value = " ".join(str(value or "").split())
                if len(value) < MIN_LENGTH or (name.endswith("name") and _norm(value) in public_names):
                    continue
                if name.endswith("address") and _norm(value) in places:
                    places_only.append(value)
                    continue
                found[_norm(value)] = f"{label}.{name}"
                if name.endswith("phone"):
                    found[_norm(re.sub(r"[\s.\-]", "", value))] = f"{label}.{name}"
    return found, places_only


def _routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    out = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            out += _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            out.append(prefix + str(entry.pattern))
    return out


def public_roots(council_ids: list[int]) -> list[str]:
    """/, the portal and open-data roots, and every "cong-khai" route whose only parameter is a council."""
    roots = ["/", "/cong-khai/", "/du-lieu-mo/", "/api/v1/open/", "/api/v1/open/exports"]
    for route in _routes(get_resolver()):
        if "cong-khai" not in route or route.startswith("^"):
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not params:
            roots.append("/" + route)
        elif params == ["council_id"]:
            roots += ["/" + re.sub(r"<(?:\w+:)?council_id>", str(pk), route) for pk in council_ids]
    return list(dict.fromkeys(roots))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"a", "link"} and values.get("href"):
            self.links.append(values["href"])


def _same_site(url: str, base: str) -> str | None:
    url = urljoin(base, html.unescape(url))
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", ""} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP) or parts.path.endswith(SKIP_SUFFIX):
        return None
    return path


def _zip_texts(content: bytes) -> list[str]:
    """The text of every member of a ZIP (a DOCX is one): XML without its tags, so that a name split into
    several runs of a Word paragraph reads whole again; nested archives opened too."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            if data[:2] == b"PK":
                texts += _zip_texts(data)
                continue
            text = data.decode("utf-8", errors="ignore")
            if info.filename.endswith((".xml", ".rels")):
                text = re.sub(r"<[^>]+>", "", text)
            texts.append(html.unescape(text))
    return texts


def _texts(response: object) -> tuple[list[str], str]:
    """(texts to scan, the kind read) of a response; streaming answers are read up to LIMIT."""
    kind = response.get("Content-Type", "").split(";")[0]
    if response.streaming:
        if int(response.get("Content-Length") or 0) > LIMIT:
            return [], "too-big"
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if len(content) > LIMIT:
        return [], "too-big"
    if content[:2] == b"PK" or kind.startswith(ZIP_TYPES):
        try:
            return _zip_texts(content), "zip"
        except zipfile.BadZipFile:
            pass
    text = content.decode("utf-8", errors="ignore")
    if kind == "application/json":
        # Unicode escapes (\u0111) read back as letters.
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return [html.unescape(text)], kind


def _json_links(text: str) -> list[str]:
    return re.findall(r'"(http://testserver/[^"\s]+)"', text)


def crawl(client: Client, roots: list[str]) -> tuple[dict[str, list[str]], Counter, dict[str, int]]:
    """Every public answer reachable from the roots → its texts; with the counts of what was read, and each
    address that answered 4xx with its status."""
    seen, per_path, pages, refused = set(), Counter(), {}, {}
    stats: Counter = Counter()
    queue = deque(roots)
    while queue and stats["fetched"] < MAX_FETCHES:
        path = queue.popleft()
        bare = path.split("?")[0]
        if path in seen or per_path[bare] >= PER_PATH:
            continue
        seen.add(path)
        per_path[bare] += 1
        response = client.get(path)
        stats["fetched"] += 1
        stats[response.status_code // 100 * 100] += 1
        if response.status_code >= 500:
            pages[path] = [f"LỖI {response.status_code}"]
            continue
        if 400 <= response.status_code < 500:
            refused[path] = response.status_code
        if response.status_code != 200:
            continue
        texts, kind = _texts(response)
        stats[kind] += 1
        pages[path] = texts
        links = []
        for text in texts if kind in {"text/html", "application/atom+xml", "application/xml"} else []:
            parser = _Links()
            parser.feed(text)
            links += parser.links
        if kind == "application/json":
            links += _json_links(texts[0])
        for link in links:
            target = _same_site(link, f"http://testserver{path}")
            if target and target not in seen:
                queue.append(target)
    return pages, stats, refused


def scan(pages: dict[str, list[str]], personal: dict[str, str]) -> list[str]:
    leaks = []
    for where, texts in pages.items():
        body = _norm("\n".join(texts))
        leaks += [f"{where}: «{value}» ({origin})" for value, origin in personal.items() if value in body]
    return leaks


def test_the_scanner_finds_a_name_split_across_word_runs() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", "<w:p><w:r><w:t>Trần Văn</w:t></w:r><w:r><w:t> Hùng</w:t></w:r></w:p>")
    texts = _zip_texts(buffer.getvalue())
    assert scan({"tep.docx": texts}, {_norm("Trần Văn Hùng"): "reception.Sender.full_name"}) == [
        "tep.docx: «trần văn hùng» (reception.Sender.full_name)"
    ]


@pytest.mark.django_db
def test_no_personal_data_on_any_public_page_feed_api_answer_or_bulk_file(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    started = time.monotonic()
    call_command("seed_demo", stdout=io.StringIO())
    seeded = time.monotonic()
    personal, places_only = personal_strings()
    # The demo's senders: names, addresses and phones, most of them looked for.
    assert len(personal) >= 10 and len(places_only) < len(personal) / 2, (personal, places_only)
    export.export_all()
    # The councils with records (active ones, and ceased ones with terms such as the demo's town): the other
    # units of the country's list have no page to show.
    councils = apps.get_model("registry.Council").objects.filter(Q(active=True) | Q(terms__isnull=False))
    council_ids = sorted(set(councils.values_list("pk", flat=True)))
    pages, stats, refused = crawl(Client(raise_request_exception=False), public_roots(council_ids))
    for row in BulkExport.objects.all():
        pages[f"bulk:{row.file.name}"] = list(export.read_back(row).values())
    errors = [path for path, texts in pages.items() if texts[:1] and texts[0].startswith("LỖI")]
    print(f"seed {seeded - started:.0f} s, crawl {time.monotonic() - seeded:.0f} s, {dict(stats)}")
    print(f"{len(personal)} strings looked for; addresses that public petitions name as places: {places_only}")
    assert errors == []
    # The crawl sends no bad input: it opens the roots and the links public answers give (pages, feeds, the
    # API's own addresses). A 4xx there is a link to nothing, not a refusal, so none is expected. (It once
    # counted answers of the 4xx class: the open API's File records of posted titles without a file, whose
    # download address was a 404.)
    assert refused == {}, refused
    # The crawl reached the public records, not only a login form: pages, API answers and archives.
    assert stats["text/html"] >= 10 and stats["application/json"] >= 10 and stats["zip"] >= 3, stats
    # The consultation's public pages are no root of the crawl ("y-kien-du-thao", not "cong-khai"): they are
    # reached through the portal's links, and the demo's commenter is among the strings looked for.
    drafts = [path for path in pages if re.fullmatch(r"/y-kien-du-thao/\d+/\d+/", path)]
    assert drafts, sorted(pages)
    assert _norm("Trần Văn Bình") in personal, personal
    leaks = scan(pages, personal)
    assert leaks == [], "\n".join(leaks)
