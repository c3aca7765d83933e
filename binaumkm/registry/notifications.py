"""Messages of the registry, always in Bahasa Indonesia: the notice to a registered person that
someone signed up with their NIK, phone or e-mail."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import notify
from binaumkm.core.conf import site, site_url

from .models import Owner


def signup_duplicate(owner_id: int | None, user_ids: list[int]) -> int:
    """E-mail every address the existing person is known by; returns how many were sent."""
    addresses: list[str] = []
    owner = Owner.objects.select_related("user").filter(pk=owner_id).first() if owner_id else None
    if owner is not None:
        addresses += [owner.email, owner.user.email if owner.user else ""]
    users = list(User.objects.filter(pk__in=user_ids))
    addresses += [user.email for user in users]
    unique = sorted({a.strip().lower() for a in addresses if a and a.strip()})
    names = [owner.full_name if owner else ""] + [user.get_full_name() for user in users]
    with translation.override("id"):
        addressee = next((name for name in names if name), "") or _("Bapak/Ibu")
        subject = _("Ada pendaftaran dengan data Anda di %(site)s") % {"site": site()["AGENCY_SHORT_NAME"]}
        body = _(
            "Seseorang baru saja mencoba mendaftar di %(site)s dengan NIK, nomor HP atau e-mail yang "
            "sudah terdaftar atas nama Anda. Tidak ada akun baru yang dibuat.\n\n"
            "Jika itu Anda:\n"
            "- Sudah punya akun: masuk di %(login)s\n"
            "- Lupa kata sandi: atur ulang di %(reset)s\n"
            "- Data Anda dulu didaftarkan oleh petugas dinas dan Anda belum punya akun: minta slip "
            "pendaftaran berisi kode klaim ke dinas, lalu buka %(claim)s\n\n"
            "Jika bukan Anda, abaikan e-mail ini; data Anda tidak berubah. Dinas tidak pernah meminta "
            "kata sandi atau kode klaim Anda."
        ) % {
            "site": site()["AGENCY_SHORT_NAME"],
            "login": site_url(reverse("accounts:login")),
            "reset": site_url(reverse("accounts:password_reset")),
            "claim": site_url(reverse("registry:claim")),
        }
    return sum(
        notify.send_email(to=address, subject=subject, body=body, addressee=addressee) for address in unique
    )
