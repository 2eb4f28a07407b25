"""Settings for Front Door.

Configuration comes from environment variables with safe development defaults. SQLite (WAL) under
var/ by default; DATABASE_URL switches to PostgreSQL. See docs/decisions/ for the reasoning.
"""

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FRONTDOOR_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Take the key from the environment, else a random one kept in var/ (never in code)."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DJANGO_DEBUG", False)  # `make run` turns it on; everything else runs as production
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "frontdoor.core",
    "frontdoor.ui",
    "frontdoor.accounts",
    "frontdoor.audit",
    "frontdoor.directory",
    "frontdoor.people",
    "frontdoor.contacts",
    "frontdoor.referrals",
    "frontdoor.mash",
    "frontdoor.letters",
    "frontdoor.reporting",
    "frontdoor.customer_service",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "frontdoor.accounts.middleware.SignInStepsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "frontdoor.people.restricted.notice.RestrictedRecordMiddleware",  # a restricted record's notice (403)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frontdoor.audit.middleware.AuditContextMiddleware",
    "frontdoor.accounts.sessions.SessionExpiryMiddleware",
    "frontdoor.ui.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into accounts.views.locked_out
]

ROOT_URLCONF = "frontdoor.urls"
WSGI_APPLICATION = "frontdoor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontdoor.ui.context_processors.navigation",
            ],
            "builtins": ["frontdoor.ui.templatetags.govuk"],
        },
    }
]

# Database: SQLite in var/ by default (WAL, immediate transactions); DATABASE_URL for PostgreSQL.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "frontdoor.sqlite3")),
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# --- Sign-in: lockout and second factor (issue 13) ---
# django-axes counts failed sign-ins per username (docs/decisions/0015); its backend comes first so every
# authenticate() - our sign-in page and anything else - is refused while the username is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "frontdoor.accounts.sso.FrontDoorOIDCBackend",  # inert unless FRONTDOOR_OIDC_ENABLED
]
FRONTDOOR_LOCKOUT_FAILURES = int(os.environ.get("FRONTDOOR_LOCKOUT_FAILURES", 5))
FRONTDOOR_LOCKOUT_MINUTES = int(os.environ.get("FRONTDOOR_LOCKOUT_MINUTES", 15))
FRONTDOOR_SERVICE_DESK = os.environ.get("FRONTDOOR_SERVICE_DESK", "")  # e.g. "the IT service desk on 01603 223000"
# Restricted records (issue 12): how long one break-glass opens a restricted record for.
FRONTDOOR_BREAK_GLASS_MINUTES = int(os.environ.get("FRONTDOOR_BREAK_GLASS_MINUTES", 60))
AXES_FAILURE_LIMIT = FRONTDOOR_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=FRONTDOOR_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # by username only, on purpose: a council office shares one address
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail already
AXES_LOCKOUT_CALLABLE = "frontdoor.accounts.views.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "new_password1", "new_password2", "old_password", "code"]
# Second factor (django-otp): required for every password sign-in in production, off for `make run`'s demo.
FRONTDOOR_REQUIRE_2FA = _env_bool("FRONTDOOR_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("FRONTDOOR_OTP_ISSUER", "Front Door")
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Production serving and headers (issue 13) -----------------------------------------------
# FRONTDOOR_HTTPS: the service is reached over https (production default). It turns on the https
# redirect, HSTS and secure cookies, and trusts X-Forwarded-Proto from the TLS proxy in front of
# gunicorn. Tests set it false (frontdoor/settings_test.py): the test client and live server speak http.
FRONTDOOR_HTTPS = _env_bool("FRONTDOOR_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = FRONTDOOR_HTTPS
CSRF_COOKIE_SECURE = FRONTDOOR_HTTPS
SECURE_SSL_REDIRECT = FRONTDOOR_HTTPS
if FRONTDOOR_HTTPS:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if _env_bool("FRONTDOOR_TRUST_X_FORWARDED_PROTO", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the monitor may ask over plain http on the private network
CSRF_FAILURE_VIEW = "frontdoor.ui.views.csrf_failure"
# Content-Security-Policy (django-csp 4): no inline script or style anywhere; forms post only to
# Front Door itself, plus any hosts in FRONTDOOR_CSP_FORM_ACTION (e.g. the OIDC provider's sign-in host).
FRONTDOOR_CSP_FORM_ACTION = [h for h in os.environ.get("FRONTDOOR_CSP_FORM_ACTION", "").split(",") if h]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *FRONTDOOR_CSP_FORM_ACTION],
    }
}
# The background worker proves it is alive by running a heartbeat task (frontdoor.core.tasks);
# /healthz answers 503 when the last one finished longer ago than this.
FRONTDOOR_HEARTBEAT_SECONDS = int(os.environ.get("FRONTDOOR_HEARTBEAT_SECONDS", 60))
FRONTDOOR_HEARTBEAT_STALE_SECONDS = int(os.environ.get("FRONTDOOR_HEARTBEAT_STALE_SECONDS", 300))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "var" / "static-build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    # Hashed, compressed names served by WhiteNoise with far-future caching; `make serve` runs collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "sent-email"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cads@frontdoor.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Front Door service settings -------------------------------------------------------------
# The authority whose reference data is loaded (data/reference/<file>.json); replaceable.
FRONTDOOR_REFERENCE_FILE = Path(
    os.environ.get("FRONTDOOR_REFERENCE_FILE", BASE_DIR / "data" / "reference" / "norfolk.json")
)
# Working hours: the seeds disagree (9-5 and 8-8), so they are configurable.
FRONTDOOR_OPENS_AT = os.environ.get("FRONTDOOR_OPENS_AT", "09:00")
FRONTDOOR_CLOSES_AT = os.environ.get("FRONTDOOR_CLOSES_AT", "17:00")
FRONTDOOR_DECISION_WORKING_DAYS = int(os.environ.get("FRONTDOOR_DECISION_WORKING_DAYS", 1))
FRONTDOOR_LETTER_WORKING_DAYS = int(os.environ.get("FRONTDOOR_LETTER_WORKING_DAYS", 5))

# --- Single sign-on and session expiry (issue 13) ---
# Single sign-on over OpenID Connect (mozilla-django-oidc), off unless configured: on when
# FRONTDOOR_OIDC_ENABLED is true, or by default when OIDC_RP_CLIENT_ID is set. See docs/sso-entra.md.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
FRONTDOOR_OIDC_ENABLED = _env_bool("FRONTDOOR_OIDC_ENABLED", bool(OIDC_RP_CLIENT_ID))
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# The id token's "iss" must equal this when set (Entra: https://login.microsoftonline.com/<tenant>/v2.0).
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", 10))
OIDC_CALLBACK_CLASS = "frontdoor.accounts.sso.views.SSOCallbackView"
OIDC_AUTHENTICATE_CLASS = "frontdoor.accounts.sso.views.SSOAuthenticateView"


# Group claim values (Entra: group object ids) to Front Door roles, teams (code or name) and agencies
# (code, for MASH partners). JSON objects; when several groups match, the first listed wins.
def _env_json_object(name: str) -> dict:
    try:
        value = json.loads(os.environ.get(name) or "{}")
    except json.JSONDecodeError as error:
        raise ValueError(f'{name} must be a JSON object such as {{"<group id>": "csw"}}: {error}') from None
    if not isinstance(value, dict):
        raise ValueError(f'{name} must be a JSON object such as {{"<group id>": "csw"}}')
    return value


FRONTDOOR_OIDC_GROUP_ROLES = _env_json_object("FRONTDOOR_OIDC_GROUP_ROLES")
FRONTDOOR_OIDC_GROUP_TEAMS = _env_json_object("FRONTDOOR_OIDC_GROUP_TEAMS")
FRONTDOOR_OIDC_GROUP_AGENCIES = _env_json_object("FRONTDOOR_OIDC_GROUP_AGENCIES")

# Sessions end after this long without a request from the user (a warning shows 2 minutes before)
# and after this long in all, whatever the user does. Enforced by accounts.sessions.SessionExpiryMiddleware.
FRONTDOOR_SESSION_IDLE_MINUTES = float(os.environ.get("FRONTDOOR_SESSION_IDLE_MINUTES", 30))
FRONTDOOR_SESSION_MAX_HOURS = float(os.environ.get("FRONTDOOR_SESSION_MAX_HOURS", 10))
FRONTDOOR_SESSION_WARNING_SECONDS = int(os.environ.get("FRONTDOOR_SESSION_WARNING_SECONDS", 120))
# The session cookie must outlive the absolute limit, or the user would be signed out without being told why.
SESSION_COOKIE_AGE = max(SESSION_COOKIE_AGE, int(FRONTDOOR_SESSION_MAX_HOURS * 3600) + 60)
