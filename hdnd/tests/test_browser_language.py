"""The test browser speaks Vietnamese (issue 18): Chromium's own words ("Chọn tệp", not "Choose File"), the
page's language and the Accept-Language header it sends, whatever context or page a test opens."""

from collections.abc import Callable

import pytest

from conftest import ARTIFACTS


def _answering(sent: list[str]) -> Callable[[object], None]:
    """A route handler that answers the page from here, keeping the Accept-Language header the browser sent."""

    def answer(route: object) -> None:
        sent.append(route.request.all_headers().get("accept-language", ""))
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body="<p>Tệp</p>")

    return answer


@pytest.mark.browser
def test_every_context_and_page_is_vietnamese(browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pages = [context.new_page(), browser.new_page()]
    for page in pages:
        sent: list[str] = []
        page.route("http://hdnd.test/**", _answering(sent))
        page.goto("http://hdnd.test/")
        assert sent and sent[0].startswith("vi-VN"), sent
        assert page.evaluate("navigator.language") == "vi-VN"
        # Dates and numbers the browser formats follow Vietnamese use: day first, a comma for decimals.
        assert page.evaluate("new Intl.DateTimeFormat().format(new Date(2026, 0, 2))") == "2/1/2026"
        assert page.evaluate("(1.5).toLocaleString()") == "1,5"
    # Chromium names a file input's button in its interface language: read the name from its accessibility tree.
    page = pages[0]
    page.set_content('<html lang="vi"><body><input type="file"></body></html>')
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    names = [n.get("name", {}).get("value") for n in tree["nodes"] if n.get("role", {}).get("value") == "button"]
    assert names == ["Chọn tệp"], names
    clip = {"x": 0, "y": 0, "width": 390, "height": 40}
    page.screenshot(path=str(ARTIFACTS / "browser-file-input-vi.png"), clip=clip)
    context.close()
    pages[1].close()
