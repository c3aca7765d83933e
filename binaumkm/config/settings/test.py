"""Test settings: fast hashing, tasks run immediately, e-mail kept in memory."""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, BINAUMKM, PACKAGE_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Query-count tests must not see an occasional session write when a slow test crosses a minute
# (accounts/tests/test_sessions.py sets its own resolution).
BINAUMKM = {**BINAUMKM, "LOGIN_MAX_ATTEMPTS": 5, "ACCOUNTS": {"SESSION_SEEN_RESOLUTION_SECONDS": 3600}}
# A signer and the placeholder emblem, as the demo has them (tests of the refusal clear them).
BINAUMKM.update({
    "EMBLEM_FILE": str(PACKAGE_DIR / "core" / "data" / "emblem-placeholder.svg"),
    "SIGNER_NAME": "Drs. Contoh Penanda Tangan, M.M.", "SIGNER_RANK": "Pembina Utama Muda (IV/c)",
    "SIGNER_NIP": "19700101 199503 1 001",
})  # fmt: skip
DEBUG = False
