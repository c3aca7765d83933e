"""Curators: the panels they sit on, the applications to score, and the scoring form. A curator reaches
only the exhibitions whose panel they are on (another exhibition is a 404)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view

from .. import selectors, services
from ..apps import CURATE
from ..forms import ReviewForm


@permission_required(CURATE)
def curator_home(request):
    return render(
        request,
        "exhibitions/curator/home.html",
        {"exhibitions": selectors.curated_exhibitions(actor=request.user)},
    )


@permission_required(CURATE)
def curation_queue(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="curate")
    return render(
        request,
        "exhibitions/curator/queue.html",
        {
            "exhibition": exhibition,
            "applications": selectors.curation_queue(actor=request.user, exhibition=exhibition),
            "criteria": selectors.criteria(exhibition),
        },
    )


@permission_required(CURATE)
def review(request, pk):
    application = selectors.application_get(actor=request.user, pk=pk, action="curate")
    exhibition = application.exhibition
    criteria = list(selectors.criteria(exhibition))
    mine = selectors.my_review(actor=request.user, application=application)
    initial = {}
    if mine is not None:
        initial = {f"c{s.criterion_id}": s.score for s in mine.scores.all()}
        initial["comment"] = mine.comment
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    return form_view(
        request,
        form=form,
        template="exhibitions/curator/review.html",
        context={"a": application, "exhibition": exhibition, "products": application.products.all()},
        save=lambda data: services.review_save(
            actor=request.user, application=application, scores=form.scores(), comment=data["comment"]
        ),
        success=_("Penilaian disimpan."),
        next_url=reverse("exhibitions:curation_queue", args=[exhibition.pk]),
    )
