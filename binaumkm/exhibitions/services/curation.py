"""Curation by the exhibition's panel: each curator scores each eligible application on the weighted
criteria, with a comment; closing the curation combines the scores and applies the threshold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html

from .. import curation, notifications
from ..events import Event
from ..models import Application, CurationReview, CurationScore, Exhibition, State, Status
from .applications import _state_changed
from .common import ensure_state, lock_exhibition


@transaction.atomic
def review_save(
    *, actor: User, application: Application, scores: Mapping[int, int], comment: str = ""
) -> CurationReview:
    """Save (or change) the actor's scores of one application: every criterion, 1 to 5."""
    policy.require(actor, "curate", application)
    exhibition = lock_exhibition(application.exhibition)
    ensure_state(exhibition, State.OPEN_CALL, State.CURATION)
    if application.status != Status.ELIGIBLE:
        raise ValidationError(_("Hanya pendaftar yang memenuhi syarat yang dinilai."))
    weights = dict(exhibition.criteria.values_list("pk", "weight"))
    scores = {int(k): v for k, v in scores.items()}
    if set(scores) != set(weights):
        raise ValidationError(_("Beri nilai untuk setiap kriteria."))
    if any(not isinstance(v, int) or v not in curation.SCALE for v in scores.values()):
        raise ValidationError(_("Nilai setiap kriteria 1 sampai 5."))
    comment = (comment or "").strip()[:1000]
    validate_no_html(comment)
    review, created = CurationReview.objects.get_or_create(application=application, curator=actor)
    before = {str(s.criterion_id): s.score for s in review.scores.all()}
    review.comment, review.updated_at = comment, timezone.now()
    review.save(update_fields=["comment", "updated_at"])
    review.scores.all().delete()
    CurationScore.objects.bulk_create(
        [CurationScore(review=review, criterion_id=pk, score=score) for pk, score in scores.items()]
    )
    audit.record(
        actor=actor,
        action=Event.REVIEW_SAVED,
        obj=application,
        changes=audit.diff(before, {str(k): v for k, v in scores.items()}),
        data={"score": curation.review_score(scores, weights), "new": created},
    )
    return review


def combined_scores(exhibition: Exhibition) -> dict[int, float | None]:
    """{application id: combined score} for the eligible applications (None: nobody scored it)."""
    weights = dict(exhibition.criteria.values_list("pk", "weight"))
    by_review: dict[int, dict[int, int]] = defaultdict(dict)
    review_app: dict[int, int] = {}
    rows = CurationScore.objects.filter(
        review__application__exhibition=exhibition, review__application__status=Status.ELIGIBLE
    ).values_list("review_id", "review__application_id", "criterion_id", "score")
    for review, app, criterion, score in rows:
        by_review[review][criterion] = score
        review_app[review] = app
    per_app: dict[int, list[float]] = defaultdict(list)
    for review, scores in by_review.items():
        if set(scores) == set(weights):
            per_app[review_app[review]].append(curation.review_score(scores, weights))
    eligible = exhibition.applications.filter(status=Status.ELIGIBLE).values_list("pk", flat=True)
    return {pk: curation.combined(per_app.get(pk, [])) for pk in eligible}


@transaction.atomic
def curation_close(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Curation → allocation: combine each application's scores; below the threshold it does not
    pass. Refused while an eligible application has no complete review."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.CURATION)
    scores = combined_scores(exhibition)
    unscored = sum(score is None for score in scores.values())
    if unscored:
        raise ValidationError(
            _("%(n)d pendaftar yang memenuhi syarat belum dinilai lengkap oleh kurator.") % {"n": unscored}
        )
    passed = failed = 0
    for application in exhibition.applications.filter(pk__in=scores):
        application.curation_score = scores[application.pk]
        below = (application.curation_score or 0) < exhibition.curation_threshold
        application.status = Status.NOT_PASSED if below else Status.CURATED
        application.save(update_fields=["curation_score", "status"])
        if below:
            failed += 1
            transaction.on_commit(partial(notifications.status_changed, application.pk))
        else:
            passed += 1
    old, exhibition.state = exhibition.state, State.ALLOCATION
    exhibition.save(update_fields=["state"])
    _state_changed(actor, exhibition, old)
    audit.record(
        actor=actor,
        action=Event.CURATION_CLOSED,
        obj=exhibition,
        data={"passed": passed, "not_passed": failed, "threshold": exhibition.curation_threshold},
    )
    return exhibition
