"""Messages to applicants, always in Bahasa Indonesia: e-mail (console backend by default) and the
text of a WhatsApp click-to-chat link that staff open on their own phone."""

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.core import notify
from binaumkm.core.conf import site_url

from .models import Registration, RegistrationStatus


def _when(dt) -> str:
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


def recipient(registration: Registration) -> str:
    owner = registration.business.owner
    user = owner.user if owner.user_id else None
    return owner.email or (user.email if user else "")


def status_text(registration: Registration, *, position: int | None = None) -> tuple[str, str]:
    """(subject, body) describing the registration's current status, in Indonesian."""
    with translation.override("id"):
        batch = registration.batch
        name = {"batch": str(batch), "business": registration.business.name}
        link = site_url(reverse("training:my_registration", args=[registration.pk]))
        status = registration.status
        if status == RegistrationStatus.PENDING:
            subject = _("Pendaftaran pelatihan diterima: %(batch)s") % name
            body = _(
                "Pendaftaran %(business)s untuk %(batch)s sudah kami terima. Hasil seleksi diumumkan "
                "setelah pendaftaran ditutup pada %(close)s."
            ) % {**name, "close": _when(batch.registration_closes_at)}
        elif status == RegistrationStatus.ACCEPTED:
            subject = _("Selamat, Anda mendapat kursi: %(batch)s") % name
            body = _(
                "%(business)s mendapat kursi di %(batch)s, mulai %(start)s. Tunjukkan kode QR peserta di "
                "halaman pendaftaran Anda saat hadir."
            ) % {**name, "start": date_format(batch.start_date, "j F Y")}
        elif status == RegistrationStatus.WAITLISTED:
            subject = _("Anda di daftar tunggu: %(batch)s") % name
            body = _(
                "Kursi %(batch)s sudah penuh. %(business)s berada di daftar tunggu nomor %(position)s. "
                "Bila ada kursi kosong, kami tawarkan kepada Anda sesuai urutan."
            ) % {**name, "position": position or "-"}
        elif status == RegistrationStatus.OFFERED:
            subject = _("Ada kursi kosong untuk Anda: %(batch)s") % name
            body = _(
                "Ada kursi kosong di %(batch)s untuk %(business)s. Konfirmasi sebelum %(deadline)s; setelah "
                "itu kursi ditawarkan ke pendaftar berikutnya."
            ) % {**name, "deadline": _when(registration.offer_expires_at)}
        elif status == RegistrationStatus.EXPIRED:
            subject = _("Tawaran kursi kedaluwarsa: %(batch)s") % name
            body = (
                _(
                    "Tawaran kursi %(batch)s untuk %(business)s tidak dikonfirmasi tepat waktu dan sudah "
                    "diberikan ke pendaftar berikutnya."
                )
                % name
            )
        elif status == RegistrationStatus.CANCELLED:
            subject = _("Pendaftaran dibatalkan: %(batch)s") % name
            body = _("Pendaftaran %(business)s untuk %(batch)s sudah dibatalkan.") % name
        else:
            subject = _("Status pendaftaran pelatihan: %(batch)s") % name
            body = _("Status pendaftaran %(business)s untuk %(batch)s: %(status)s.") % {
                **name,
                "status": registration.get_status_display(),
            }
        body += "\n\n" + _("Lihat rincian: %(link)s") % {"link": link}
        return subject, body


def send_status(registration: Registration, *, position: int | None = None) -> bool:
    subject, body = status_text(registration, position=position)
    return notify.send_email(
        to=recipient(registration),
        subject=subject,
        body=body,
        addressee=registration.business.owner.full_name,
    )


def send_certificate(registration: Registration) -> bool:
    with translation.override("id"):
        subject = _("Sertifikat pelatihan Anda: %(batch)s") % {"batch": str(registration.batch)}
        link = site_url(reverse("training:my_registration", args=[registration.pk]))
        body = _("Selamat, %(business)s lulus %(batch)s. Unduh sertifikat Anda di %(link)s") % {
            "business": registration.business.name,
            "batch": str(registration.batch),
            "link": link,
        }
    return notify.send_email(
        to=recipient(registration),
        subject=subject,
        body=body,
        addressee=registration.business.owner.full_name,
    )


def whatsapp_link(registration: Registration, *, position: int | None = None) -> str:
    """Click-to-chat for staff, pre-filled with the status message."""
    owner = registration.business.owner
    phone = registration.business.whatsapp or owner.phone
    if not phone:
        return ""
    _subject, body = status_text(registration, position=position)
    return notify.whatsapp_link(phone, notify.frame(body, addressee=owner.full_name))
