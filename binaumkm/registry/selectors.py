"""Reads of the registry, always starting from what the actor may see (``registry.policy``), and
the shared rules other apps need: who is eligible for help, an owner's businesses."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.core.hooks import TimelineEvent, timeline, todo_list
from binaumkm.core.models import Kelurahan
from binaumkm.core.policy import Actor

from .choices import BusinessStatus, Verification
from .history import BusinessState, Change, Timeline
from .models import (
    Business,
    BusinessStatusChange,
    BusinessVerificationChange,
    ImportJob,
    Owner,
    Product,
    SectorKeyword,
    TurnoverReport,
)

# --- Shared rules ---------------------------------------------------------------------------------


def eligible_q(prefix: str = "") -> Q:
    """Businesses the agency's programmes help: verified and not closed. ``prefix`` reaches the
    business through a relation ("business__")."""
    return Q(**{f"{prefix}verification": Verification.VERIFIED}) & ~Q(
        **{f"{prefix}status": BusinessStatus.CLOSED}
    )


def business_eligible() -> QuerySet[Business]:
    return Business.objects.filter(eligible_q())


def eligibility_problem(business: Business) -> str | None:
    """Why a business cannot take part in a programme now, in plain words; None when it can."""
    if business.status == BusinessStatus.CLOSED:
        return _("Usaha ini sudah tutup.")
    if business.verification != Verification.VERIFIED:
        return _("Usaha ini belum terverifikasi oleh dinas.")
    return None


def ensure_eligible(business: Business, *, field: str = "business") -> None:
    if problem := eligibility_problem(business):
        raise ValidationError({field: problem})


# --- The past: what a business was on a day ------------------------------------------------------------


def business_timelines(business_ids: Iterable[int] | QuerySet) -> dict[int, Timeline]:
    """The dated status and verification history of many businesses, in three queries whatever
    their number (``business_ids`` may be a values queryset, kept as a subquery)."""
    ids = business_ids if isinstance(business_ids, QuerySet) else list(business_ids)
    current = Business.objects.filter(pk__in=ids).values_list("pk", "status", "verification")
    status: dict[int, list[Change]] = {}
    rows = BusinessStatusChange.objects.filter(business__in=ids).order_by("changed_at", "id")
    for business_id, old, new, at in rows.values_list(
        "business_id", "old_status", "new_status", "changed_at"
    ):
        status.setdefault(business_id, []).append(Change(timezone.localdate(at), old, new))
    verification: dict[int, list[Change]] = {}
    decisions = BusinessVerificationChange.objects.filter(business__in=ids).order_by("changed_at", "id")
    fields = ("business_id", "old_verification", "new_verification", "changed_at")
    for business_id, old, new, at in decisions.values_list(*fields):
        verification.setdefault(business_id, []).append(Change(timezone.localdate(at), old, new))
    return {
        pk: Timeline(st, ver, tuple(status.get(pk, ())), tuple(verification.get(pk, ())))
        for pk, st, ver in current
    }


def business_state_on(*, business: Business, day: datetime.date) -> BusinessState:
    """The status and verification of ``business`` on ``day`` (WIB)."""
    timeline = business_timelines([business.pk]).get(business.pk)
    if timeline is None:
        return BusinessState(business.status, business.verification)
    return timeline.on(day)


def business_states_on(
    pairs: Iterable[tuple[int, datetime.date]],
) -> dict[tuple[int, datetime.date], BusinessState]:
    """The bulk form: {(business id, day): state} for many businesses and days, in three queries."""
    pairs = list(pairs)
    timelines = business_timelines({pk for pk, _day in pairs})
    return {(pk, day): timelines[pk].on(day) for pk, day in pairs if pk in timelines}


def business_label(business: Business) -> str:
    """How a business is named to staff across modules: "Batik Sekar (UMKM-000123)"."""
    return f"{business.name} ({business.reference})"


# --- Businesses -------------------------------------------------------------------------------------


def business_owned(*, actor: Actor) -> QuerySet[Business]:
    """The actor's own businesses (owner self-service), whatever other roles they hold."""
    return policy.scope(actor, "own", Business).select_related("owner", "kelurahan__kecamatan")


def business_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Business]:
    filters = filters or {}
    qs = policy.scope(actor, "view", Business).select_related("owner", "kelurahan__kecamatan")
    if q := (filters.get("q") or "").strip():
        digits = q.replace(" ", "")
        query = Q(name__icontains=q) | Q(owner__full_name__icontains=q)
        if digits.isdigit():
            query |= Q(nib__startswith=digits)
        qs = qs.filter(query)
    if kecamatan := filters.get("kecamatan"):
        # A subquery, not a join: lets the database count from the covering index alone.
        qs = qs.filter(kelurahan__in=Kelurahan.objects.filter(kecamatan=kecamatan).values("pk"))
    if kelurahan := filters.get("kelurahan"):
        qs = qs.filter(kelurahan=kelurahan)
    for field in ("kbli_section", "size_class", "status", "verification"):
        if value := filters.get(field):
            qs = qs.filter(**{field: value})
    return qs.order_by("name", "id")


def registry_summary(*, actor: Actor) -> dict:
    """The staff dashboard's figures: businesses by status and verification, the oldest pending."""
    qs = policy.scope(actor, "view", Business)
    by_verification = dict(qs.values_list("verification").annotate(n=Count("id")))
    by_status = dict(qs.values_list("status").annotate(n=Count("id")))
    return {
        "total": sum(by_status.values()),
        "by_status": [(label, by_status.get(value, 0), value) for value, label in BusinessStatus.choices],
        "by_verification": [
            (label, by_verification.get(value, 0), value) for value, label in Verification.choices
        ],
        "pending": qs.filter(verification=Verification.NEW)
        .select_related("owner", "kelurahan")
        .order_by("created_at")[:10],
    }


# --- The map of the city (core.maps; metrics through the ``map_metrics`` hook) ----------------------------


def binaan_by_kelurahan(actor: Actor) -> dict[str, int]:
    """{kelurahan code: UMKM binaan not closed} over the businesses the actor may see, 0 where there
    are none (two queries)."""
    qs = policy.scope(actor, "view", Business).exclude(status=BusinessStatus.CLOSED)
    counts = dict(qs.order_by().values_list("kelurahan__code").annotate(n=Count("id")))
    return {code: counts.get(code, 0) for code in Kelurahan.objects.values_list("code", flat=True)}


def kelurahan_list_links() -> dict[str, str]:
    """{kelurahan code: the staff UMKM list filtered to it} (one query): where a map's area leads."""
    url = reverse("registry:business_list")
    return {code: f"{url}?kelurahan={pk}" for pk, code in Kelurahan.objects.values_list("pk", "code")}


def business_get(*, actor: Actor, pk: int, action: str = "view") -> Business:
    """One business the actor may ``action`` ("view", "own", "change"...), or 404."""
    return policy.get_object_or_404(
        actor, action, Business.objects.select_related("owner", "kelurahan__kecamatan"), pk=pk
    )


def owner_get(*, actor: Actor, pk: int, action: str = "view") -> Owner:
    return policy.get_object_or_404(actor, action, Owner, pk=pk)


def owner_own(*, actor: Actor) -> Owner:
    """The actor's own owner record, or 404."""
    return policy.get_object_or_404(actor, "own", Owner, user=actor)


def product_get(*, actor: Actor, business: Business, pk: int, action: str = "view") -> Product:
    return policy.get_object_or_404(actor, action, Product.objects.filter(business=business), pk=pk)


def turnover_series(*, business: Business, months: int = 24) -> list[TurnoverReport]:
    """The last ``months`` monthly reports, oldest first (for charts)."""
    return list(reversed(business.turnover_reports.order_by("-period")[:months]))


def turnover_recent(*, business: Business, months: int = 24) -> QuerySet[TurnoverReport]:
    return TurnoverReport.objects.filter(business=business).order_by("-period")[:months]


def business_history_objects(business: Business) -> list:
    """The records whose audit entries make up a business's history."""
    return [business, business.owner, *business.products.all(), *business.turnover_reports.all()]


# --- Imports ------------------------------------------------------------------------------------------


def import_jobs(*, actor: Actor) -> QuerySet[ImportJob]:
    """Imports the actor may see: their own, or all for holders of ``view_importjob``."""
    return policy.scope(actor, "view", ImportJob).select_related("created_by")


def import_job_get(*, actor: Actor, pk: int) -> ImportJob:
    return policy.get_object_or_404(actor, "view", ImportJob, pk=pk)


def sector_keywords(*, actor: Actor, section: str = "") -> QuerySet[SectorKeyword]:
    entries = policy.scope(actor, "view", SectorKeyword).order_by("section", "keyword")
    return entries.filter(section=section) if section else entries


def sector_keyword_get(*, actor: Actor, pk: int) -> SectorKeyword:
    return policy.get_object_or_404(actor, "change", SectorKeyword, pk=pk)


# --- What other pages gather (AppConfig hooks: a UMKM's timeline, evidence for other modules) --------

FACTS_CHUNK = 5000  # ids per query: well under SQLite's limit on query parameters
FACTS_TURNOVER_MONTHS = 6


def business_timeline(business: Business, since: datetime.date | None = None) -> list[TimelineEvent]:
    """Registration, verification and recovery-status changes of one UMKM (one query)."""
    staff_url = reverse("registry:business_detail", args=[business.pk])
    owner_url = reverse("registry:my_business_detail", args=[business.pk])
    events = [TimelineEvent(business.created_at, "registri", _("Usaha terdaftar"), staff_url, owner_url)]
    if business.verified_at and business.verification != Verification.NEW:
        label = (
            _("Usaha terverifikasi dinas")
            if business.verification == Verification.VERIFIED
            else _("Verifikasi ditolak")
        )
        events.append(TimelineEvent(business.verified_at, "registri", label, staff_url, owner_url))
    changes = business.status_changes.exclude(old_status="")
    if since is not None:
        changes = changes.filter(changed_at__date__gte=since)
    for change in changes.order_by("changed_at", "id"):
        label = _("Status usaha: %(status)s") % {"status": BusinessStatus(change.new_status).label}
        events.append(TimelineEvent(change.changed_at, "registri", label, staff_url, owner_url))
    if since is not None:
        events = [e for e in events if e.moment.date() >= since]
    return events


def business_touchpoints(business: Business) -> list[TimelineEvent]:
    """One timeline of every module's help to this UMKM, newest first (``core.hooks.timeline``)."""
    return timeline(business)


def todo_for(user: Actor) -> list:
    """What the user should do next, gathered from every module (``core.hooks.todo_list``)."""
    return todo_list(user)


def business_registry_facts(business_ids) -> dict[int, dict]:
    """{business id: {"nib": NIB recorded, "marketplace": a marketplace shop linked,
    "turnover_recent": [(month, turnover)] of the last six months reported}} in two queries per
    5,000 ids."""
    ids = list(business_ids)
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - (FACTS_TURNOVER_MONTHS - 1)
    since = datetime.date(index // 12, index % 12 + 1, 1)
    facts: dict[int, dict] = {}
    for start in range(0, len(ids), FACTS_CHUNK):
        chunk = ids[start : start + FACTS_CHUNK]
        rows = Business.objects.filter(pk__in=chunk).values_list(
            "pk", "nib", "shopee_url", "tokopedia_url", "other_marketplace_url"
        )
        for pk, nib, *shops in rows:
            facts[pk] = {"nib": bool(nib), "marketplace": any(shops), "turnover_recent": []}
        reports = (
            TurnoverReport.objects.filter(business_id__in=chunk, period__gte=since)
            .order_by("business_id", "period")
            .values_list("business_id", "period", "turnover")
        )
        for business_id, period, turnover in reports:
            facts[business_id]["turnover_recent"].append((period, turnover))
    return facts


def personal_data_for(owner: Owner) -> list:
    """What the registry holds about one owner (``core.hooks.PersonalData`` tables): their identity in
    full (the caller logs the display, see ``privacy``), their businesses, products and turnover."""
    from binaumkm.core.hooks import PersonalData

    businesses = list(owner.businesses.select_related("kelurahan__kecamatan").order_by("pk"))
    products = (
        Product.objects.filter(business__owner=owner).select_related("business").order_by("business_id", "pk")
    )
    reports = (
        TurnoverReport.objects.filter(business__owner=owner)
        .select_related("business")
        .order_by("business_id", "period")
    )
    return [
        PersonalData(
            "registry.owner", _("Identitas"),
            [_("Nama lengkap"), _("NIK"), _("Nomor HP"), _("E-mail"), _("Jenis kelamin"), _("Nomor pemilik")],
            [[owner.full_name, owner.nik, owner.phone, owner.email, owner.get_gender_display(), owner.reference]],
        ),
        PersonalData(
            "registry.businesses", _("Usaha"),
            [_("Nomor"), _("Nama usaha"), _("NIB"), _("Alamat"), _("Kelurahan"), _("Kecamatan"), _("Sektor"),
             _("Modal (Rp)"), _("Penjualan tahunan (Rp)"), _("Tenaga kerja"), _("Status"), _("WhatsApp usaha"),
             _("Instagram"), _("TikTok"), _("Facebook")],
            [[b.reference, b.name, b.nib or "", b.address, b.kelurahan.name, b.kelurahan.kecamatan.name,
              b.get_kbli_section_display(), b.capital, b.annual_sales, b.employees, b.get_status_display(),
              b.whatsapp, b.instagram, b.tiktok, b.facebook] for b in businesses],
        ),
        PersonalData(
            "registry.products", _("Produk"),
            [_("Usaha"), _("Produk"), _("Harga (Rp)"), _("Aktif")],
            [[p.business.name, p.name, p.price, p.is_active] for p in products],
        ),
        PersonalData(
            "registry.turnover", _("Omzet bulanan"),
            [_("Usaha"), _("Bulan"), _("Omzet (Rp)")],
            [[r.business.name, r.period, r.turnover] for r in reports],
        ),
    ]  # fmt: skip
