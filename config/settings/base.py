"""Settings shared by every environment; local, test and production override a few lines."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env, sqlite_url

SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-key-never-used-in-production")
DEBUG = False  # local.py turns it on for `make run`
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "pinpai.common",
    "pinpai.accounts",
    "pinpai.audit",
    "pinpai.api",
    "pinpai.registry",
    "pinpai.evaluation",
    "pinpai.traceability",
    "pinpai.portal",
    "pinpai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pinpai.audit.middleware.RequestContextMiddleware",
    "pinpai.api.middleware.ApiProblemFallbackMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pinpai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
# An unset or empty DATABASE_URL means the embedded SQLite file.
DATABASES = {
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or sqlite_url("pinpai.sqlite3"))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE: a writer takes the lock at the start of its transaction, so two writers
    # never deadlock upgrading a read lock (the audit chain head is read, then written).
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL: the site and the worker (two processes) read while the other writes, instead of waiting.
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False

# PostgreSQL session settings for an OLTP site: no JIT (compiling a plan costs ~200 ms, more than the
# list queries it would speed up), and enough work_mem that a list's visibility check (an IN over
# ~200,000 published-brand owners) runs as one hash table instead of a rescan per row.
# bench/registry_lists.py measures both. Override with DATABASE_SESSION_OPTIONS.
POSTGRES_SESSION_OPTIONS = env.str("DATABASE_SESSION_OPTIONS", default="-c jit=off -c work_mem=32MB")


def postgres_session_options(database: dict[str, Any]) -> None:
    if database["ENGINE"] == "django.db.backends.postgresql" and POSTGRES_SESSION_OPTIONS:
        database.setdefault("OPTIONS", {})
        database["OPTIONS"]["options"] = POSTGRES_SESSION_OPTIONS


postgres_session_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- auth
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------- language and time
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"  # shown to people; storage is UTC (USE_TZ)
USE_TZ = True

# ---------------------------------------------------------------- static files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it even before collectstatic
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in development
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"

# ---------------------------------------------------------------- background tasks
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# ---------------------------------------------------------------- API
NINJA_PAGINATION_CLASS = "pinpai.api.pagination.LimitOffset"
API_PAGE_DEFAULT = 50
API_PAGE_MAX = 500

# ---------------------------------------------------------------- audit
# How many proxies in front of the app may set X-Forwarded-For (0: trust only REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

PINPAI_SITE_NAME = _("pinpai brand platform")
# The site's public address (https://pinpai.example), for links that leave a request: QR codes on printed
# labels, e-mails. Empty: the address the request came in on (labels), or relative links (e-mails).
PINPAI_PUBLIC_BASE_URL = env.str("PINPAI_PUBLIC_BASE_URL", default="")
BRAND_LOGO_MAX_BYTES = env.int("BRAND_LOGO_MAX_BYTES", default=512 * 1024)

# ---------------------------------------------------------------- registry imports
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)

# ---------------------------------------------------------------- EPCIS (traceability)
# Advertised by OPTIONS /epcis/capture; beyond them a capture is 413 CaptureLimitExceededException.
EPCIS_CAPTURE_MAX_BYTES = env.int("EPCIS_CAPTURE_MAX_BYTES", default=32 * 1024 * 1024)
EPCIS_CAPTURE_MAX_EVENTS = env.int("EPCIS_CAPTURE_MAX_EVENTS", default=20_000)
EPCIS_QUERY_PAGE_DEFAULT = 30
EPCIS_QUERY_PAGE_MAX = 1000
# The EPCIS identifier index carries INCLUDE (event_id) on PostgreSQL; SQLite ignores it (models.W040) and needs
# no warning about it on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
