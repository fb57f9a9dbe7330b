"""Settings of hdnd, read from the environment; safe for production by default.

`DEBUG` is off unless the environment turns it on (`make demo` and developers set `DEBUG=1`); with it
off the server refuses to start without a `SECRET_KEY` of its own.
Production checklist (README): set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL 15), the
SECURE_* variables and the mail settings, and run `manage.py check --deploy`.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


# --- Secret key and DEBUG (issue 12, item 8) ---
# The demo key is public (it is in this file): only a DEBUG run may fall back on it.
DEMO_SECRET_KEY = "hdnd-demo-khong-dung-cho-san-xuat"
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (DEMO_SECRET_KEY if DEBUG else "")
if not DEBUG and SECRET_KEY in {"", DEMO_SECRET_KEY}:
    raise ImproperlyConfigured(
        "Chưa đặt SECRET_KEY riêng cho máy chủ: khi DEBUG tắt, hệ thống không chạy với khóa trống hoặc khóa "
        "công khai của bản trình diễn. Đặt biến môi trường SECRET_KEY (chuỗi ngẫu nhiên từ 50 ký tự), hoặc "
        "DEBUG=1 khi chạy thử trên máy phát triển."
    )
# --- end secret key and DEBUG ---
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "ninja",
    "hdnd",
    "registry",
    "documents",
    "followup",
    "standing",
    "plenary",
    "supervision",
    "petitions",
    "reception",
    "consultation",
    "reports",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (Pico, htmx, Chart.js, the fonts) from the server itself, also under gunicorn.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "registry.middleware.CurrentCouncilMiddleware",
    # Login security (issue 12): session lifetime, then the second factor, then axes' lockout page.
    "registry.security.SessionLifetimeMiddleware",
    "registry.security.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its Vietnamese 400 page has the user and council; before any view or CSRF check reads input.
    "hdnd.middleware.InputBoundaryMiddleware",
    # After authentication: the session and the user always come from the primary (hdnd/replica.py).
    "hdnd.replica.ReplicaMiddleware",
]

# The largest form or JSON body accepted (uploaded files are counted apart): Django's 2.5 MB, stated
# because the input boundary answers 413 above it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "hdnd.urls"
WSGI_APPLICATION = "hdnd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hdnd" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registry.context_processors.shell",
                "followup.context_processors.notifications",
            ],
        },
    },
]


def _database(url: str) -> dict:
    """One database from its URL: SQLite waits for its lock; PostgreSQL pools its connections (DB_POOL=1)
    or checks a persistent connection before each request reuses it."""
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Concurrent writers wait for the lock instead of failing at once.
        database["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    elif env_bool("DB_POOL", False):
        # The production server pools PostgreSQL connections per worker process (psycopg_pool, through
        # Django's own support); a connection is checked before it is lent, so a restarted database or a
        # dropped intranet link costs one reconnect, not an error page. The pool replaces persistent
        # connections (Django refuses both at once).
        from psycopg_pool import ConnectionPool

        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
            "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
            "check": ConnectionPool.check_connection,
        }
    else:
        database["CONN_HEALTH_CHECKS"] = True
    return database


DATABASES = {"default": _database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# A read replica (PostgreSQL streaming replication) for read-only pages and reports: hdnd/replica.py.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = _database(os.environ["DATABASE_REPLICA_URL"])
    # Tests read the primary under the replica's name (no second test database).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["hdnd.replica.ReplicaRouter"]
# Pages that may read from the replica (GET/HEAD only): reports and the public pages by default.
REPLICA_PATHS = [
    p for p in os.environ.get("REPLICA_PATHS", "/bao-cao/,/van-ban/cong-khai/,/kien-nghi/cong-khai/").split(",") if p
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-filter's empty choice reads "---------" otherwise (issue 18).
FILTERS_EMPTY_CHOICE_LABEL = "— Tất cả —"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["hdnd.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded files: on this server's disk by default (MEDIA_ROOT; several app servers then share it as a
# network mount), or any Django storage named by STORAGE_BACKEND with its options as JSON, e.g. an
# S3-compatible object store through django-storages (README, "Nhiều máy chủ ứng dụng").
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# An uploaded sheet to import (citizens' names, addresses) is deleted once its import is saved or cancelled;
# one left unfinished is deleted by the daily job (`send_reminders`) after this many days.
IMPORT_KEEP_DAYS = int(os.environ.get("IMPORT_KEEP_DAYS", "7"))

_mail_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
_mail_options = (
    {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
    if _mail_backend.endswith("smtp.EmailBackend")
    else {}
)
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hdnd@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security headers (issue 12, item 3); `check --deploy` is clean with the README's production values ---
# A strict policy: no inline script or style anywhere (behaviour lives in hdnd/static/hdnd/*.js, looks in
# app.css); data: images only because Pico CSS draws its select and checkbox marks as inline SVG.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
# --- end security headers ---

# Access to citizens' personal data is logged (Nghị định 13/2023/NĐ-CP); PERSONAL_DATA_LOG names a file
# to keep that log in production, beside the console.
_personal_data_handlers = ["console"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"hdnd.personal_data": {"handlers": _personal_data_handlers, "level": "INFO"}},
}
if os.environ.get("PERSONAL_DATA_LOG"):
    LOGGING["handlers"]["personal_data_file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": os.environ["PERSONAL_DATA_LOG"],
        "formatter": "stamped",
    }
    LOGGING["formatters"] = {"stamped": {"format": "%(asctime)s %(message)s"}}
    _personal_data_handlers.append("personal_data_file")

# --- API errors (issue 12, item 4): unexpected exceptions caught by hdnd/api.py reach the console with
# their traceback, for the administrators; clients only get the generic Vietnamese message.
LOGGING["loggers"]["hdnd.api"] = {"handlers": ["console"], "level": "WARNING"}
# --- end API errors ---

# --- Login security (issue 12, item 2): lockout, second factor, session lifetime, password rules ---------
# Kept in one block on purpose: every value reads from the environment with a default fit for production,
# and the demo (DEBUG on) keeps its easy logins.

AUTHENTICATION_BACKENDS = [
    # axes first: a locked-out account or address is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
# Locked per account and per address: five wrong passwords on one name, or from one address, lock it.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.5"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "registry.security.lockout_response"
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_PROXY", False) else None
AXES_VERBOSE = False

# Second factor (django-otp, TOTP + backup codes): required for these roles and for staff accounts.
HDND_REQUIRE_2FA = env_bool("HDND_REQUIRE_2FA", not DEBUG)
HDND_2FA_ROLES = ["quan_tri", "lanh_dao_van_phong", "van_phong"]
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "HĐND")
# Passkeys (django-otp-webauthn) as a second factor beside TOTP, never instead of the password: the lockout
# and the password rules stay in front. The relying party is the host the user opened (validated by
# ALLOWED_HOSTS) unless WEBAUTHN_RP_ID names the domain; the expected origin is that host too, plus these.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "registry.passkeys.Helper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "registry.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = os.environ.get("WEBAUTHN_RP_NAME", OTP_TOTP_ISSUER)
HDND_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "")
OTP_WEBAUTHN_ALLOWED_ORIGINS = [o for o in os.environ.get("WEBAUTHN_ORIGINS", "").split(",") if o] or [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
]

# Session lifetime, in minutes: absolute from login and idle since the last request.
HDND_SESSION_OFFICE_MAX = int(os.environ.get("SESSION_OFFICE_MAX_MINUTES", str(8 * 60)))
HDND_SESSION_OFFICE_IDLE = int(os.environ.get("SESSION_OFFICE_IDLE_MINUTES", "30"))
HDND_SESSION_OTHER_MAX = int(os.environ.get("SESSION_OTHER_MAX_MINUTES", str(7 * 24 * 60)))
HDND_SESSION_OTHER_IDLE = int(os.environ.get("SESSION_OTHER_IDLE_MINUTES", str(8 * 60)))

# Django's own rules (Vietnamese with LANGUAGE_CODE=vi) plus, in production, a 12-character minimum and
# the list of demo and common Vietnamese passwords; the demo keeps `hdnd@2026`.
HDND_PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "8" if DEBUG else "12"))
HDND_REFUSE_DEMO_PASSWORDS = env_bool("HDND_REFUSE_DEMO_PASSWORDS", not DEBUG)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": HDND_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
] + ([{"NAME": "registry.passwords.DemoPasswordValidator"}] if HDND_REFUSE_DEMO_PASSWORDS else [])
