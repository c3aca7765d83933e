"""Who may register for a batch, and each applicant's priority tier.

"Trained" means having completed (lulus) a batch: ``Registration.completed`` is true.
"""

from collections import defaultdict

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from binaumkm.core.models import Kecamatan
from binaumkm.registry.choices import BusinessStatus, KbliSection, SizeClass, Verification
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_eligible

from .models import Batch, Registration, Tier, Topic


def trained_topics(business_ids) -> dict[int, set[str]]:
    """{business id: topics it completed}. ``business_ids`` may be a list or a subquery."""
    topics: dict[int, set[str]] = defaultdict(set)
    rows = (
        Registration.objects.filter(completed=True, business_id__in=business_ids)
        .values_list("business_id", "batch__programme__topic")
        .distinct()
    )
    for business_id, topic in rows:
        topics[business_id].add(topic)
    return topics


def tier_for(topic: str, done: set[str]) -> int:
    if topic in done:
        return Tier.SAME_TOPIC
    return Tier.OTHER_TOPIC if done else Tier.NEW


def _labels(choices, values) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values)


def problems(
    batch: Batch, business: Business, *, done: set[str], kecamatan: list[Kecamatan] | None = None
) -> list[str]:
    """Every eligibility rule the business fails, as a sentence naming the rule. ``kecamatan``: the
    batch's kecamatan rule when the caller already has it (otherwise read from the batch)."""
    found = []
    if batch.verified_only and business.verification != Verification.VERIFIED:
        found.append(_("Usaha ini belum terverifikasi dinas; angkatan ini hanya untuk usaha terverifikasi."))
    if batch.sectors and business.kbli_section not in batch.sectors:
        found.append(
            _("Angkatan ini hanya untuk sektor: %(list)s.")
            % {"list": _labels(KbliSection.choices, batch.sectors)}
        )
    if batch.size_classes and business.size_class not in batch.size_classes:
        found.append(
            _("Angkatan ini hanya untuk usaha skala: %(list)s.")
            % {"list": _labels(SizeClass.choices, batch.size_classes)}
        )
    if batch.statuses and business.status not in batch.statuses:
        found.append(
            _("Angkatan ini hanya untuk usaha berstatus: %(list)s.")
            % {"list": _labels(BusinessStatus.choices, batch.statuses)}
        )
    allowed = list(batch.kecamatan.all()) if kecamatan is None else kecamatan
    if allowed and business.kelurahan.kecamatan_id not in {k.pk for k in allowed}:
        found.append(
            _("Angkatan ini hanya untuk UMKM di kecamatan: %(list)s.")
            % {"list": ", ".join(k.name for k in allowed)}
        )
    topic = batch.programme.topic
    if batch.new_to_topic_only and topic in done:
        found.append(
            _(
                "Usaha ini sudah pernah lulus pelatihan bertopik “%(topic)s”; angkatan ini untuk yang belum pernah."
            )
            % {"topic": Topic(topic).label}
        )
    return found


def eligible_businesses(batch: Batch) -> QuerySet[Business]:
    """The binaan UMKM who meet the batch's rules: the base of each kecamatan's share of seats. Only
    businesses that can take part count (verified, active or stagnant), whatever the batch's rules:
    a closed or unverified business earns its kecamatan no reserved seats."""
    qs = business_eligible()
    if batch.sectors:
        qs = qs.filter(kbli_section__in=batch.sectors)
    if batch.size_classes:
        qs = qs.filter(size_class__in=batch.size_classes)
    if batch.statuses:
        qs = qs.filter(status__in=batch.statuses)
    kecamatan_ids = [k.pk for k in batch.kecamatan.all()]
    if kecamatan_ids:
        qs = qs.filter(kelurahan__kecamatan__in=kecamatan_ids)
    if batch.new_to_topic_only:
        qs = qs.exclude(
            pk__in=Registration.objects.filter(
                completed=True, batch__programme__topic=batch.programme.topic
            ).values("business_id")
        )
    return qs


def rules_summary(batch: Batch) -> list[str | Promise]:
    """The batch's rules in words, for the public batch page."""
    rules: list[str | Promise] = []
    if batch.verified_only:
        rules.append(_("Usaha sudah terverifikasi dinas"))
    if batch.sectors:
        rules.append(format_lazy("{}: {}", _("Sektor"), _labels(KbliSection.choices, batch.sectors)))
    if batch.size_classes:
        rules.append(format_lazy("{}: {}", _("Skala"), _labels(SizeClass.choices, batch.size_classes)))
    if batch.statuses:
        rules.append(
            format_lazy("{}: {}", _("Status usaha"), _labels(BusinessStatus.choices, batch.statuses))
        )
    kecamatan = list(batch.kecamatan.all())
    if kecamatan:
        rules.append(format_lazy("{}: {}", _("Kecamatan"), ", ".join(k.name for k in kecamatan)))
    if batch.new_to_topic_only:
        rules.append(_("Belum pernah lulus pelatihan dengan topik yang sama"))
    return rules
