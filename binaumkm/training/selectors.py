"""Reads of the training app, each starting from what the actor may see."""

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.core.models import Kecamatan
from binaumkm.registry.selectors import business_owned

from .models import (
    SEAT_STATUSES,
    Batch,
    BatchState,
    Certificate,
    Pool,
    Programme,
    Registration,
    RegistrationStatus,
    Tier,
)

REGISTRATION_RELATED = ("batch__programme", "business__owner", "business__kelurahan__kecamatan", "kecamatan")


# --- Programmes and batches -----------------------------------------------------------------------


def programme_list(*, filters: dict | None = None) -> QuerySet[Programme]:
    filters = filters or {}
    qs = Programme.objects.annotate(n_batches=Count("batches"))
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(partner__icontains=q))
    if topic := filters.get("topic"):
        qs = qs.filter(topic=topic)
    return qs.order_by("-created_at", "-id")


def batch_staff_get(pk) -> Batch:
    return get_object_or_404(
        Batch.objects.select_related("programme", "venue_kelurahan__kecamatan").prefetch_related("kecamatan"),
        pk=pk,
    )


def batches_open(*, now=None) -> QuerySet[Batch]:
    """Batches owners can register for now or soon."""
    now = now or timezone.now()
    return (
        Batch.objects.filter(state=BatchState.OPEN, registration_closes_at__gt=now)
        .select_related("programme", "venue_kelurahan")
        .order_by("registration_closes_at", "id")
    )


def batch_public_get(pk) -> Batch:
    """Any batch that has left draft; drafts are a 404 outside the back office."""
    return get_object_or_404(
        Batch.objects.exclude(state=BatchState.DRAFT)
        .select_related("programme", "venue_kelurahan__kecamatan")
        .prefetch_related("kecamatan", "sessions"),
        pk=pk,
    )


def seats_summary(batch: Batch) -> dict:
    counts = dict(
        batch.registrations.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    taken = sum(counts.get(s, 0) for s in SEAT_STATUSES)
    return {
        "capacity": batch.capacity,
        "taken": taken,
        "free": max(batch.capacity - taken, 0),
        "total": sum(counts.values()),
        "by_status": [(label, counts.get(value, 0), value) for value, label in RegistrationStatus.choices],
    }


def kecamatan_summary(batch: Batch, summary: dict | None = None) -> list[dict]:
    """Per-kecamatan target vs filled for a preview (``summary`` from the allocation) or the
    published result, named and sorted."""
    if summary is None:
        summary = {
            (int(k) if k not in ("None", "") else None): v
            for k, v in (batch.allocation_summary or {}).get("kecamatan", {}).items()
        }
    names = dict(Kecamatan.objects.values_list("pk", "name"))
    rows = []
    for kec, row in summary.items():
        rows.append(
            {
                "name": names.get(kec, _("(tanpa kecamatan)")),
                **row,
                "filled": row["reserved"] + row["open"],
                "returned": row["target"] - row["reserved"],
            }
        )
    return sorted(rows, key=lambda r: str(r["name"]))


# --- Registrations --------------------------------------------------------------------------------


def waitlist(batch: Batch) -> QuerySet[Registration]:
    """The waiting list in offer order: staff priority, then the allocation's order (tier and
    lottery) in fair mode, then registration time (the only criterion in first-come mode)."""
    return batch.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "-priority", F("rank").asc(nulls_last=True), "created_at", "id"
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to be offered a seat; None when not on the waiting list. One COUNT
    of the people ahead in ``waitlist`` order."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    r = registration
    later_tie = Q(created_at__lt=r.created_at) | Q(created_at=r.created_at, id__lt=r.pk)
    if r.rank is None:
        same_priority = Q(rank__isnull=False) | (Q(rank__isnull=True) & later_tie)
    else:
        same_priority = Q(rank__lt=r.rank) | (Q(rank=r.rank) & later_tie)
    ahead = Q(priority__gt=r.priority) | (Q(priority=r.priority) & same_priority)
    return (
        Registration.objects.filter(ahead, batch_id=r.batch_id, status=RegistrationStatus.WAITLISTED).count()
        + 1
    )


def registrations_owned(*, actor) -> QuerySet[Registration]:
    """The actor's own businesses' registrations (owner self-service)."""
    return (
        Registration.objects.filter(business__in=business_owned(actor=actor).values("pk"))
        .select_related("batch__programme", "business", "certificate")
        .order_by("-created_at", "-id")
    )


def registration_owned_get(*, actor, pk) -> Registration:
    """Only the actor's own registration: another owner's is a 404."""
    return get_object_or_404(
        Registration.objects.filter(business__in=business_owned(actor=actor).values("pk")).select_related(
            *REGISTRATION_RELATED, "business__owner__user"
        ),
        pk=pk,
    )


def registration_staff_get(pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related(*REGISTRATION_RELATED, "business__owner__user"), pk=pk
    )


def registration_by_code(code: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related(*REGISTRATION_RELATED), code=code)


def registration_list(*, batch: Batch, filters: dict | None = None) -> QuerySet[Registration]:
    filters = filters or {}
    qs = batch.registrations.select_related("business__owner", "business__kelurahan__kecamatan").annotate(
        n_attended=Count("attendances")
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(business__name__icontains=q) | Q(business__owner__full_name__icontains=q))
    return qs.order_by("rank", "created_at", "id")


def certificate_by_code(code: str) -> Certificate:
    return get_object_or_404(Certificate, code=code)


def explanation(registration: Registration) -> list[str]:
    """Why the registration stands where it does, in sentences an applicant can check."""
    r, batch = registration, registration.batch
    lines = []
    kec = r.kecamatan.name if r.kecamatan_id else r.business.kelurahan.kecamatan.name
    if batch.is_fair and r.status != RegistrationStatus.PENDING and r.rank:
        lines.append(
            _("Tingkat prioritas %(tier)d: %(label)s.") % {"tier": r.tier, "label": Tier(r.tier).label}
        )
    if r.priority:
        lines.append(
            _("Prioritas dari staf: %(p)+d (%(reason)s).") % {"p": r.priority, "reason": r.priority_reason}
        )
    target = ((batch.allocation_summary or {}).get("kecamatan", {}).get(str(r.kecamatan_id)) or {}).get(
        "target"
    )
    if r.status == RegistrationStatus.ACCEPTED:
        if r.pool == Pool.KECAMATAN:
            lines.append(
                _("Kursi dari kuota Kecamatan %(kec)s (%(n)s kursi, sebanding dengan bagian kecamatan itu "
                  "dari UMKM binaan yang memenuhi syarat).") % {"kec": kec, "n": target}
            )  # fmt: skip
        elif r.pool == Pool.OPEN:
            lines.append(
                _("Kuota Kecamatan %(kec)s (%(n)s kursi) sudah terisi pendaftar yang lebih dahulu dalam urutan; "
                  "Anda mendapat kursi dari kursi umum.") % {"kec": kec, "n": target}
            )  # fmt: skip
        elif r.pool == Pool.WAITLIST:
            lines.append(_("Kursi dari daftar tunggu: Anda menerima tawaran kursi yang kosong."))
        elif r.pool == Pool.ORDER:
            lines.append(_("Kursi diberikan sesuai urutan pendaftaran (siapa cepat dia dapat)."))
    elif r.status == RegistrationStatus.WAITLISTED:
        position = waitlist_position(r)
        lines.append(_("Nomor daftar tunggu: %(n)d.") % {"n": position})
        if batch.is_fair:
            lines.append(
                _("Kuota Kecamatan %(kec)s (%(n)s kursi) dan kursi umum sudah terisi pendaftar dengan tingkat "
                  "prioritas lebih tinggi atau nomor undian lebih baik.") % {"kec": kec, "n": target or 0}
            )  # fmt: skip
        else:
            lines.append(_("Semua kursi sudah terisi saat Anda mendaftar."))
        lines.append(_("Bila ada kursi kosong, kursi ditawarkan sesuai urutan daftar tunggu."))
    if batch.is_fair and r.rank and batch.allocation_seed is not None:
        lines.append(
            _("Urutan seleksi ke-%(rank)d; undian dengan benih %(seed)d, diumumkan %(when)s.")
            % {"rank": r.rank, "seed": batch.allocation_seed, "when": _when(batch.allocated_at)}
        )
    return lines


def _when(dt) -> str:
    if not dt:
        return "-"
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


# --- Evidence for other modules (the ``business_facts`` AppConfig hook) ----------------------------

FACTS_CHUNK = 5000  # ids per query: well under SQLite's limit on query parameters


def business_training_facts(business_ids) -> dict[int, dict]:
    """{business id: {"completed_training": end date of the latest completed batch,
    "completed_training_title": its programme}} for the businesses that completed any training.
    ``business_ids``: ids (one query per 5,000), or a queryset of ids (one query, as a subquery)."""
    if isinstance(business_ids, QuerySet):
        chunks: list = [business_ids]
    else:
        ids = list(business_ids)
        chunks = [ids[start : start + FACTS_CHUNK] for start in range(0, len(ids), FACTS_CHUNK)]
    facts: dict[int, dict] = {}
    for chunk in chunks:
        rows = (
            Registration.objects.filter(business_id__in=chunk, completed=True)
            .order_by("business_id", "batch__end_date")
            .values_list("business_id", "batch__end_date", "batch__programme__title")
        )
        for business_id, end_date, title in rows:  # ordered: the latest completion wins
            facts[business_id] = {"completed_training": end_date, "completed_training_title": title}
    return facts
