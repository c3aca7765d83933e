"""Warning letters: numbered from a configurable pattern with a running counter per year, refused
for compliant stores, rendered as a PDF on the agency letterhead in formal Bahasa Indonesia."""

from __future__ import annotations

import datetime

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.conf import site
from binaumkm.core.official import require_signer
from binaumkm.core.pdf import render_pdf

from .. import conf, selectors
from ..events import Event
from ..models import LetterCounter, LetterStatus, Store, StoreStatus, WarningLetter

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
         "sebelas"]  # fmt: skip


def terbilang(n: int) -> str:
    """A small number in Indonesian words, as letters write it: 5 -> 'lima'."""
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "sepuluh" if tens == 1 else f"{_ONES[tens]} puluh"
        return head if not ones else f"{head} {_ONES[ones]}"
    return str(n)


def format_number(pattern: str, *, seq: int, day: datetime.date) -> str:
    if "{seq" not in pattern:
        raise ImproperlyConfigured("LETTER_NUMBER_PATTERN harus memuat {seq}.")
    try:
        return pattern.format(
            seq=seq, year=day.year, month=day.month, month_roman=ROMAN_MONTHS[day.month - 1]
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(f"LETTER_NUMBER_PATTERN tidak valid: {exc}") from exc


def _take_seq(year: int) -> int:
    """The next running number of the year. The counter row is locked until the transaction ends,
    so concurrent letters wait for each other; (year, seq) is also unique in the database."""
    counter = LetterCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                LetterCounter.objects.create(year=year, last_seq=0)
        except IntegrityError:
            pass  # another transaction created it first; wait for its lock below
        counter = LetterCounter.objects.select_for_update().get(year=year)
    counter.last_seq += 1
    counter.save(update_fields=["last_seq"])
    return counter.last_seq


@transaction.atomic
def letter_create(*, actor: User, store: Store, deadline: datetime.date | None = None,
                  today: datetime.date | None = None) -> WarningLetter:  # fmt: skip
    policy.require(actor, "send_letter", store)
    require_signer()  # Tata Naskah Dinas: no letter leaves without the signer's name and NIP
    today = today or timezone.localdate()
    store = Store.objects.select_for_update().select_related("kelurahan__kecamatan").get(pk=store.pk)
    if store.status != StoreStatus.OPEN:
        raise ValidationError(
            _("Toko “%(name)s” sudah tutup; surat peringatan tidak dibuat.") % {"name": store.name}
        )
    state = selectors.store_compliance(actor=actor, store=store, today=today)
    if state.compliant:
        raise ValidationError(
            _("Toko “%(name)s” sudah patuh (%(active)d dari %(required)d mitra UMKM aktif); surat peringatan "
              "tidak dibuat.") % {"name": store.name, "active": state.active, "required": state.required}
        )  # fmt: skip
    deadline = deadline or today + datetime.timedelta(days=conf.LETTER_DEADLINE_DAYS)
    if deadline <= today:
        raise ValidationError({"deadline": _("Batas waktu harus sesudah tanggal surat.")})
    seq = _take_seq(today.year)
    letter = WarningLetter.objects.create(
        store=store, number=format_number(conf.LETTER_NUMBER_PATTERN, seq=seq, day=today), year=today.year, seq=seq,
        ordinal=store.letters.count() + 1, issued_on=today, deadline=deadline, required=state.required,
        active_partners=state.active, non_compliant_since=state.since, store_name=store.name,
        store_address=f"{store.address}, {store.kelurahan.name}, {store.kelurahan.kecamatan.name}",
        created_by=actor,
    )  # fmt: skip
    audit.record(actor=actor, action=Event.LETTER_CREATED, obj=store,
                 data={"letter": letter.pk, "number": letter.number, "shortfall": letter.shortfall,
                       "deadline": deadline.isoformat()})  # fmt: skip
    from ..tasks import notify_letter

    transaction.on_commit(lambda: notify_letter.enqueue(letter.pk))
    return letter


TRANSITIONS: dict[str, set[str]] = {
    LetterStatus.SENT: {LetterStatus.ANSWERED, LetterStatus.RESOLVED},
    LetterStatus.ANSWERED: {LetterStatus.RESOLVED},
    LetterStatus.RESOLVED: set(),
}


@transaction.atomic
def letter_set_status(*, actor: User, letter: WarningLetter, status: str, note: str = "") -> WarningLetter:
    """Follow-up: sent -> answered -> resolved (or sent -> resolved)."""
    policy.require(actor, "change", letter)
    letter = WarningLetter.objects.select_for_update().get(pk=letter.pk)
    if status not in TRANSITIONS.get(letter.status, set()):
        raise ValidationError(
            {"status": _("Status surat tidak dapat diubah dari “%(old)s” ke “%(new)s”.")
             % {"old": letter.get_status_display(), "new": dict(LetterStatus.choices).get(status, status)}}
        )  # fmt: skip
    old = letter.status
    letter.status = status
    now = timezone.now()
    if status == LetterStatus.ANSWERED:
        letter.answered_at = now
    if status == LetterStatus.RESOLVED:
        letter.resolved_at = now
    if note.strip():
        letter.follow_up_note = note.strip()
    letter.save()
    audit.record(actor=actor, action=Event.LETTER_ANSWERED if status == LetterStatus.ANSWERED else Event.LETTER_RESOLVED,
                 obj=letter, changes={"status": [old, status]}, data={"note": note.strip()})  # fmt: skip
    return letter


def letter_pdf(letter: WarningLetter) -> bytes:
    """The letter as issued (its numbers are kept on the letter), always in Bahasa Indonesia."""
    with translation.override("id"):
        return render_pdf(
            "partnerships/letter_pdf.html",
            {
                "letter": letter,
                "site": site(),
                "rule": conf.LETTER_RULE,
                "place": conf.LETTER_PLACE,
                "required_words": terbilang(letter.required),
                "shortfall_words": terbilang(letter.shortfall),
                "ordinal_words": {1: "Pertama", 2: "Kedua", 3: "Ketiga"}.get(
                    letter.ordinal, f"ke-{letter.ordinal}"
                ),
            },
        )
