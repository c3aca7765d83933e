"""Notifications: e-mail (console backend by default) and WhatsApp click-to-chat links for staff."""

from urllib.parse import quote

from django.core.mail import send_mail


def send_email(*, to: str, subject: str, body: str) -> bool:
    """Send one plain-text e-mail in the current language; returns False when there is no address."""
    if not to:
        return False
    send_mail(subject, body, None, [to], fail_silently=False)
    return True


def whatsapp_link(phone: str, text: str = "") -> str:
    """A wa.me click-to-chat link for a +62 number (staff open it on their own phone)."""
    number = (phone or "").lstrip("+")
    if not number:
        return ""
    return f"https://wa.me/{number}" + (f"?text={quote(text)}" if text else "")
