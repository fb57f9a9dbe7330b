"""The lockout list (screen and API) and the second-factor screens run a fixed number of queries."""

from axes.models import AccessAttempt
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hdnd.testing import assert_constant_queries


def _fail(username: str, failures: int = 5) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address="10.1.2.3",
        user_agent="kiem-thu",
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/dang-nhap/",
        failures_since_start=failures,
    )


def test_lockout_list_screen_constant_queries(world, as_user) -> None:
    _fail("delegate")
    chief = as_user("office_chief")
    chief.get("/dang-ky/nguoi-dung/bi-khoa/")  # the first page stores the current council in the session
    assert_constant_queries(
        lambda: chief.get("/dang-ky/nguoi-dung/bi-khoa/"),
        lambda: [_fail(key) for key in ("agency", "standing", "committee")],
        row_text="Mở khoá</button>",
        rows=3,
    )


def test_lockout_list_api_constant_queries(world, as_user) -> None:
    _fail("delegate")
    admin = as_user("admin")
    url = f"/api/v1/councils/{world.council.pk}/lockouts"
    _before, after = assert_constant_queries(
        lambda: admin.get(url),
        lambda: [_fail(key, 2) for key in ("agency", "standing", "committee")],
        row_text='"username"',
        rows=3,
    )
    assert {row["username"] for row in after.json()} == {"delegate", "agency", "standing", "committee"}


def _more_devices(user: object) -> None:
    """Other users' devices and more backup codes of the user's own: the screens must not read per row."""
    device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(user=user, name="x")
    StaticToken.objects.bulk_create([StaticToken(device=device, token=f"ma{i:06d}") for i in range(10)])


def test_otp_setup_screen_constant_queries(world, as_user) -> None:
    client = as_user("delegate", verified=False)
    user = world.users["delegate"]
    assert_constant_queries(
        lambda: client.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/"),
        lambda: [TOTPDevice.objects.create(user=world.users[k], name="khác") for k in ("agency", "standing")],
        row_text="<svg",
        rows=0,
    )
    assert TOTPDevice.objects.filter(user=user, confirmed=False).count() == 1


def test_otp_verify_screen_constant_queries(world, as_user) -> None:
    user = world.users["office"]
    TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    client = as_user("office", verified=False)
    assert_constant_queries(
        lambda: client.get("/dang-ky/tai-khoan/xac-minh/"),
        lambda: _more_devices(user),
        row_text='name="code"',
        rows=0,
    )


def test_backup_codes_screen_constant_queries(world, as_user, settings) -> None:
    """Setting up again (a verified session) shows ten new codes with the same queries, however many old ones."""
    from django_otp.oath import totp

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.users["office"]
    client = as_user("office")

    def setup_once() -> object:
        client.get("/dang-ky/tai-khoan/xac-thuc-hai-buoc/")
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        return client.post("/dang-ky/tai-khoan/xac-thuc-hai-buoc/", {"code": str(totp(device.bin_key)).zfill(6)})

    setup_once()  # the first set-up: later ones replace a confirmed device and old codes
    holder = [None]

    def fetch() -> object:
        holder[0] = setup_once()
        return holder[0]

    before, after = assert_constant_queries(fetch, lambda: _more_devices(user))
    for response in (before, after):
        assert len(response.context["codes"]) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
