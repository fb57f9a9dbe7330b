"""A walk of the portal on a phone (390×844), as a visitor without an account: the national index, a
council's home, every section of its top bar, a delegate, a session, a document, a search without
diacritics and the home page; then, reached through the portal's own links, the drafts put out for
opinions and a draft with its comment form, and the open-data pages (national and the council's). Each
page is screenshotted under test-artifacts/portal/, checked by axe-core (0 serious or critical
violations) and its HTML parsed by html5lib (no parse error), and must not be wider than the phone."""

import datetime

import pytest

from conftest import ARTIFACTS
from consultation import services as consultation
from hdnd import dates
from hdnd.tests.test_tour import AXE, RUN_AXE, html_errors, slug
from portal.tests.conftest import answer_all, grow, publish_slots
from registry.services import setting_set

DRAFT = (
    "Căn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Phạm vi điều chỉnh\nNghị quyết này quy định mức hỗ "
    "trợ làm đường giao thông nông thôn.\nĐiều 2. Hiệu lực\nNghị quyết có hiệu lực từ ngày ký."
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_walk_on_a_phone(browser, live_server, site) -> None:
    grow(site, 3)
    answer_all(site)
    publish_slots(site, 3)
    setting_set(council=site.council, key=consultation.MIN_DAYS_RULE, value=20, decision="Quy chế, Điều 5")
    today = dates.today()
    draft = consultation.consultation_publish(
        consultation=consultation.consultation_create(
            council=site.council,
            title="Dự thảo Nghị quyết hỗ trợ làm đường giao thông nông thôn",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=30),
            text=DRAFT,
        ),
        user=None,
    )
    out = ARTIFACTS / "portal"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    c = site.council.pk
    base = live_server.url
    page.goto(f"{base}/cong-khai/")
    paths = ["/", "/cong-khai/", f"/cong-khai/{c}/"]
    page.goto(f"{base}/cong-khai/{c}/")
    sections = page.eval_on_selector_all("header nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths += [h for h in sections if h.startswith(f"/cong-khai/{c}/") and h not in paths]
    paths += [
        f"/cong-khai/{c}/dai-bieu/{site.delegates[0].pk}/",
        f"/cong-khai/{c}/ky-hop/{site.sessions[0].pk}/",
        f"/cong-khai/{c}/van-ban/{site.documents[0].pk}/",
        f"/cong-khai/{c}/tim-kiem/?q=duong",
        "/cong-khai/tim-kiem/?q=duong",
        # The apps' own public pages the portal links to, now on the portal's base template.
        f"/giam-sat/cong-khai/{c}/dot/{site.rounds[0].pk}/",
        f"/don-thu/cong-khai/{c}/",
        f"/ky-hop/cong-khai/{c}/",
    ]
    # The consultation and open data, as the portal links them (top bar, council page, national index).
    linked = {
        f"/y-kien-du-thao/{c}/": f"/cong-khai/{c}/",
        f"/y-kien-du-thao/{c}/{draft.pk}/": f"/cong-khai/{c}/",
        f"/du-lieu-mo/{c}/": f"/cong-khai/{c}/",
        "/du-lieu-mo/": "/cong-khai/",
    }
    for path, source in linked.items():
        page.goto(f"{base}{source}")
        assert page.locator(f'a[href="{path}"]').count() >= 1, (source, path)
        paths.append(path)
    problems = {}
    for path in paths:
        response = page.goto(f"{base}{path}", wait_until="load")
        found = [] if response.status == 200 else [f"HTTP {response.status}"]
        found += [f"html: {e}" for e in html_errors(response.text())]
        page.evaluate(AXE)
        found += [f"axe: {v}" for v in page.evaluate(RUN_AXE)]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 2:
            found.append(f"page {overflow} px wider than the phone")
        page.screenshot(path=str(out / f"phone-{slug(path)}.png"), full_page=True)
        if found:
            problems[path] = found
    # The draft's page has the comment form, with its privacy notice.
    page.goto(f"{base}/y-kien-du-thao/{c}/{draft.pk}/")
    assert page.locator("form textarea").count() == 1
    assert page.locator("text=Lưu ý:").count() == 1
    # The search box of the top bar finds "đường" when typed without diacritics.
    page.goto(f"{base}/cong-khai/{c}/")
    page.fill("header input[name=q]", "duong lien thon")
    page.click("header form button[type=submit]")
    page.wait_for_url("**/tim-kiem/**")
    assert site.petitions[0].text in page.content()
    context.close()
    assert problems == {}, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in problems.items())
    assert len(paths) == 23
