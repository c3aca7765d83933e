"""Reads of the registry, always starting from what the actor may see (``registry.policy``), and
the shared rules other apps need: who is eligible for help, an owner's businesses."""

from __future__ import annotations

import datetime
import mimetypes
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaumkm.core import freshness, policy
from binaumkm.core.hooks import TimelineEvent, Todo, timeline, todo_list
from binaumkm.core.models import Kelurahan
from binaumkm.core.policy import Actor
from binaumkm.core.search import Ranked

from . import search
from .choices import BusinessStatus, Verification
from .history import BusinessState, Change, Timeline
from .models import (
    Business,
    BusinessStatusChange,
    BusinessVerificationChange,
    ImportJob,
    Owner,
    Presence,
    Product,
    SectorKeyword,
    TurnoverReport,
)
from .platforms import HAS_ACCOUNT, SELLING, SHOP_PLATFORMS, LinkStatus, Stage

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


def business_owned_kept(*, actor: Actor) -> list[Business]:
    """``business_owned`` by name for the owner's home, kept until the data changes (core.freshness)."""
    key = f"registry:owned:{getattr(actor, 'pk', None)}"
    return freshness.remember(key, lambda: list(business_owned(actor=actor).order_by("name")))


def business_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Business]:
    """The businesses the actor may see, filtered, by name; ``q`` narrows them through the search
    index (``cari_di="pemilik"``: by owner name) without ranking, for exports and other modules."""
    filters = filters or {}
    qs = _business_filtered(actor, filters).order_by("name", "id")
    if q := (filters.get("q") or "").strip():
        qs = search.business_matching(qs, q, actor=actor, field=filters.get("cari_di") or "")
    return qs


def business_search_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Business] | Ranked:
    """The staff list: as ``business_list``, but a search by business shows the best matches first."""
    filters = filters or {}
    q = (filters.get("q") or "").strip()
    if not q or filters.get("cari_di") == search.IN_OWNER:
        return business_list(actor=actor, filters=filters)
    return search.business_search(_business_filtered(actor, filters), q, actor=actor)


def business_list_kept(*, actor: Actor, filters: dict | None = None) -> freshness.Remembered:
    """``business_search_list`` for the staff list page: its count and each page kept per user (the
    rows come from their scope) until the data changes (``core.freshness``)."""
    filters = filters or {}
    key = f"registry:list:{getattr(actor, 'pk', None)}:{freshness.digest(filters)}"
    return freshness.Remembered(lambda: business_search_list(actor=actor, filters=filters), key)


def _business_filtered(actor: Actor, filters: dict) -> QuerySet[Business]:
    qs = policy.scope(actor, "view", Business).select_related("owner", "kelurahan__kecamatan")
    if kecamatan := filters.get("kecamatan"):
        # A subquery, not a join: lets the database count from the covering index alone.
        qs = qs.filter(kelurahan__in=Kelurahan.objects.filter(kecamatan=kecamatan).values("pk"))
    if kelurahan := filters.get("kelurahan"):
        qs = qs.filter(kelurahan=kelurahan)
    for field in ("kbli_section", "size_class", "status", "verification"):
        if value := filters.get(field):
            qs = qs.filter(**{field: value})
    return qs


def registry_summary(*, actor: Actor) -> dict:
    """The staff dashboard's figures: businesses by status and verification, the oldest pending."""
    qs = policy.scope(actor, "view", Business)
    # One pass over the (verification, status) index gives both tallies.
    by_verification: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for verification, status, n in (
        qs.order_by().values_list("verification", "status").annotate(n=Count("id"))
    ):
        by_verification[verification] = by_verification.get(verification, 0) + n
        by_status[status] = by_status.get(status, 0) + n
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


def product_list(*, actor: Actor, business_id: int | None = None) -> QuerySet[Product]:
    """The products the actor may see (staff: all; an owner: their own), optionally of one business."""
    qs = policy.scope(actor, "view", Product)
    return qs.filter(business_id=business_id) if business_id else qs


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


TODO_LIMIT = 20  # the to-do list names at most this many businesses of one kind; a count covers more


def todo_items(*, actor: Actor) -> list[Todo]:
    """Owners: this month's turnover to report for each open business; staff: businesses waiting for
    verification. One query per kind of item, whatever the number of businesses."""
    items: list[Todo] = []
    if policy.holds(actor, "registry.manage_own_business"):
        today = timezone.localdate()
        month = today.replace(day=1)
        month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        unreported = (
            policy.scope(actor, "own", Business)
            .exclude(status=BusinessStatus.CLOSED)
            .exclude(turnover_reports__period=month)
            .only("id", "name")
            .order_by("name", "id")[:TODO_LIMIT]
        )
        for business in unreported:
            items.append(
                Todo(
                    _("Laporkan omzet bulan ini: %(name)s") % {"name": business.name},
                    reverse("registry:my_turnover", args=[business.pk]),
                    due=month_end,
                    module=str(_("Omzet")),
                )
            )
    if policy.holds(actor, "registry.verify_business"):
        waiting = policy.scope(actor, "view", Business).filter(verification=Verification.NEW).count()
        if waiting:
            items.append(
                Todo(
                    ngettext("%(n)d UMKM menunggu verifikasi", "%(n)d UMKM menunggu verifikasi", waiting)
                    % {"n": waiting},
                    reverse("registry:business_list") + f"?verification={Verification.NEW}",
                    module=str(_("Registri")),
                )
            )
    return items


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
        rows = with_online_shop(Business.objects.filter(pk__in=chunk)).values_list(  # type: ignore[misc]  # annotated
            "pk", "nib", "has_online_shop"
        )
        for pk, nib, shop in rows:
            facts[pk] = {"nib": bool(nib), "marketplace": shop, "turnover_recent": []}
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


# --- Digital presence -----------------------------------------------------------------------------


def online_shop_q(prefix: str = "") -> Q:
    """Presences that make a business "sell online" for the other modules: an account or further on
    a shop platform (marketplace, food delivery, own website), not closed."""
    return Q(**{f"{prefix}platform__in": SHOP_PLATFORMS, f"{prefix}stage__in": HAS_ACCOUNT})


def with_online_shop(qs: QuerySet[Business]) -> QuerySet[Business]:
    """Annotates ``has_online_shop`` (read by ``Business.sells_online``): one subquery, no per-row query."""
    shops = Presence.objects.filter(online_shop_q(), business=OuterRef("pk"))
    return qs.annotate(has_online_shop=Exists(shops))


def businesses_with_online_shop(business_ids: Iterable[int]) -> set[int]:
    """Which of these businesses sell online, in one query per call."""
    return set(
        Presence.objects.filter(online_shop_q(), business_id__in=list(business_ids))
        .values_list("business_id", flat=True)
        .distinct()
    )


def presence_list(
    *, actor: Actor, business: Business | None = None, action: str = "view"
) -> QuerySet[Presence]:
    qs = policy.scope(actor, action, Presence).select_related("business")
    return qs if business is None else qs.filter(business=business)


def presence_may(*, actor: Actor, action: str) -> bool:
    """Whether the actor may ``action`` presences at all (to show a button)."""
    return policy.can(actor, action, Presence)


def presence_get(*, actor: Actor, pk: int, action: str = "view") -> Presence:
    return policy.get_object_or_404(actor, action, Presence.objects.select_related("business__owner"), pk=pk)


def presence_broken_links(*, actor: Actor) -> QuerySet[Presence]:
    """Links the checker could not open, for staff to follow up."""
    return presence_list(actor=actor).filter(link_status=LinkStatus.BROKEN).order_by("-link_checked_at", "pk")


def presence_evidence(*, actor: Actor, pk: int) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a presence's screenshot, for its owner and staff; 404
    for anyone else or when there is none."""
    presence = presence_get(actor=actor, pk=pk)
    if not presence.evidence:
        raise Http404
    name = presence.evidence.name.rsplit("/", 1)[-1]
    with presence.evidence.open("rb") as handle:
        content = handle.read()
    return content, mimetypes.guess_type(name)[0] or "application/octet-stream", name


def presence_report_rows(*, actor: Actor, filters: dict | None = None) -> list[dict]:
    """Every presence the actor may see of an eligible business, as plain rows with the business's
    kecamatan, sector and size class, for the adoption report (one query whatever the rows).
    ``filters``: kecamatan (id), sector, size_class, platform."""
    filters = filters or {}
    qs = presence_list(actor=actor).filter(eligible_q("business__"))
    if filters.get("kecamatan"):
        qs = qs.filter(business__kelurahan__kecamatan=filters["kecamatan"])
    if filters.get("sector"):
        qs = qs.filter(business__kbli_section=filters["sector"])
    if filters.get("size_class"):
        qs = qs.filter(business__size_class=filters["size_class"])
    if filters.get("platform"):
        qs = qs.filter(platform=filters["platform"])
    return [
        dict(row)
        for row in qs.order_by().values(
            "business_id", "platform", "stage", "assisted_on", "account_on", "first_listing_on", "first_sale_on",
            "active_on", kecamatan=F("business__kelurahan__kecamatan__name"), sector=F("business__kbli_section"),
            size_class=F("business__size_class"),
        )
    ]  # fmt: skip


def _next_digital_steps(actor: Actor) -> list[Todo]:
    """Owners: the next step online for each open business, in two queries: record a first shop
    when it has no account anywhere; report the first sale when it has an account but sells
    nowhere yet."""
    if not policy.can(actor, "own", Business):  # staff: no businesses of their own, no queries built
        return []
    mine = policy.scope(actor, "own", Business).exclude(status=BusinessStatus.CLOSED)
    items: list[Todo] = []
    module = str(_("Jualan online"))
    for business in mine.exclude(presences__stage__in=HAS_ACCOUNT).only("pk", "name").order_by("pk")[:10]:
        items.append(Todo(
            _("Langkah digital berikutnya: catat toko online pertama %(business)s") % {"business": business.name},
            reverse("registry:my_presences", args=[business.pk]), module=module,
        ))  # fmt: skip
    waiting = (
        presence_list(actor=actor, action="own")
        .filter(stage__in=(Stage.ACCOUNT, Stage.FIRST_LISTING), business__in=mine)
        .exclude(business__presences__stage__in=SELLING)
        .order_by("business_id", "pk")[:30]
    )
    asked: set[int] = set()
    for presence in waiting:
        if presence.business_id in asked:
            continue  # one question per business
        asked.add(presence.business_id)
        items.append(Todo(
            _("Sudah ada penjualan pertama di %(platform)s? Perbarui tahap %(business)s")
            % {"platform": presence.get_platform_display(), "business": presence.business.name},
            reverse("registry:my_presences", args=[presence.business_id]), module=module,
        ))  # fmt: skip
    return items


def presence_todo_items(*, actor: Actor) -> list[Todo]:
    """Owners: confirm each dormant shop is still in use ("masih aktif"). Staff: broken shop links."""
    items: list[Todo] = []
    own = policy.can(actor, "own", Presence)  # else the owners' items below are empty: not built
    for presence in (
        presence_list(actor=actor, action="own").filter(stage=Stage.DORMANT).order_by("dormant_on")[:10]
        if own
        else ()
    ):
        items.append(Todo(
            _("Masih berjualan di %(platform)s? Konfirmasi untuk %(business)s")
            % {"platform": presence.get_platform_display(), "business": presence.business.name},
            reverse("registry:my_presences", args=[presence.business_id]), due=presence.dormant_on, urgent=True,
            module=str(_("Jualan online")),
        ))  # fmt: skip
    items += _next_digital_steps(actor)
    if policy.holds(actor, "registry.change_presence"):
        broken = presence_list(actor=actor).filter(link_status=LinkStatus.BROKEN).count()
        if broken:
            items.append(Todo(
                ngettext("%(n)d tautan toko online rusak", "%(n)d tautan toko online rusak", broken) % {"n": broken},
                reverse("registry:staff_dashboard"), module=str(_("Jualan online")),
            ))  # fmt: skip
    return items


def businesses_online(since: datetime.date | None = None) -> QuerySet:
    """The ``outcome_steps`` "online" selector: businesses whose digital presence reached its first
    sale or active selling (on or after ``since``), as a queryset of business ids."""
    reached = Q(first_sale_on__isnull=False) | Q(active_on__isnull=False)
    qs = Presence.objects.filter(reached)
    if since is not None:
        qs = qs.filter(Q(first_sale_on__gte=since) | Q(active_on__gte=since))
    return qs.values("business_id").distinct()
