"""Setting an exhibition up: the exhibition itself, venues, booth categories, booths on the floor plan,
the curation panel and criteria, documentation photos."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html

from .. import conf
from ..apps import CURATE
from ..booths import Rect, placement_problem
from ..events import Event
from ..models import (
    HOLDING,
    Booth,
    BoothCategory,
    CurationCriterion,
    CurationReview,
    Curator,
    Exhibition,
    ExhibitionPhoto,
    State,
    Venue,
)
from ..uploads import check_upload
from .common import ensure_state, lock_exhibition

EXHIBITION_FIELDS = [
    "name", "kind", "description", "co_hosts", "target_sectors", "call_opens_at", "call_closes_at",
    "kecamatan_quota_percent", "sector_quota_percent", "first_timer_priority", "rotation_months",
    "curation_threshold", "curation_weighted",
]  # fmt: skip
# The draw's rules are fixed once the allocation is published; the call window once it is closed.
RULE_FIELDS = {
    "kecamatan_quota_percent", "sector_quota_percent", "first_timer_priority", "rotation_months",
    "curation_threshold", "curation_weighted", "target_sectors",
}  # fmt: skip
VENUE_FIELDS = ["name", "address", "kelurahan", "start_date", "end_date", "columns", "rows"]
CATEGORY_FIELDS = ["name", "size", "zone", "fee", "electricity_watts", "sectors"]
BOOTH_FIELDS = ["category", "code", "x", "y", "width", "height"]
SETUP_STATES = (State.PLANNING, State.OPEN_CALL, State.CURATION, State.ALLOCATION)


def _check_exhibition(exhibition: Exhibition) -> None:
    errors: dict[str, str] = {}
    opens, closes = exhibition.call_opens_at, exhibition.call_closes_at
    if opens and closes and closes <= opens:
        errors["call_closes_at"] = _("Penutupan pendaftaran harus sesudah pembukaannya.")
    for field in ("kecamatan_quota_percent", "sector_quota_percent", "curation_threshold"):
        if not 0 <= (getattr(exhibition, field) or 0) <= 100:
            errors[field] = _("Isi angka 0 sampai 100.")
    for field in ("name", "description"):
        try:
            validate_no_html(getattr(exhibition, field))
        except ValidationError as exc:
            errors[field] = exc.messages[0]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def exhibition_create(*, actor: User, data: dict[str, Any]) -> Exhibition:
    policy.require(actor, "add", Exhibition)
    exhibition = Exhibition(created_by=actor)
    for field in EXHIBITION_FIELDS:
        if field in data:
            setattr(exhibition, field, data[field])
    _check_exhibition(exhibition)
    exhibition.save()
    for name, weight in conf.DEFAULT_CRITERIA:
        CurationCriterion.objects.create(exhibition=exhibition, name=name, weight=weight)
    audit.record(
        actor=actor,
        action=Event.EXHIBITION_CREATED,
        obj=exhibition,
        changes=audit.diff({}, audit.snapshot(exhibition, EXHIBITION_FIELDS)),
    )
    return exhibition


def locked_fields(exhibition: Exhibition) -> set[str]:
    """The fields fixed by the exhibition's stage: the draw's rules once it is published, the call
    window once the call is closed."""
    locked: set[str] = set()
    if exhibition.pk and exhibition.state not in SETUP_STATES:
        locked |= RULE_FIELDS
    if exhibition.pk and exhibition.state not in (State.PLANNING, State.OPEN_CALL):
        locked |= {"call_opens_at", "call_closes_at"}
    return locked


@transaction.atomic
def exhibition_update(*, actor: User, exhibition: Exhibition, data: dict[str, Any]) -> Exhibition:
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    if exhibition.state == State.REPORTED:
        raise ValidationError(_("Pameran yang sudah dilaporkan tidak dapat diubah."))
    before = audit.snapshot(exhibition, EXHIBITION_FIELDS)
    locked = locked_fields(exhibition)
    changed_locked = [f for f in locked if f in data and data[f] != getattr(exhibition, f)]
    if changed_locked:
        raise ValidationError(
            {f: _("Tidak dapat diubah lagi setelah hasil alokasi diumumkan atau pendaftaran ditutup.")
             for f in changed_locked}
        )  # fmt: skip
    for field in EXHIBITION_FIELDS:
        if field in data:
            setattr(exhibition, field, data[field])
    _check_exhibition(exhibition)
    exhibition.save()
    if changes := audit.diff(before, audit.snapshot(exhibition, EXHIBITION_FIELDS)):
        audit.record(actor=actor, action=Event.EXHIBITION_UPDATED, obj=exhibition, changes=changes)
    return exhibition


@transaction.atomic
def exhibition_delete(*, actor: User, exhibition: Exhibition) -> None:
    policy.require(actor, "delete", exhibition)
    exhibition = lock_exhibition(exhibition)
    if (
        exhibition.state != State.PLANNING
        or exhibition.applications.exists()
        or exhibition.budget_lines.exists()
    ):
        raise ValidationError(
            _("Hanya pameran dalam perencanaan tanpa pendaftar dan tanpa anggaran yang dapat dihapus.")
        )
    audit.record(actor=actor, action=Event.EXHIBITION_DELETED, obj=exhibition)
    Booth.objects.filter(venue__exhibition=exhibition).delete()
    exhibition.delete()


# --- Venues, booth categories and booths ----------------------------------------------------------


def _ensure_setup(exhibition: Exhibition) -> None:
    if exhibition.state not in SETUP_STATES:
        raise ValidationError(_("Tempat dan booth tidak dapat diubah setelah hasil alokasi diumumkan."))


@transaction.atomic
def venue_save(
    *, actor: User, exhibition: Exhibition, data: dict[str, Any], venue: Venue | None = None
) -> Venue:
    policy.require(actor, "change" if venue else "add", venue or Venue)
    exhibition = lock_exhibition(exhibition)
    _ensure_setup(exhibition)
    venue = venue or Venue(exhibition=exhibition)
    before = audit.snapshot(venue, VENUE_FIELDS) if venue.pk else {}
    for field in VENUE_FIELDS:
        if field in data:
            setattr(venue, field, data[field])
    if venue.end_date < venue.start_date:
        raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if not (1 <= venue.columns <= 40 and 1 <= venue.rows <= 40):
        raise ValidationError({"columns": _("Denah paling kecil 1 × 1 dan paling besar 40 × 40 petak.")})
    if venue.pk:
        outside = [
            b.code for b in venue.booths.all() if b.x + b.width > venue.columns or b.y + b.height > venue.rows
        ]
        if outside:
            raise ValidationError(
                {"columns": _("Booth %(codes)s akan berada di luar denah.") % {"codes": ", ".join(outside)}}
            )
    validate_no_html(venue.name)
    validate_no_html(venue.address)
    venue.save()
    audit.record(
        actor=actor,
        action=Event.VENUE_SAVED,
        obj=venue,
        changes=audit.diff(before, audit.snapshot(venue, VENUE_FIELDS)),
    )
    return venue


@transaction.atomic
def category_save(*, actor: User, exhibition: Exhibition, data: dict[str, Any]) -> BoothCategory:
    policy.require(actor, "add", BoothCategory)
    exhibition = lock_exhibition(exhibition)
    _ensure_setup(exhibition)
    if (data.get("fee") or 0) < 0:
        raise ValidationError({"fee": _("Biaya sewa tidak boleh negatif.")})
    if exhibition.booth_categories.filter(name__iexact=(data.get("name") or "").strip()).exists():
        raise ValidationError({"name": _("Kategori dengan nama ini sudah ada.")})
    category = BoothCategory(exhibition=exhibition, **{f: data[f] for f in CATEGORY_FIELDS if f in data})
    validate_no_html(category.name)
    category.save()
    audit.record(
        actor=actor,
        action=Event.CATEGORY_SAVED,
        obj=category,
        changes=audit.diff({}, audit.snapshot(category, CATEGORY_FIELDS)),
    )
    return category


@transaction.atomic
def booth_save(*, actor: User, venue: Venue, data: dict[str, Any]) -> Booth:
    """Put a booth on the venue's floor plan: inside the grid, on no other booth, a code of its own."""
    policy.require(actor, "add", Booth)
    lock_exhibition(venue.exhibition)
    _ensure_setup(venue.exhibition)
    booth = Booth(venue=venue, **{f: data[f] for f in BOOTH_FIELDS if f in data})
    booth.code = (booth.code or "").strip().upper()
    if booth.category.exhibition_id != venue.exhibition_id:
        raise ValidationError({"category": _("Pilih kategori booth dari pameran ini.")})
    if not booth.code or not all(c.isalnum() or c in "-." for c in booth.code):
        raise ValidationError(
            {"code": _("Kode booth berupa huruf, angka, titik atau tanda hubung, misalnya A-01.")}
        )
    if venue.booths.filter(code=booth.code).exists():
        raise ValidationError(
            {"code": _("Kode %(code)s sudah dipakai di tempat ini.") % {"code": booth.code}}
        )
    others = [Rect(b.x, b.y, b.width, b.height) for b in venue.booths.all()]
    problem = placement_problem(
        Rect(booth.x, booth.y, booth.width, booth.height),
        columns=venue.columns,
        rows=venue.rows,
        others=others,
    )
    if problem == "outside":
        raise ValidationError(
            {
                "x": _("Booth keluar dari denah (%(c)d kolom × %(r)d baris).")
                % {"c": venue.columns, "r": venue.rows}
            }
        )
    if problem == "overlap":
        raise ValidationError({"x": _("Booth menumpuk dengan booth lain di denah.")})
    try:
        with transaction.atomic():
            booth.save()
    except IntegrityError as exc:
        raise ValidationError({"code": _("Kode atau petak booth sudah dipakai.")}) from exc
    audit.record(
        actor=actor,
        action=Event.BOOTH_SAVED,
        obj=booth,
        changes=audit.diff({}, audit.snapshot(booth, BOOTH_FIELDS)),
    )
    return booth


@transaction.atomic
def booth_set_blocked(*, actor: User, booth: Booth, blocked: bool) -> Booth:
    """Block a booth (a pillar, a sponsor's stand) or open it again; a held or assigned booth cannot be
    blocked, and an opened booth goes to the waiting list if it is running."""
    from .common import offer_free_booths

    policy.require(actor, "change", booth)
    exhibition = lock_exhibition(booth.venue.exhibition)
    booth = Booth.objects.select_for_update(of=("self",)).get(pk=booth.pk)
    if blocked and booth.assignments.filter(state__in=HOLDING).exists():
        raise ValidationError(
            _("Booth %(code)s sedang ditawarkan atau dipakai peserta.") % {"code": booth.code}
        )
    old = booth.blocked
    booth.blocked = blocked
    booth.save(update_fields=["blocked"])
    audit.record(actor=actor, action=Event.BOOTH_BLOCKED, obj=booth, changes={"blocked": [old, blocked]})
    if not blocked:
        offer_free_booths(exhibition, actor=actor)
    return booth


# --- The curation panel ---------------------------------------------------------------------------


@transaction.atomic
def curator_add(*, actor: User, exhibition: Exhibition, user: User) -> Curator:
    policy.require(actor, "add", Curator)
    if not policy.holds(user, CURATE):
        raise ValidationError({"user": _("Akun ini tidak memegang izin kurator pameran.")})
    if exhibition.curators.filter(user=user).exists():
        raise ValidationError(
            {"user": _("%(name)s sudah menjadi kurator acara ini.") % {"name": user.display_name}}
        )
    curator = Curator.objects.create(exhibition=exhibition, user=user)
    audit.record(actor=actor, action=Event.CURATOR_ADDED, obj=exhibition, data={"curator": user.display_name})
    return curator


@transaction.atomic
def curator_remove(*, actor: User, curator: Curator) -> None:
    policy.require(actor, "delete", curator)
    if CurationReview.objects.filter(
        application__exhibition=curator.exhibition, curator=curator.user
    ).exists():
        raise ValidationError(_("Kurator ini sudah menilai pendaftar; penilaiannya tetap tersimpan."))
    audit.record(
        actor=actor,
        action=Event.CURATOR_REMOVED,
        obj=curator.exhibition,
        data={"curator": curator.user.display_name},
    )
    curator.delete()


def _ensure_criteria_editable(exhibition: Exhibition) -> None:
    if (
        exhibition.state not in (State.PLANNING, State.OPEN_CALL)
        or CurationReview.objects.filter(application__exhibition=exhibition).exists()
    ):
        raise ValidationError(_("Kriteria tidak dapat diubah setelah kurator mulai menilai."))


@transaction.atomic
def criterion_add(*, actor: User, exhibition: Exhibition, name: str, weight: int) -> CurationCriterion:
    policy.require(actor, "add", CurationCriterion)
    _ensure_criteria_editable(lock_exhibition(exhibition))
    name = (name or "").strip()
    validate_no_html(name)
    if not 1 <= weight <= 10:
        raise ValidationError({"weight": _("Bobot 1 sampai 10.")})
    if not name or exhibition.criteria.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Isi nama kriteria yang belum ada.")})
    criterion = CurationCriterion.objects.create(exhibition=exhibition, name=name, weight=weight)
    audit.record(
        actor=actor, action=Event.CRITERION_SAVED, obj=exhibition, data={"criterion": name, "weight": weight}
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User, criterion: CurationCriterion) -> None:
    policy.require(actor, "delete", criterion)
    _ensure_criteria_editable(lock_exhibition(criterion.exhibition))
    if criterion.exhibition.criteria.count() <= 1:
        raise ValidationError(_("Sisakan sekurangnya satu kriteria."))
    audit.record(
        actor=actor,
        action=Event.CRITERION_DELETED,
        obj=criterion.exhibition,
        data={"criterion": criterion.name},
    )
    criterion.delete()


# --- Documentation photos -------------------------------------------------------------------------


@transaction.atomic
def photo_add(*, actor: User, exhibition: Exhibition, upload, caption: str = "") -> ExhibitionPhoto:
    policy.require(actor, "add", ExhibitionPhoto)
    ensure_state(exhibition, State.CONFIRMED, State.RUNNING, State.CLOSED)
    kind = check_upload(upload, allowed=("jpg", "png"), max_bytes=conf.PHOTO_MAX_BYTES, field="image")
    caption = (caption or "").strip()[:200]
    validate_no_html(caption)
    photo = ExhibitionPhoto(exhibition=exhibition, caption=caption, extension=kind, uploaded_by=actor)
    photo.image.save(f"foto.{kind}", upload, save=False)
    photo.save()
    audit.record(
        actor=actor, action=Event.PHOTO_ADDED, obj=exhibition, data={"photo": photo.pk, "caption": caption}
    )
    return photo


@transaction.atomic
def photo_delete(*, actor: User, photo: ExhibitionPhoto) -> None:
    policy.require(actor, "delete", photo)
    ensure_state(photo.exhibition, State.CONFIRMED, State.RUNNING, State.CLOSED)
    audit.record(actor=actor, action=Event.PHOTO_DELETED, obj=photo.exhibition, data={"photo": photo.pk})
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    # The file goes only once the deletion is committed: a rolled-back deletion keeps its photo.
    transaction.on_commit(partial(storage.delete, name))
