"""Audit event codes of accounts (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    USER_SIGNED_UP = "accounts.user.signed_up", _("Akun didaftarkan sendiri")
    USER_CREATED = "accounts.user.created", _("Akun dibuat")
    ROLE_GIVEN = "accounts.user.role_given", _("Peran diberikan")
    INVITATION_CREATED = "accounts.user.invitation_created", _("Tautan atur kata sandi dibuat")
    USER_DEACTIVATED = "accounts.user.deactivated", _("Akun dinonaktifkan")
    USER_ANONYMISED = "accounts.user.anonymised", _("Akun dianonimkan dan dinonaktifkan")
    ROLE_CHANGED = "accounts.role.changed", _("Izin peran diubah")
    SECOND_FACTOR_ENROLLED = "accounts.user.second_factor_enrolled", _("Verifikasi dua langkah dipasang")
    SECOND_FACTOR_RECOVERY_USED = "accounts.user.recovery_code_used", _("Kode pemulihan dipakai")
