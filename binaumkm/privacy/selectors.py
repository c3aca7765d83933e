"""Reads of privacy records, each starting from what the actor may see (``privacy.policy``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from binaumkm.core import policy
from binaumkm.core.hooks import PersonalData
from binaumkm.core.models import AuditEntry
from binaumkm.core.policy import Actor
from binaumkm.registry.choices import BusinessStatus
from binaumkm.registry.events import Event as RegistryEvent
from binaumkm.registry.models import Business, Owner
from binaumkm.registry.policy import OWN
from binaumkm.registry.services.anonymise import ANONYMOUS_NIK_PREFIX

from . import conf
from .events import Event
from .models import OPEN_STATES, Consent, DataRequest, PrivacyNotice

# --- The notice and consent ------------------------------------------------------------------------


def notice_current() -> PrivacyNotice | None:
    """The version owners must have agreed to: the pinned one, else the newest in effect."""
    notices = PrivacyNotice.objects.all()
    if pinned := conf.NOTICE_VERSION:
        return notices.filter(version=pinned).first()
    return notices.filter(effective_date__lte=timezone.localdate()).order_by("-version").first()


def notice_versions() -> QuerySet[PrivacyNotice]:
    return PrivacyNotice.objects.order_by("-version")


def consent_renewal_needed(user: Actor) -> PrivacyNotice | None:
    """The current notice when this owner agreed to an earlier version but not to it (they are asked
    again on their next visit); None otherwise. Owners with no consent at all predate consent records:
    "Data saya" shows them the notice to agree to."""
    if not policy.holds(user, OWN):
        return None
    notice = notice_current()
    if notice is None:
        return None
    agreed = set(
        Consent.objects.filter(owner__user_id=getattr(user, "pk", 0) or 0).values_list("notice_id", flat=True)
    )
    if agreed and notice.pk not in agreed:
        return notice
    return None


def has_consented(*, actor: Actor, notice: PrivacyNotice | None = None) -> bool:
    """The actor agreed to ``notice`` (None: to any version)."""
    consents = policy.scope(actor, "own", Consent)
    return (consents.filter(notice=notice) if notice is not None else consents).exists()


def own_consents(*, actor: Actor) -> QuerySet[Consent]:
    return policy.scope(actor, "own", Consent).select_related("notice").order_by("-given_at")


def own_owner(*, actor: Actor) -> Owner:
    """The actor's own owner record (404 for anyone without one)."""
    return policy.get_object_or_404(actor, "own", Owner, user=actor)


# --- Data saya -------------------------------------------------------------------------------------


def own_requests(*, actor: Actor) -> QuerySet[DataRequest]:
    return policy.scope(actor, "own", DataRequest).order_by("-created_at")


def privacy_tables(owner: Owner) -> list[PersonalData]:
    """The privacy app's own records about the owner: consents and requests."""
    from django.utils.translation import gettext as _

    consents = owner.consents.select_related("notice").order_by("given_at")
    requests = owner.data_requests.order_by("created_at")
    return [
        PersonalData(
            "privacy.consents", _("Persetujuan pemberitahuan privasi"),
            [_("Versi"), _("Waktu"), _("Cara"), _("Nomor dokumen")],
            [[c.notice.version, c.given_at, c.get_channel_display(), c.document_reference] for c in consents],
        ),
        PersonalData(
            "privacy.requests", _("Permintaan data pribadi"),
            [_("Nomor"), _("Jenis"), _("Diajukan"), _("Status"), _("Hasil")],
            [[r.reference, r.get_kind_display(), r.created_at, r.get_state_display(), r.outcome] for r in requests],
        ),
    ]  # fmt: skip


# --- The staff queue -------------------------------------------------------------------------------


def request_queue(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[DataRequest]:
    """Requests the actor may see, earliest deadline first; open ones unless a state is chosen."""
    filters = filters or {}
    qs = policy.scope(actor, "view", DataRequest).select_related("owner", "handled_by")
    state = filters.get("state") or "terbuka"
    if state == "terbuka":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state != "semua":
        qs = qs.filter(state=state)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    return qs.order_by("due_at", "pk")


def request_get(*, actor: Actor, pk: int, action: str = "view") -> DataRequest:
    return policy.get_object_or_404(actor, action, DataRequest.objects.select_related("owner"), pk=pk)


def owner_by_reference(*, actor: Actor, reference: str) -> Owner | None:
    """An owner from their number ("P-000123" or 123), among the owners the actor may see."""
    digits = reference.strip().upper().removeprefix("P-").lstrip("0")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        return None
    return policy.scope(actor, "view", Owner).filter(pk=int(digits)).first()


# --- Who saw whose NIK ---------------------------------------------------------------------------

ACCESS_LOG_ACTIONS = (
    RegistryEvent.PERSONAL_DATA_REVEALED,
    RegistryEvent.BUSINESS_EXPORTED,
    Event.DATA_DOWNLOADED,
)


def personal_data_log(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[AuditEntry]:
    """Every display of a full NIK or phone number: reveals (whose, which field), exports that carried
    personal data and owners' own downloads; newest first, filtered by actor name, owner and dates."""
    if not policy.holds(actor, "privacy.view_personal_data_log"):
        raise PermissionDenied
    filters = filters or {}
    qs = AuditEntry.objects.filter(
        Q(action=RegistryEvent.PERSONAL_DATA_REVEALED)
        | Q(action=RegistryEvent.BUSINESS_EXPORTED, data__personal_data=True)
        | Q(action=Event.DATA_DOWNLOADED)
    ).select_related("actor")
    if who := (filters.get("actor") or "").strip():
        qs = qs.filter(actor_label__icontains=who)
    if reference := (filters.get("owner") or "").strip():
        owner = owner_by_reference(actor=actor, reference=reference)
        if owner is None:
            return qs.none()
        qs = qs.filter(
            object_id=str(owner.pk), content_type__app_label="registry", content_type__model="owner"
        )
    if since := filters.get("since"):
        qs = qs.filter(created_at__date__gte=since)
    if until := filters.get("until"):
        qs = qs.filter(created_at__date__lte=until)
    return qs.order_by("-created_at", "-id")


# --- Retention -------------------------------------------------------------------------------------


def retention_due(*, today: datetime.date | None = None) -> QuerySet[Owner]:
    """Owners not yet anonymised whose every business has been closed for longer than the retention
    period (closed since: the latest recorded closing, else the business's last change)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=conf.RETENTION_DAYS_CLOSED_BUSINESS),
                                  datetime.time.min)
    )  # fmt: skip
    still_open = Business.objects.filter(owner=OuterRef("pk")).exclude(status=BusinessStatus.CLOSED)
    closed_at = Coalesce(
        Max(
            "businesses__status_changes__changed_at",
            filter=Q(businesses__status_changes__new_status=BusinessStatus.CLOSED),
        ),
        Max("businesses__updated_at"),
    )
    return (
        Owner.objects.filter(businesses__isnull=False)
        .exclude(nik__startswith=ANONYMOUS_NIK_PREFIX)
        .exclude(Exists(still_open))
        .annotate(closed_at=closed_at)
        .filter(closed_at__lt=cutoff)
        .order_by("pk")
    )


def todo_items(*, actor: Actor) -> list:
    """Staff: open requests (urgent when past the deadline). Owners with no consent on record (older
    accounts): agree to the notice."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from binaumkm.core.hooks import Todo

    items = []
    if policy.holds(actor, "privacy.view_datarequest"):
        queue = policy.scope(actor, "view", DataRequest).filter(state__in=OPEN_STATES)
        first = queue.order_by("due_at").values_list("due_at", flat=True).first()
        if first is not None:
            items.append(Todo(
                label=_("%(n)d permintaan data pribadi menunggu") % {"n": queue.count()},
                url=reverse("privacy:request_queue"), due=first, urgent=first < timezone.now(), module="privasi",
            ))  # fmt: skip
    if policy.holds(actor, OWN) and _unconsented_owner(actor) and notice_current() is not None:
        items.append(Todo(label=_("Baca dan setujui pemberitahuan privasi"), url=reverse("privacy:notice"),
                          module="privasi"))  # fmt: skip
    return items


def _unconsented_owner(user: Actor) -> bool:
    pk = getattr(user, "pk", 0) or 0
    return (
        Owner.objects.filter(user_id=pk).exists() and not Consent.objects.filter(owner__user_id=pk).exists()
    )


def retention_requests_due(*, today: datetime.date | None = None) -> QuerySet[DataRequest]:
    """Answered requests older than their retention period whose owner's text is still kept."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=conf.RETENTION_DAYS_FINISHED_REQUESTS),
                                  datetime.time.min)
    )  # fmt: skip
    return (
        DataRequest.objects.exclude(state__in=OPEN_STATES)
        .filter(handled_at__lt=cutoff)
        .exclude(message="", fields=[])
        .order_by("pk")
    )
