"""The page that shows a one-time set-password link to staff, once (see ``services.invitation_create``).

The link is rendered in the response itself: never stored, never put in a message (messages travel
in a signed, readable cookie).
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.core.notify import whatsapp_link

from .services import Invitation


def invitation_text(invitation: Invitation) -> str:
    return _(
        "Yth. %(name)s, akun Bina UMKM Anda sudah siap. Buat kata sandi Anda sendiri lewat tautan ini "
        "(sekali pakai, berlaku 3 hari): %(url)s"
    ) % {"name": invitation.user.display_name, "url": invitation.url}


def invitation_response(request, invitation: Invitation, *, back: str = ""):
    text = invitation_text(invitation)
    phone = invitation.user.phone
    context = {
        "invitation": invitation,
        "whatsapp": whatsapp_link(phone, text) if phone else "",
        "text": text,
        "back": back if back.startswith("/") and not back.startswith("//") else "",
    }
    return render(request, "accounts/invitation.html", context)
