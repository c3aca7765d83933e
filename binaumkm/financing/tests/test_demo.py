"""seed_demo's financing step: Solo's schemes (KUR at several banks, Kredit Melati, a grant round),
referrals in every state with plausible timings, two bank officers who see their own office's
referrals, and a demo owner whose page says what to do next."""

import pytest

from binaumkm.accounts import demo as accounts_demo
from binaumkm.accounts.models import User
from binaumkm.core import demo as core_demo
from binaumkm.core.demo import DemoContext
from binaumkm.financing import demo, eligibility, selectors
from binaumkm.financing.models import Branch, FollowUp, NominationList, Referral, ReferralState, Scheme
from binaumkm.registry import demo as registry_demo
from binaumkm.registry.models import Business


@pytest.mark.django_db
def test_demo_has_every_state_and_two_officers_with_their_own_referrals():
    ctx = DemoContext(umkm=600, seed=2021)
    core_demo.seed(ctx)
    accounts_demo.seed(ctx)
    registry_demo.seed(ctx)  # the whole timeline: the historic 2021 disbursements need their turnover
    demo.seed(ctx)
    demo.logins(ctx)

    kur = Scheme.objects.filter(family="KUR")
    assert (
        kur.count() >= 3 and Branch.objects.filter(schemes__in=kur).values("provider").distinct().count() >= 3
    )
    assert Scheme.objects.filter(code="kredit-melati", provider__short_name="Bank Solo").exists()
    assert Scheme.objects.filter(kind="hibah").exists()
    assert set(Referral.objects.values_list("state", flat=True)) == set(ReferralState.values)
    for referral in Referral.objects.exclude(sent_at=None):
        steps = list(referral.steps.order_by("at", "id"))
        assert [s.at for s in steps] == sorted(s.at for s in steps) and steps[-1].to_state == referral.state
        assert referral.consents.exists() and referral.number
    decided = Referral.objects.exclude(decided_at=None)
    assert all(1 <= (r.decided_at - r.sent_at).days <= 60 for r in decided)
    assert FollowUp.objects.filter(done_at__isnull=False).exists()
    assert NominationList.objects.filter(state="diekspor").exists()

    for username in ("bank.bri", "bank.solo"):
        officer = User.objects.get(username=username)
        mine = selectors.bank_referrals(actor=officer)
        assert mine.exists() and set(mine.values_list("branch__officers", flat=True)) == {officer.pk}
        assert (str(ctx.logins[-2 if username == "bank.bri" else -1][1])) == username

    demo_owner = Business.objects.filter(owner__phone=registry_demo.DEMO_OWNER_PHONE).first()
    checks = selectors.business_precheck(demo_owner)
    kur_mikro = next(c for c in checks if c.scheme.code == "kur-mikro").assessment
    assert kur_mikro.status == eligibility.NOT_YET
    assert any(r.documents == ("nib", "sku") for r in kur_mikro.unmet)
    report = selectors.turnover_comparison(actor=User.objects.get(username="staf"), window=3)
    assert report.financed > 0 and report.peers > 0
