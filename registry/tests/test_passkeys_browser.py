"""A passkey registered and used in Chromium, with the browser's virtual authenticator (DevTools protocol
`WebAuthn.addVirtualAuthenticator`): the library's scripts, served locally, run under the strict CSP."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from conftest import ARTIFACTS, logout

PASSWORD = "matkhau-thu-nghiem"
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def _password(page: object, base: str, username: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_then_verify_with_a_passkey_in_chromium(browser, live_server, world) -> None:
    base = live_server.url.replace("127.0.0.1", "localhost")  # an IP address cannot be a passkey's domain
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(LISTEN)
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    # The office user has no second factor yet: after the password, the setup screen, then the passkeys.
    _password(page, base, "office")
    assert "/xac-thuc-hai-buoc/" in page.url
    page.goto(f"{base}/dang-ky/tai-khoan/khoa-truy-cap/")
    page.click("#passkey-register-button")
    page.wait_for_selector("#passkeys tbody tr")  # the page reloads with the new passkey listed
    assert WebAuthnCredential.objects.filter(user=world.users["office"]).count() == 1
    assert page.evaluate("window.__csp") == []
    page.screenshot(path=str(ARTIFACTS / "hdnd-passkeys.png"), full_page=True)

    # Log out; the next login asks for the second factor, and the passkey passes it.
    logout(page)
    _password(page, base, "office")
    assert "/xac-minh/" in page.url
    page.click("#passkey-verification-button")
    page.wait_for_url(f"{base}/")
    assert page.evaluate("window.__csp") == []
    assert page.goto(f"{base}/dang-ky/dai-bieu/").status == 200
    assert WebAuthnCredential.objects.get().last_used_at is not None
    context.close()
