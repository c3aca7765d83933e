"""Notifications: e-mail (console backend by default) and WhatsApp click-to-chat links for staff.

One house style for every e-mail (``docs/glossary.md``, "Surat elektronik"): it opens with
"Yth. <addressee>,", says in its first sentence what happened, gives the action and its deadline
with an absolute link (``core.conf.site_url``), and closes with "Hormat kami," and the agency's
name. ``send_email`` adds the greeting and the closing, so each module writes only its message.
"""

import re
from urllib.parse import quote

from django.utils import translation
from django.utils.translation import gettext as _

from .conf import site
from .tasks import email_deliver_task


def frame(body: str, *, addressee: str = "") -> str:
    """The body between the house greeting and closing, in Bahasa Indonesia."""
    with translation.override("id"):
        body = body.strip()
        if addressee and not body.startswith("Yth."):
            body = _("Yth. %(name)s,") % {"name": addressee} + "\n\n" + body
        closing = _("Hormat kami,") + "\n" + str(site()["AGENCY_NAME"])
    return f"{body}\n\n{closing}\n"


def send_email(*, to: str, subject: str, body: str, addressee: str = "") -> bool:
    """Queue one plain-text e-mail in the house style (``frame``); returns False when there is no
    address. Queued, not sent: the worker delivers it and retries a failing relay (``core.tasks``);
    inside a transaction the task row commits or rolls back with the action that wrote it."""
    if not to:
        return False
    queue_email(to=to, subject=str(subject), body=frame(body, addressee=addressee))
    return True


def queue_email(*, to: str, subject: str, body: str) -> None:
    """Queue an e-mail whose body is already complete (e.g. Django's password-reset template)."""
    email_deliver_task.enqueue(to, str(subject), str(body))


_LINK = re.compile(r"(?<![\w:/])(/[\w\-./?=&%]+/)")


def house_style_problems(body: str) -> list[str]:
    """What an e-mail body lacks against the house style (empty when it is right): the greeting,
    the closing with the agency's name, and absolute links (a bare "/path/" cannot be clicked)."""
    problems = []
    if not body.lstrip().startswith("Yth. "):
        problems.append("no greeting 'Yth. …'")
    if f"Hormat kami,\n{site()['AGENCY_NAME']}" not in body:
        problems.append("no closing 'Hormat kami, <agency>'")
    problems += [f"relative link {link}" for link in _LINK.findall(body)]
    return problems


def whatsapp_link(phone: str, text: str = "") -> str:
    """A wa.me click-to-chat link for a +62 number (staff open it on their own phone)."""
    number = (phone or "").lstrip("+")
    if not number:
        return ""
    return f"https://wa.me/{number}" + (f"?text={quote(text)}" if text else "")
