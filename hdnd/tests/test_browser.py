"""The key screens of the demo in Chromium under the strict Content-Security-Policy: nothing is blocked,
and the behaviour moved out of inline script (confirmations, auto-submitting selects, htmx, charts) works."""

import pytest

from conftest import ARTIFACTS, login
from petitions.models import ContactMeeting
from registry.demo import DEMO_PASSWORD, demo_council, seed
from registry.models import Body
from standing.models import Meeting

# Reports violations the console may word differently (or not at all) to the page, read back per screen.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_key_screens_run_under_the_policy_without_a_violation(browser, live_server) -> None:
    seed()
    council = demo_council()
    body = Body.objects.filter(council=council).order_by("pk").first()
    standing_meeting = Meeting.objects.filter(council=council).order_by("pk").first()
    contact_meeting = ContactMeeting.objects.filter(round__council=council).order_by("pk").first()
    page = browser.new_page()
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations: dict[str, list[str]] = {}

    def visit(path: str) -> None:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        violations[path] = page.evaluate("window.__csp")

    visit("/dang-nhap/")
    # Through the password and the second-factor screens, as an office chief in production logs in.
    login(page, live_server, "chanhvanphong", DEMO_PASSWORD)
    violations["/"] = page.evaluate("window.__csp")

    # The dashboard draws its charts from the static script and changes year on its own.
    visit("/bao-cao/")
    assert page.evaluate("['chart-petitions', 'chart-overdue', 'chart-states'].every(id => Chart.getChart(id))")
    page.screenshot(path=str(ARTIFACTS / "hdnd-csp-dashboard.png"), full_page=True)
    year = page.locator("select[name=nam] option").nth(1).get_attribute("value")
    page.select_option("select[name=nam]", year)
    page.wait_for_url(f"**/bao-cao/?nam={year}")
    violations["/bao-cao/?nam"] = page.evaluate("window.__csp")

    # htmx still swaps the delegate table as one types.
    visit("/dang-ky/dai-bieu/")
    with page.expect_response(lambda r: "/dang-ky/dai-bieu/" in r.url and "q=" in r.url):
        page.fill("input[name=q]", "nguyen")
    violations["/dang-ky/dai-bieu/?q"] = page.evaluate("window.__csp")

    # A refused confirmation sends nothing: the body is still there.
    visit(f"/dang-ky/co-quan/{body.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("main form[data-confirm] button")
    assert page.url.endswith(f"/dang-ky/co-quan/{body.pk}/")
    assert Body.objects.filter(pk=body.pk).exists()

    for path in (
        "/van-ban/",
        f"/thuong-truc/phien-hop/{standing_meeting.pk}/",
        f"/kien-nghi/hoi-nghi/{contact_meeting.pk}/",
        "/theo-doi/",
        "/api/v1/docs",
    ):
        visit(path)
    page.screenshot(path=str(ARTIFACTS / "hdnd-csp-api-docs.png"), full_page=True)
    page.close()

    assert {path: found for path, found in violations.items() if found} == {}
    assert console == []
