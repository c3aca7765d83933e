"""Opening one shop link politely (no database): HEAD first, GET when the site refuses HEAD, with a
timeout and our User-Agent. The caller spaces requests (``PRESENCE_LINK_INTERVAL``)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Answers to HEAD that say "ask with GET" rather than "broken".
HEAD_REFUSED = {403, 405, 501}


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    problem: str = ""


def _open(url: str, method: str, *, timeout: float, user_agent: str) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked below
            if method == "GET":
                response.read(1024)  # enough to know it answers; never the whole page
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check_url(url: str, *, timeout: float, user_agent: str) -> LinkResult:
    if not url.startswith(("http://", "https://")):
        return LinkResult(False, _("bukan alamat http(s)"))
    try:
        status = _open(url, "HEAD", timeout=timeout, user_agent=user_agent)
        if status in HEAD_REFUSED:
            status = _open(url, "GET", timeout=timeout, user_agent=user_agent)
    except TimeoutError:
        return LinkResult(False, _("tidak menjawab dalam %(s)s detik") % {"s": timeout})
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            return LinkResult(False, _("tidak menjawab dalam %(s)s detik") % {"s": timeout})
        return LinkResult(False, _("tidak bisa dihubungi (%(reason)s)") % {"reason": str(exc.reason)[:120]})
    except (OSError, ValueError) as exc:
        return LinkResult(False, _("tidak bisa dihubungi (%(reason)s)") % {"reason": str(exc)[:120]})
    if status >= 400:
        return LinkResult(False, _("halaman menjawab HTTP %(code)d") % {"code": status})
    return LinkResult(True)
