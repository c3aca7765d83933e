"""Settings shared by every environment. Deployment values come from environment variables."""

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "binaumkm"

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # its docs page then uses the bundled Swagger UI files, not a CDN
    # Domain apps, in dependency order: seed_demo and bench visit them in this order.
    "binaumkm.core",
    "binaumkm.accounts",
    "binaumkm.registry",
    "binaumkm.training",
    "binaumkm.partnerships",
    "binaumkm.consignment",
    "binaumkm.exhibitions",
    "binaumkm.mentoring",
    "binaumkm.financing",
    "binaumkm.catalogue",
    "binaumkm.privacy",
    "binaumkm.api",
    "binaumkm.reporting",
    "binaumkm.opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "binaumkm.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML (static files come compressed from WhiteNoise, which answers before this).
    # Django pads gzip output at random against BREACH, and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "binaumkm.core.replica.ReadYourWritesMiddleware",
    "binaumkm.core.middleware.LanguageMiddleware",
    "binaumkm.core.middleware.InputHygieneMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "binaumkm.core.freshness.RequestScopeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "binaumkm.accounts.middleware.SessionLifetimeMiddleware",
    "binaumkm.accounts.middleware.SecondFactorMiddleware",
    "binaumkm.privacy.middleware.ConsentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "binaumkm.config.urls"
WSGI_APPLICATION = "binaumkm.config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "binaumkm.core.context_processors.site",
            ],
            "builtins": ["binaumkm.core.templatetags.ui"],
        },
    }
]

# Connections are reused across requests (CONN_MAX_AGE seconds) and checked before reuse, so a
# restarted database never costs a user an error page.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A streaming read replica (PostgreSQL) for the read-only selectors that declare it (core.replica).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["binaumkm.core.replica.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["binaumkm.accounts.backends.PhoneOrEmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English second. Source strings are written in Bahasa Indonesia.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS: list = []  # each app keeps its own locale/ directory
TIME_ZONE = "Asia/Jakarta"  # WIB
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Pages load core/bootstrap.min.css (Bootstrap trimmed to what we use: manage.py build_css) and
# core/app.js, not Bootstrap's JS bundle. A page that needs one of Bootstrap's JS components adds
# ("bootstrap/js", Path(xstatic.pkg.bootstrap.BASE_DIR) / "js") here and loads it in its scripts block.
STATICFILES_DIRS: list = []
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "binaumkm.config.staticfiles.AppDirectoriesFinder",  # without files no page loads
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# favicon.ico at the site root (browsers ask for it there).
WHITENOISE_ROOT = PACKAGE_DIR / "core" / "public"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Identity documents and financial notes: outside MEDIA_ROOT, never served by URL (core.storage).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "binaumkm.core.storage.PrivateFileStorage"},
    # Hashed names (style.3f2a…css) that WhiteNoise serves with a year-long immutable cache, and
    # gzip/brotli copies made once by collectstatic. Needs collectstatic before serving with
    # DEBUG off (make run does it).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True  # compress (and keep) only the names pages link to
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Bina UMKM <noreply@binaumkm.local>")

MESSAGE_TAGS = {40: "danger"}

# --- Bina UMKM: the city and its agency (another city sets these and loads its own area file) ---
BINAUMKM: dict[str, Any] = {
    "CITY_CODE": os.environ.get("BINAUMKM_CITY_CODE", "33.72"),
    "CITY_NAME": os.environ.get("BINAUMKM_CITY_NAME", "Kota Surakarta"),
    "AGENCY_NAME": os.environ.get(
        "BINAUMKM_AGENCY_NAME", "Dinas Koperasi UKM dan Perindustrian Kota Surakarta"
    ),
    "AGENCY_SHORT_NAME": os.environ.get("BINAUMKM_AGENCY_SHORT_NAME", "Dinkop UKM Surakarta"),
    "AGENCY_ADDRESS": os.environ.get(
        "BINAUMKM_AGENCY_ADDRESS", "Jl. Jenderal Sudirman No. 2, Kampung Baru, Pasar Kliwon, Surakarta 57111"
    ),
    "AGENCY_PHONE": os.environ.get("BINAUMKM_AGENCY_PHONE", "(0271) 642020"),
    "AGENCY_EMAIL": os.environ.get("BINAUMKM_AGENCY_EMAIL", "dinkopukm@surakarta.go.id"),
    "AGENCY_WEBSITE": os.environ.get("BINAUMKM_AGENCY_WEBSITE", "https://dinkopukm.surakarta.go.id"),
    # The city's name in English screens (the Indonesian CITY_NAME stays on official documents).
    "CITY_NAME_EN": os.environ.get("BINAUMKM_CITY_NAME_EN", "Surakarta City"),
    # Official documents (core/official.py, Tata Naskah Dinas): the regional emblem on the letterhead
    # (an image file; none by default, the demo uses a marked placeholder) and the one signer of
    # letters and certificates. Letters are refused while SIGNER_NAME or SIGNER_NIP is empty.
    # The place written before the date on official documents ("Surakarta, 5 Mei 2025").
    "DOCUMENT_PLACE": os.environ.get("BINAUMKM_DOCUMENT_PLACE", "Surakarta"),
    "EMBLEM_FILE": os.environ.get("BINAUMKM_EMBLEM_FILE", ""),
    "SIGNER_TITLE": os.environ.get(
        "BINAUMKM_SIGNER_TITLE", "Kepala Dinas Koperasi UKM dan Perindustrian Kota Surakarta"
    ),
    "SIGNER_NAME": os.environ.get("BINAUMKM_SIGNER_NAME", ""),
    "SIGNER_RANK": os.environ.get("BINAUMKM_SIGNER_RANK", ""),
    "SIGNER_NIP": os.environ.get("BINAUMKM_SIGNER_NIP", ""),
    # Address of this system as users reach it, for links in e-mails, WhatsApp texts and documents.
    "SITE_URL": os.environ.get("BINAUMKM_SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
    "AREA_FILE": os.environ.get(
        "BINAUMKM_AREA_FILE", str(PACKAGE_DIR / "core" / "data" / "surakarta_wilayah.csv")
    ),
    # Area boundaries (GeoJSON, features by Kemendagri code; see core/geo.py and core/data/NOTICE-boundaries.md).
    "BOUNDARY_FILE": os.environ.get(
        "BINAUMKM_BOUNDARY_FILE", str(PACKAGE_DIR / "core" / "data" / "surakarta_kelurahan.geojson")
    ),
    "KECAMATAN_BOUNDARY_FILE": os.environ.get(
        "BINAUMKM_KECAMATAN_BOUNDARY_FILE", str(PACKAGE_DIR / "core" / "data" / "surakarta_kecamatan.geojson")
    ),
    # Uploads
    "PRODUCT_PHOTO_MAX_BYTES": 2 * 1024 * 1024,
    "IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 100_000,
    # Login rate limit: attempts per identifier and per IP within the window.
    "LOGIN_MAX_ATTEMPTS": 5,
    "LOGIN_WINDOW_SECONDS": 15 * 60,
    # Agency accounts must sign in with a second factor (accounts/second_factor.py). Off in dev and
    # test settings unless a test turns it on; on by default in production settings.
    "REQUIRE_2FA": os.environ.get("BINAUMKM_REQUIRE_2FA", "0") == "1",
}
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = f"Bina UMKM {BINAUMKM['CITY_NAME']}"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Reverse proxies in front of the app (nginx terminating TLS): only then is X-Forwarded-For read
# (core.net.client_ip). With 0 no forwarded header is ever trusted.
TRUSTED_PROXIES = int(os.environ.get("BINAUMKM_TRUSTED_PROXIES", "0"))

# Cookies no script may read: the CSRF token reaches forms and htmx through the page itself.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Owners keep a two-week session; agency accounts are cut shorter by
# accounts.middleware.SessionLifetimeMiddleware (idle and total limits in accounts/conf.py).
SESSION_COOKIE_AGE = 14 * 24 * 3600

# Sent on every response by core.middleware.SecurityHeadersMiddleware. No inline script or style
# anywhere: behaviour lives in core/app.js, looks in the stylesheets.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
)  # fmt: skip
X_FRAME_OPTIONS = "DENY"
FORMS_URLFIELD_ASSUME_HTTPS = True
