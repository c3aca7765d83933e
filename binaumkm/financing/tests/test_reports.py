"""The reports: funnel counts and rupiah, median days to decision per branch, rejection reasons, and
the turnover of financed UMKM against similar unfinanced ones."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from binaumkm.financing import stats
from binaumkm.financing.models import Referral, ReferralState
from binaumkm.registry.models import TurnoverReport
from binaumkm.registry.tests.factories import BusinessFactory

S = ReferralState
pytestmark = pytest.mark.django_db


def test_turnover_change_and_comparison_on_plain_numbers():
    anchor = datetime.date(2025, 6, 1)
    months = [stats.month_add(anchor, k) for k in range(-3, 6)]
    grew = dict(zip(months, [100, 100, 100, 0, 0, 0, 150, 150, 150], strict=True))
    flat = dict(zip(months, [100, 100, 100, 0, 0, 0, 110, 110, 110], strict=True))
    assert stats.turnover_change(grew, anchor, 3) == pytest.approx(0.5)
    assert stats.turnover_change({**grew, months[0]: None}, anchor, 3) is None
    comparison = stats.compare([(1, anchor, "C")], {"C": [2, 3]}, {1: grew, 2: flat, 3: {}}, window=3)
    assert (comparison.financed, comparison.peers) == (1, 1)
    assert comparison.difference == pytest.approx(0.4)
    assert stats.median([]) is None and stats.median([3, 1, 2]) == 2


def sent(world, business, *, branch, days_to_decision=None, state=S.SENT, amount=10_000_000, reason=""):
    sent_at = timezone.now() - datetime.timedelta(days=60)
    referral = Referral.objects.create(
        business=business, scheme=world.scheme, branch=branch, amount=amount, purpose="modal", state=state,
        state_changed_at=sent_at, sent_at=sent_at, number=f"R/{business.pk}",
        decided_at=sent_at + datetime.timedelta(days=days_to_decision) if days_to_decision is not None else None,
        approved_amount=amount if state in (S.APPROVED, S.DISBURSED) else None, rejection_reason=reason,
        disbursed_amount=amount if state == S.DISBURSED else None,
        disbursed_on=datetime.date(2025, 6, 10) if state == S.DISBURSED else None,
    )  # fmt: skip
    return referral


def test_report_figures(world, client):
    financed, similar = BusinessFactory(), BusinessFactory()
    sent(world, financed, branch=world.branch, days_to_decision=4, state=S.DISBURSED, amount=25_000_000)
    sent(world, BusinessFactory(), branch=world.branch, days_to_decision=10, state=S.REJECTED, reason="slik")
    sent(world, BusinessFactory(), branch=world.other_branch, days_to_decision=30, state=S.APPROVED)
    sent(world, BusinessFactory(), branch=world.other_branch)
    for business, after in ((financed, 20_000_000), (similar, 11_000_000)):
        for k in range(-3, 6):
            month = stats.month_add(datetime.date(2025, 6, 1), k)
            TurnoverReport.objects.create(
                business=business, period=month, turnover=10_000_000 if k < 0 else after
            )
    client.force_login(world.staff)
    response = client.get(reverse("financing:report"))
    assert response.status_code == 200
    by_scheme = response.context["funnels"][0][1]
    assert by_scheme == [
        {"label": world.scheme.name, "referred": 4, "approved": 2, "disbursed": 1, "rupiah": 25_000_000}
    ]
    days = {r["branch"]: r for r in response.context["decision_days"]}
    assert days[f"{world.branch.provider.short_name} {world.branch.name}"]["median_days"] == pytest.approx(7)
    assert days[f"{world.other_branch.provider.short_name} {world.other_branch.name}"]["waiting"] == 1
    assert response.context["rejections"] == [("Riwayat kredit bermasalah (SLIK OJK)", 1)]
    comparison = response.context["comparison"]
    assert comparison.financed_median == pytest.approx(1.0) and comparison.peers_median == pytest.approx(0.1)
    workbook = load_workbook(io.BytesIO(client.get(reverse("financing:report_export")).content))
    assert workbook.sheetnames[:2] == ["Per skema", "Per kantor bank"]
    assert list(workbook["Per skema"].iter_rows(values_only=True))[1] == (
        world.scheme.name,
        4,
        2,
        1,
        25_000_000,
    )
    assert client.get(reverse("financing:report"), {"since": "2099-01-01"}).context["funnels"][0][1] == []
