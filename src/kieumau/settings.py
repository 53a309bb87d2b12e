"""One settings module. Safe local defaults; production is switched on by environment variables.

Local: SQLite and media under ``var/`` (or ``KIEUMAU_DATA_DIR``), debug on.
Production: ``DEBUG=false`` requires ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and turns on the
secure-transport settings; ``DATABASE_URL`` points at PostgreSQL. See ``.env.example``.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kieumau.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("KIEUMAU_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", True)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-local-development-only")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "axes",
    "django_htmx",
    "ninja",  # Swagger UI for /api/docs served from its wheel
    "kieumau.core",
    "kieumau.accounts",
    "kieumau.adminunits",
    "kieumau.criteria",
    "kieumau.programme",
    "kieumau.assessments",
    "kieumau.context",
    "kieumau.reports",
    "kieumau.api",
    "kieumau.workbooks",
    "kieumau.web",
]

MIDDLEWARE = [
    "kieumau.core.proxy.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kieumau.accounts.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kieumau.accounts.twofactor.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

FORM_RENDERER = "kieumau.core.form_renderer.FormRenderer"  # widgets through Jinja2: faster
ROOT_URLCONF = "kieumau.urls"
WSGI_APPLICATION = "kieumau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kieumau.web.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kieumau.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user or address first
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify and are upgraded to Argon2 at the next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "kieumau.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Two-factor sign-in (django-otp): required for these roles, optional for the others.
TWO_FACTOR_REQUIRED_ROLES = ("province", "ministry")
OTP_TOTP_ISSUER = "Kiểu Mẫu"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin deletes (resets) devices, never shows secrets
# Authenticator secrets and recovery codes are tracked by the audit trail without their values.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "otp_totp.totpdevice", "exclude_fields": ["key"]},
    {"model": "otp_static.statictoken", "exclude_fields": ["token"]},
)

# Lockout after repeated failed sign-ins (django-axes), lifted by an administrator.
# Two counters (kieumau.accounts.lockout.LockoutHandler): failures for one username from any
# address, and failures from one address for any username. Officers of a province headquarters
# often share one NAT address, so the address limit is ten times the account's: a few typos
# there lock nobody out, while a password spray from one address still stops after a few tries
# per account. Bad API keys count apart (per address), so a script with a revoked key cannot
# lock an office out of the web sign-in.
AXES_HANDLER = "kieumau.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_LIMIT_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_ADDRESS", 10 * AXES_FAILURE_LIMIT)
AXES_COOLOFF_TIME = None  # locked until unlocked in the admin or by `kieumau unlock`
AXES_RESET_ON_SUCCESS = True  # a successful sign-in clears that account's failures only
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "kieumau.web.views.locked_out"  # the sign-in page with the message
AXES_VERBOSE = False


def _env_rate(name: str, default: str) -> str:
    """A rate such as "10/m" or "120/5m" (per second, minute, hour or day)."""
    value = env_str(name, default)
    count, _slash, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period[-1:] in ("s", "m", "h", "d")):
        raise ImproperlyConfigured(f"{name} must be a rate such as 10/m, not {value!r}.")
    return value


# Behind a reverse proxy: the header it sets to the client's address (e.g. X-Real-IP), so that
# lockouts and rate limits count clients, not the proxy. Empty: no proxy, REMOTE_ADDR is right.
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER", "")

# Rate limits, counted in the shared cache below: per address for the public pages and the
# sign-in form (high enough for a NAT shared by a headquarters), per user for the API.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "kieumau.web.views.rate_limited"
RATE_LIMIT_PUBLIC = _env_rate("RATE_LIMIT_PUBLIC", "120/m")
RATE_LIMIT_SIGN_IN = _env_rate("RATE_LIMIT_SIGN_IN", "30/m")
RATE_LIMIT_API_USER = _env_rate("RATE_LIMIT_API_USER", "1200/m")
RATE_LIMIT_API_ANON = _env_rate("RATE_LIMIT_API_ANON", "60/m")

# Sessions end after this much inactivity, and with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # kieumau.accounts.sessions extends sessions
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True  # 10.598 in Vietnamese, 10,598 in English
FORMAT_MODULE_PATH = ["kieumau.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1_048_576)
EVIDENCE_MAX_FILES_PER_CRITERION = env_int("EVIDENCE_MAX_FILES_PER_CRITERION", 20)
FILE_UPLOAD_PERMISSIONS = 0o640
# Workbooks to import: refused before anything is read when they exceed any of these.
WORKBOOK_MAX_BYTES = env_int("WORKBOOK_MAX_BYTES", 10 * 1_048_576)
WORKBOOK_MAX_UNCOMPRESSED_BYTES = env_int("WORKBOOK_MAX_UNCOMPRESSED_BYTES", 200 * 1_048_576)
WORKBOOK_MAX_COMPRESSION_RATIO = env_int("WORKBOOK_MAX_COMPRESSION_RATIO", 100)
WORKBOOK_MAX_ROWS = env_int("WORKBOOK_MAX_ROWS", 20_000)
# API lists: ?limit= at most this (django-ninja's pagination settings).
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
# One cache shared by every server process (rate-limit counters): a table in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kieumau_cache",
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Backups (`kieumau backup`): where pg_dump/pg_restore live; empty: PATH, then the newest
# /usr/lib/postgresql/*/bin.
PG_BINDIR = env_str("PG_BINDIR", "")

# Audit trail: every create, update and delete of our models, with the actor (set by the
# middleware on the web, by ``kieumau.core.audit.acting_as`` in services).
# Administrative units are bulk-loaded reference data: their loads are recorded on the map.
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "adminunits.adminunit",
    "adminunits.succession",
    "sessions",
    "contenttypes",
    "admin",
    "auth.permission",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("last_login", "password")
AUDITLOG_STORE_JSON_CHANGES = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production: transport security is on whenever debug is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
if not DEBUG:
    # "__Host-": the browser keeps the cookie only if Secure, host-only and for path "/".
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), not the cookie
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline scripts or styles, nothing from another origin (django-csp).
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_NONE],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each layout step at INFO while a PDF report is written.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
