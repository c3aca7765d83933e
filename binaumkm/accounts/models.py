from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. Owners log in with their phone number or e-mail."""

    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, unique=True, null=True, blank=True)
    email = models.EmailField(_("alamat e-mail"), blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        permissions = [
            ("agency_account", _("Akun pegawai dinas")),
            ("invite_user", _("Dapat membuat tautan atur kata sandi untuk akun mitra")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            )
        ]

    @property
    def display_name(self) -> str:
        """The name shown to others and in the audit log: never a full phone number or e-mail."""
        if self.full_name:
            return self.full_name
        from binaumkm.core.masking import mask_email, mask_phone

        username = self.get_username()
        if username == self.phone:
            return mask_phone(username)
        if "@" in username:
            return mask_email(username)
        return username

    def __str__(self):
        return self.display_name


class RoleDefault(models.Model):
    """A default permission of a role that ``roles_sync`` has applied once (see ``roles``)."""

    role = models.CharField(max_length=50)
    permission = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "permission"], name="accounts_roledefault_once")
        ]
        verbose_name = _("bawaan peran")
        verbose_name_plural = _("bawaan peran")

    def __str__(self):
        return f"{self.role}: {self.permission}"
