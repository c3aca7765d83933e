"""E-mails to store managers (warning letters) and UMKM owners (new offers), in Bahasa Indonesia."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from binaumkm.core.conf import site, site_url
from binaumkm.core.notify import send_email
from binaumkm.core.official import tanggal

from .models import Partnership, WarningLetter


def letter_notify(letter_id: int) -> int:
    letter = WarningLetter.objects.select_related("store").filter(pk=letter_id).first()
    if letter is None:
        return 0
    store = letter.store
    addresses = {store.email} | {u.email for u in store.managers.all()}
    sent = 0
    with translation.override("id"):
        subject = _("Surat peringatan %(number)s: kemitraan toko modern dengan UMKM") % {
            "number": letter.number
        }
        body = _(
            "Yth. Pengelola %(store)s,\n\n%(agency)s menerbitkan surat peringatan nomor %(number)s karena toko "
            "Saudara baru bermitra dengan %(active)d dari paling sedikit %(required)d UMKM yang diwajibkan. Penuhi "
            "kewajiban ini paling lambat %(deadline)s.\n\nSurat dapat diunduh dan kemitraan dikonfirmasi di portal mitra toko: %(url)s\n"
        ) % {
            "store": store.name, "agency": site()["AGENCY_NAME"], "number": letter.number,
            "active": letter.active_partners, "required": letter.required,
            "deadline": tanggal(letter.deadline), "url": site_url(reverse("partnerships:portal")),
        }  # fmt: skip
        for address in sorted(a for a in addresses if a):
            sent += send_email(to=address, subject=subject, body=body)
    return sent


def offers_notify(partnership_ids: list[int]) -> int:
    sent = 0
    offers = Partnership.objects.filter(pk__in=partnership_ids).select_related(
        "store", "business__owner__user"
    )
    with translation.override("id"):
        for offer in offers:
            owner = offer.business.owner
            address = owner.email or (owner.user.email if owner.user else "")
            body = _(
                "Yth. %(owner)s,\n\n%(agency)s menawarkan kemitraan antara usaha Anda “%(business)s” dan toko "
                "modern %(store)s (%(address)s). Buka menu Kemitraan di Bina UMKM untuk menerima atau menolak "
                "tawaran ini: %(url)s\n"
            ) % {
                "owner": owner.full_name, "agency": site()["AGENCY_NAME"], "business": offer.business.name,
                "store": offer.store.name, "address": offer.store.address,
                "url": site_url(reverse("partnerships:my_offers")),
            }  # fmt: skip
            sent += send_email(to=address, subject=_("Tawaran kemitraan toko modern"), body=body)
    return sent
