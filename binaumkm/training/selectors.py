"""Reads of the training app, each starting from what the actor may see (``training.policy``):
another party's object is a 404. Open batches and certificate verification are public pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy
from binaumkm.core.hooks import Todo
from binaumkm.core.models import AuditEntry, Kecamatan
from binaumkm.core.policy import Actor
from binaumkm.core.replica import on_replica
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_owned

from .coverage import Coverage, coverage_report
from .models import (
    SEAT_STATUSES,
    Attendance,
    Batch,
    BatchState,
    Certificate,
    Pool,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
    Tier,
    Topic,
)
from .policy import OWN

REGISTRATION_RELATED = ("batch__programme", "business__owner", "business__kelurahan__kecamatan", "kecamatan")
BATCH_RELATED = ("programme", "venue_kelurahan__kecamatan")


# --- Programmes and batches -----------------------------------------------------------------------


def programme_list(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[Programme]:
    filters = filters or {}
    qs = policy.scope(actor, "view", Programme).annotate(n_batches=Count("batches"))
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(partner__icontains=q))
    if topic := filters.get("topic"):
        qs = qs.filter(topic=topic)
    return qs.order_by("-created_at", "-id")


def programme_get(*, actor: Actor, pk: int, action: str = "view") -> Programme:
    return policy.get_object_or_404(actor, action, Programme, pk=pk)


def programme_batches(*, actor: Actor, programme: Programme) -> QuerySet[Batch]:
    return (
        policy.scope(actor, "view", Batch)
        .filter(programme=programme)
        .select_related("programme")
        .order_by("number")
    )


def batch_next_number(*, actor: Actor, programme: Programme) -> int:
    """The number a new batch of the programme gets by default."""
    last = programme_batches(actor=actor, programme=programme).values_list("number", flat=True).last()
    return (last or 0) + 1


def batch_get(*, actor: Actor, pk: int, action: str = "view") -> Batch:
    """One batch for the back office (any state), or 404."""
    return policy.get_object_or_404(
        actor,
        action,
        Batch.objects.select_related(*BATCH_RELATED).prefetch_related("kecamatan"),
        pk=pk,
    )


def batches_open(*, actor: Actor, now: datetime.datetime | None = None) -> QuerySet[Batch]:
    """Batches owners can register for now or soon: public, every visitor sees them."""
    now = now or timezone.now()
    return (
        Batch.objects.filter(state=BatchState.OPEN, registration_closes_at__gt=now)
        .select_related("programme", "venue_kelurahan")
        .order_by("registration_closes_at", "id")
    )


def batch_public_get(*, actor: Actor, pk: int) -> Batch:
    """Any batch that has left draft (public); drafts are a 404 outside the back office. The
    sessions are left to the page that lists them: a registration POST never reads them."""
    try:
        return (
            Batch.objects.exclude(state=BatchState.DRAFT)
            .select_related(*BATCH_RELATED)
            .prefetch_related("kecamatan")
            .get(pk=pk)
        )
    except Batch.DoesNotExist:
        raise Http404 from None


def batch_history(*, actor: Actor, batch: Batch, limit: int = 10) -> list[AuditEntry]:
    policy.require(actor, "view", batch)
    return list(audit.history(batch)[:limit])


def seats_summary(batch: Batch) -> dict[str, Any]:
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


def kecamatan_summary(batch: Batch, summary: dict[Any, Any] | None = None) -> list[dict[str, Any]]:
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


def businesses_owned(*, actor: Actor) -> QuerySet[Business]:
    """The actor's own businesses, the choices of the registration form."""
    return business_owned(actor=actor).order_by("name")


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


def registrations_owned(*, actor: Actor, batch: Batch | None = None) -> QuerySet[Registration]:
    """The actor's own businesses' registrations (owner self-service), newest first."""
    qs = policy.scope(actor, "own", Registration)
    if batch is not None:
        qs = qs.filter(batch=batch)
    return qs.select_related("batch__programme", "business", "certificate").order_by("-created_at", "-id")


def registration_owned_get(*, actor: Actor, pk: int) -> Registration:
    """Only the actor's own registration: another owner's is a 404."""
    return policy.get_object_or_404(
        actor,
        "own",
        Registration.objects.select_related(*REGISTRATION_RELATED, "business__owner__user"),
        pk=pk,
    )


def registration_get(*, actor: Actor, pk: int, action: str = "view") -> Registration:
    """One registration for the back office, or 404."""
    return policy.get_object_or_404(
        actor,
        action,
        Registration.objects.select_related(*REGISTRATION_RELATED, "business__owner__user"),
        pk=pk,
    )


def registration_by_code(*, actor: Actor, code: str) -> Registration:
    """The registration a participant's QR code names (staff check-in), or 404."""
    return policy.get_object_or_404(
        actor, "view", Registration.objects.select_related(*REGISTRATION_RELATED), code=code[:32]
    )


def registration_list(
    *, actor: Actor, batch: Batch, filters: dict[str, Any] | None = None
) -> QuerySet[Registration]:
    filters = filters or {}
    qs = (
        policy.scope(actor, "view", Registration)
        .filter(batch=batch)
        .select_related("business__owner", "business__kelurahan__kecamatan")
        .annotate(n_attended=Count("attendances"))
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(business__name__icontains=q) | Q(business__owner__full_name__icontains=q))
    return qs.order_by("rank", "created_at", "id")


def registrations_by_id(*, actor: Actor, ids: list[int]) -> dict[int, Registration]:
    """{id: registration} for one page of an allocation preview."""
    return (
        policy.scope(actor, "view", Registration)
        .select_related("business__owner", "business__kelurahan__kecamatan")
        .in_bulk(ids)
    )


def registration_progress(*, registration: Registration) -> dict[str, int]:
    """Sessions attended out of the batch's sessions."""
    return {
        "attended": registration.attendances.count(),
        "sessions": registration.batch.sessions.count(),
    }


def registration_attendances(*, actor: Actor, registration: Registration) -> QuerySet[Attendance]:
    return (
        policy.scope(actor, "view", Attendance)
        .filter(registration=registration)
        .select_related("session", "checked_in_by")
    )


def registration_history(*, actor: Actor, registration: Registration, limit: int = 20) -> list[AuditEntry]:
    policy.require(actor, "view", registration)
    return list(audit.history(registration)[:limit])


# --- Attendance ---------------------------------------------------------------------------------------


def session_get(*, actor: Actor, pk: int, action: str = "view") -> Session:
    return policy.get_object_or_404(actor, action, Session.objects.select_related("batch__programme"), pk=pk)


def session_participants(*, actor: Actor, session: Session, q: str = "") -> QuerySet[Registration]:
    """The accepted participants of the session's batch, each with ``present`` for this session."""
    qs = (
        policy.scope(actor, "view", Registration)
        .filter(batch_id=session.batch_id, status=RegistrationStatus.ACCEPTED)
        .select_related("business__owner", "business__kelurahan")
        .annotate(present=Exists(Attendance.objects.filter(registration=OuterRef("pk"), session=session)))
        .order_by("business__owner__full_name", "id")
    )
    if q:
        qs = qs.filter(Q(business__name__icontains=q) | Q(business__owner__full_name__icontains=q))
    return qs


def session_present_count(*, session: Session) -> int:
    return session.attendances.count()


def participant_sessions(
    *, registration: Registration, today: datetime.date
) -> list[tuple[Session, Attendance | None]]:
    """The batch's sessions (today's first) with the participant's attendance at each."""
    sessions = list(registration.batch.sessions.all())
    done = {a.session_id: a for a in registration.attendances.all()}
    sessions.sort(key=lambda s: (s.date != today, s.number))
    return [(s, done.get(s.pk)) for s in sessions]


def attendance_get(*, actor: Actor, pk: int, action: str = "view") -> Attendance:
    return policy.get_object_or_404(
        actor, action, Attendance.objects.select_related("registration__batch", "session"), pk=pk
    )


# --- Certificates and the coverage report -------------------------------------------------------------


def certificate_of(*, actor: Actor, registration: Registration, action: str = "view") -> Certificate | None:
    """The registration's certificate, if issued and the actor may see it."""
    return policy.scope(actor, action, Certificate).filter(registration=registration).first()


def certificate_verify_get(*, actor: Actor, code: str) -> Certificate | None:
    """Public verification: anyone holding the code (printed as a QR on the certificate) sees it."""
    return Certificate.objects.filter(code=code[:32]).first()


def coverage(*, actor: Actor, year: int | None = None, topic: str | None = None) -> Coverage:
    """The coverage report over the registrations and businesses the actor may see."""
    policy.require(actor, "report", Registration)
    return coverage_report(
        year=year,
        topic=topic,
        # A report: it may be read from the replica (core.replica).
        registrations=on_replica(policy.scope(actor, "view", Registration)),
        businesses=on_replica(policy.scope(actor, "view", Business)),
    )


def trained_share_by_kelurahan(actor: Actor) -> dict[str, float]:
    """{kelurahan code: % of its UMKM binaan that ever passed a training} (the map's "pelatihan")."""
    return {row.code: row.trained_pct for row in coverage(actor=actor).kelurahan if row.binaan}


def seats_per_100_by_kelurahan(actor: Actor) -> dict[str, float]:
    """{kelurahan code: training seats per 100 UMKM binaan} (the map's "kursi")."""
    return {row.code: round(row.seats_per_100, 1) for row in coverage(actor=actor).kelurahan if row.binaan}


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def certificate_find(*, number: str, holder_name: str) -> Certificate | None:
    """A certificate typed in by its number and its holder's name, as printed. Both are needed:
    numbers run in sequence, so the number alone would let anyone list every holder's name."""
    certificate = Certificate.objects.filter(number__iexact=" ".join(number.split())).first()
    if certificate and _same_name(certificate.holder_name, holder_name):
        return certificate
    return None


def explanation(registration: Registration, *, for_owner: bool = False) -> list[str]:
    """Why the registration stands where it does, in sentences an applicant can check. The owner's
    page (``for_owner``) says only that staff raised the priority: the staff's own reason is an
    internal note and may name other people or circumstances."""
    r, batch = registration, registration.batch
    lines = []
    kec = (r.kecamatan or r.business.kelurahan.kecamatan).name
    if batch.is_fair and r.status != RegistrationStatus.PENDING and r.rank:
        lines.append(
            _("Tingkat prioritas %(tier)d: %(label)s.") % {"tier": r.tier, "label": Tier(r.tier).label}
        )
    if r.priority and for_owner:
        lines.append(
            _("Staf dinas menaikkan prioritas pendaftaran Anda.")
            if r.priority > 0
            else _("Staf dinas menurunkan prioritas pendaftaran Anda.")
        )
    elif r.priority:
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
            _("Urutan seleksi ke-%(rank)d; undian dengan kode undian %(seed)d, diumumkan %(when)s.")
            % {"rank": r.rank, "seed": batch.allocation_seed, "when": _when(batch.allocated_at)}
        )
    return lines


def _when(dt: datetime.datetime | None) -> str:
    if not dt:
        return "-"
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


# --- The to-do list (the ``todo_items`` AppConfig hook) ------------------------------------------------

TODO_LIMIT = 20  # offers named on the owner's home; staff see counts per batch
EXPIRING_SOON = datetime.timedelta(hours=48)


def todo_items(*, actor: Actor) -> list[Todo]:
    """Owners: seat offers to accept or decline before they expire. Staff: per batch, the open offers
    that expire within two days (a seat goes to the waiting list next). One query per kind."""
    from django.urls import reverse

    items: list[Todo] = []
    now = timezone.now()
    module = str(_("Pelatihan"))
    if policy.holds(actor, OWN):
        offers = (
            policy.scope(actor, "own", Registration)
            .filter(status=RegistrationStatus.OFFERED, offer_expires_at__gt=now)
            .select_related("batch__programme", "business")
            .only("id", "offer_expires_at", "batch__number", "batch__programme__title", "business__name")
            .order_by("offer_expires_at", "id")[:TODO_LIMIT]
        )
        for r in offers:
            items.append(Todo(_("Terima atau tolak kursi pelatihan %(programme)s (%(business)s) sebelum %(deadline)s") % {
                "programme": r.batch.programme.title, "business": r.business.name, "deadline": _when(r.offer_expires_at)},
                reverse("training:my_registration", args=[r.pk]), due=r.offer_expires_at, urgent=True, module=module))  # fmt: skip
    if policy.holds(actor, "training.change_registration"):
        expiring = (
            policy.scope(actor, "view", Registration)
            .filter(status=RegistrationStatus.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=now + EXPIRING_SOON)
            .values("batch_id", "batch__number", "batch__programme__title")
            .annotate(n=Count("id"))
            .order_by("batch_id")[:TODO_LIMIT]
        )  # fmt: skip
        for row in expiring:
            items.append(Todo(_("%(n)d tawaran kursi %(programme)s — Angkatan %(batch)d berakhir dalam 2 hari") % {
                "n": row["n"], "programme": row["batch__programme__title"], "batch": row["batch__number"]},
                reverse("training:batch_detail", args=[row["batch_id"]]), module=module))  # fmt: skip
    return items


# --- A UMKM's timeline (the ``timeline`` AppConfig hook) -----------------------------------------------


def business_timeline(business, since=None) -> list:
    """Registrations, selection results and certificates of one UMKM: one query, whatever their
    number. Staff links go to the registration, the owner's to their registration page."""
    from django.urls import reverse

    from binaumkm.core.hooks import TimelineEvent

    registrations = Registration.objects.filter(business=business).select_related(
        "batch__programme", "certificate"
    )
    events = []
    for r in registrations:
        names = {"programme": r.batch.programme.title, "n": r.batch.number}
        urls = (
            reverse("training:registration_detail", args=[r.pk]),
            reverse("training:my_registration", args=[r.pk]),
        )
        events.append(
            TimelineEvent(
                r.created_at, "pelatihan", _("Mendaftar %(programme)s angkatan %(n)d") % names, *urls
            )
        )
        if r.decided_at and r.status in (RegistrationStatus.ACCEPTED, RegistrationStatus.WAITLISTED):
            label = (
                _("Diterima di %(programme)s angkatan %(n)d")
                if r.status == RegistrationStatus.ACCEPTED
                else _("Daftar tunggu %(programme)s angkatan %(n)d")
            )
            events.append(TimelineEvent(r.decided_at, "pelatihan", label % names, *urls))
        certificate = getattr(r, "certificate", None)
        if certificate is not None:
            events.append(TimelineEvent(certificate.issued_at, "pelatihan",
                                        _("Lulus %(programme)s angkatan %(n)d (sertifikat)") % names, *urls))  # fmt: skip
    if since is not None:
        events = [e for e in events if e.moment.date() >= since]
    return events


# --- Evidence for other modules (the ``business_facts`` AppConfig hook) ----------------------------

FACTS_CHUNK = 5000  # ids per query: well under SQLite's limit on query parameters


DIGITAL_TOPICS = (Topic.DIGITAL_MARKETING, Topic.MARKETPLACE)


def business_training_facts(business_ids) -> dict[int, dict]:
    """{business id: {"completed_training": end date of the latest completed batch,
    "completed_training_title": its programme, and "digital_training": {"end_date", "partner",
    "batch"} of the latest completed digital-marketing or marketplace batch}} for the businesses
    that completed any training.
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
            .values_list("business_id", "batch__end_date", "batch__programme__title", "batch__programme__topic",
                         "batch__programme__partner", "batch__number")
        )  # fmt: skip
        for (
            business_id,
            end_date,
            title,
            topic,
            partner,
            number,
        ) in rows:  # ordered: the latest completion wins
            found = facts.setdefault(business_id, {})
            found.update(completed_training=end_date, completed_training_title=title)
            if topic in DIGITAL_TOPICS:  # the "going digital" module's funnel counts from these
                found["digital_training"] = {
                    "end_date": end_date, "partner": partner,
                    "batch": _("%(title)s — Angkatan %(n)d") % {"title": title, "n": number},
                }  # fmt: skip
    return facts


def personal_data_for(owner) -> list:
    """Training records of one owner's businesses (``core.hooks.PersonalData``): registrations with
    their outcome, and certificates (a certificate copies the holder's name at issue)."""
    from binaumkm.core.hooks import PersonalData

    registrations = (
        Registration.objects.filter(business__owner=owner)
        .select_related("business", "batch__programme", "certificate")
        .order_by("created_at", "pk")
    )
    rows, certificates = [], []
    for r in registrations:
        rows.append([r.business.name, r.batch.programme.title, r.batch.number, r.batch.start_date,
                     r.created_at, r.get_status_display()])  # fmt: skip
        certificate = getattr(r, "certificate", None)
        if certificate is not None:
            certificates.append([certificate.number, certificate.holder_name, certificate.business_name,
                                 certificate.programme_title, certificate.issued_at])  # fmt: skip
    return [
        PersonalData(
            "training.registrations", _("Pendaftaran pelatihan"),
            [_("Usaha"), _("Program"), _("Tahap"), _("Mulai"), _("Waktu daftar"), _("Status")], rows,
        ),
        PersonalData(
            "training.certificates", _("Sertifikat pelatihan"),
            [_("Nomor"), _("Nama"), _("Usaha"), _("Program"), _("Diterbitkan")], certificates,
        ),
    ]  # fmt: skip


def businesses_trained(since: datetime.date | None = None) -> QuerySet:
    """The ``outcome_steps`` "trained" selector: businesses that completed a batch (ending on or after
    ``since``), as a queryset of business ids."""
    qs = Registration.objects.filter(completed=True)
    if since is not None:
        qs = qs.filter(batch__end_date__gte=since)
    return qs.values("business_id").distinct()
