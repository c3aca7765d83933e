"""Access declarations of financing's URLs, and financing's part of the shared world: a KUR scheme
at two bank branches (one officer each), the owner's papers, a referral sent to "bank_officer"'s
branch, a disbursed one with a follow-up assigned to the mentor, and a draft nomination list."""

import datetime

from binaumkm.core.tests.site_access import (
    BANK_LIST,
    BANK_OBJECT,
    OK,
    OWNER_OBJECT,
    PUBLIC,
    STAFF,
    Url,
    rule,
)


def build(world):
    from django.utils import timezone

    from binaumkm.financing.models import (
        Consent,
        Document,
        FollowUp,
        Nomination,
        NominationList,
        Referral,
        ReferralState,
        SchemeKind,
    )
    from binaumkm.financing.tests.factories import PDF, BranchFactory, ProviderFactory, SchemeFactory

    users = world.users
    world.branch = BranchFactory(name="KC Slamet Riyadi")
    world.branch.officers.add(users["bank_officer"])
    world.other_branch = BranchFactory(name="KC Pasar Klewer")
    world.other_branch.officers.add(users["other_bank_officer"])
    world.scheme = SchemeFactory(code="kur-mikro", branches=[world.branch, world.other_branch])
    melati = SchemeFactory(
        code="kredit-melati", name="Kredit Melati", family="MELATI", branches=[world.branch]
    )
    grant = SchemeFactory(code="bpum", name="BPUM", family="", kind=SchemeKind.GRANT, amount_min=1_200_000,
                          amount_max=1_200_000, provider=ProviderFactory(name="Kemenkop UKM"), rules=[], documents=[])  # fmt: skip
    from django.core.files.base import ContentFile

    world.document = Document(business=world.business, kind="nib", number="9120001234567", original_name="nib.pdf",
                              content_type="application/pdf", size=len(PDF), uploaded_by=users["owner"])  # fmt: skip
    world.document.file.save("nib.pdf", ContentFile(PDF), save=False)
    world.document.save()
    now = timezone.now()
    world.referral = Referral.objects.create(
        business=world.business, scheme=world.scheme, branch=world.branch, amount=25_000_000,
        purpose="tambah modal", state=ReferralState.SENT, state_changed_at=now, sent_at=now,
        number="500.3/001/RJK/I/2026", created_by=users["owner"],
        checklist={"sent": {"status": "layak", "items": [], "documents": [{"id": world.document.pk, "kind": "nib", "label": "NIB", "verified": True}]}},
    )  # fmt: skip
    Consent.objects.create(referral=world.referral, given_by=users["owner"], given_at=now, text="setuju")
    disbursed = Referral.objects.create(
        business=world.business, scheme=melati, branch=world.branch, amount=5_000_000, purpose="alat",
        state=ReferralState.DISBURSED, state_changed_at=now, sent_at=now, number="500.3/002/RJK/I/2026",
        disbursed_amount=5_000_000, disbursed_on=datetime.date(2026, 1, 5), contract_number="AK-1",
    )  # fmt: skip
    world.followup = FollowUp.objects.create(referral=disbursed, months=3, due_on=datetime.date(2026, 4, 5),
                                             assigned_to=users["mentor"])  # fmt: skip
    world.nomination_list = NominationList.objects.create(
        title="BPUM 2026", target="hibah", scheme=grant, layout="bpum"
    )
    world.nomination = Nomination.objects.create(nomination_list=world.nomination_list, business=world.business,
                                                 nik=world.business.owner.nik, amount=1_200_000)  # fmt: skip


def referral(world):
    return {"pk": world.referral.pk}


def business(world):
    return {"pk": world.business.pk}


MY_FINANCING = rule(owner=302, other_owner=302)  # one business each: straight to its page
DOCUMENT = rule(owner=OK, other_owner=404, staff=OK, admin=OK)
LETTER = rule(staff=OK, admin=OK, bank_officer=OK, other_bank_officer=404)
FOLLOWUP = rule(staff=OK, admin=OK, mentor=OK)

URLS = {
    "financing:schemes": Url(PUBLIC),
    "financing:scheme_public": Url(PUBLIC, kwargs=lambda w: {"code": "kur-mikro"}),
    "financing:my_financing": Url(MY_FINANCING),
    "financing:my_business": Url(OWNER_OBJECT, kwargs=business),
    "financing:my_document_upload": Url(OWNER_OBJECT, kwargs=business, methods=("GET", "POST")),
    "financing:my_referral_create": Url(
        OWNER_OBJECT, kwargs=lambda w: {"pk": w.business.pk, "code": "kur-mikro"}, methods=("GET", "POST")
    ),
    "financing:my_referral": Url(OWNER_OBJECT, kwargs=referral),
    "financing:my_referral_step": Url(
        OWNER_OBJECT,
        kwargs=lambda w: {"pk": w.referral.pk, "action": "tarik"},
        methods=("POST",),
        data=lambda w: {"reason": "batal"},
    ),  # fmt: skip
    "financing:document_file": Url(DOCUMENT, kwargs=lambda w: {"pk": w.document.pk}),
    "financing:board": Url(STAFF, query="?state=terlambat&q=batik"),
    "financing:referral_detail": Url(STAFF, kwargs=referral),
    "financing:referral_step": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.referral.pk, "action": "tarik"},
        methods=("POST",),
        data=lambda w: {"reason": "salah kantor"},
    ),  # fmt: skip
    "financing:referral_letter": Url(LETTER, kwargs=referral),
    "financing:referral_bundle": Url(LETTER, kwargs=referral),
    "financing:business_file": Url(STAFF, kwargs=business),
    "financing:document_upload": Url(STAFF, kwargs=business, methods=("GET", "POST")),
    "financing:referral_create": Url(
        STAFF, kwargs=lambda w: {"pk": w.business.pk, "code": "kur-mikro"}, methods=("GET", "POST")
    ),
    "financing:document_check": Url(
        STAFF, kwargs=lambda w: {"pk": w.document.pk, "action": "verifikasi"}, methods=("POST",)
    ),
    "financing:precheck": Url(STAFF, query="?kecamatan=1"),
    "financing:scheme_list": Url(STAFF),
    "financing:scheme_create": Url(STAFF, methods=("GET", "POST")),
    "financing:scheme_edit": Url(STAFF, kwargs=lambda w: {"pk": w.scheme.pk}, methods=("GET", "POST")),
    "financing:provider_create": Url(STAFF, methods=("GET", "POST")),
    "financing:provider_edit": Url(
        STAFF, kwargs=lambda w: {"pk": w.branch.provider_id}, methods=("GET", "POST")
    ),
    "financing:branch_create": Url(
        STAFF, kwargs=lambda w: {"pk": w.branch.provider_id}, methods=("GET", "POST")
    ),
    "financing:branch_edit": Url(STAFF, kwargs=lambda w: {"pk": w.branch.pk}, methods=("GET", "POST")),
    "financing:branch_officer_add": Url(STAFF, kwargs=lambda w: {"pk": w.branch.pk}, methods=("POST",)),
    "financing:branch_officer_remove": Url(
        STAFF, kwargs=lambda w: {"pk": w.branch.pk, "user_pk": w.users["bank_officer"].pk}, methods=("POST",)
    ),
    "financing:nomination_lists": Url(STAFF, methods=("GET", "POST")),
    "financing:nomination_detail": Url(STAFF, kwargs=lambda w: {"pk": w.nomination_list.pk}),
    "financing:nomination_add": Url(STAFF, kwargs=lambda w: {"pk": w.nomination_list.pk}, methods=("POST",)),
    "financing:nomination_remove": Url(
        STAFF, kwargs=lambda w: {"pk": w.nomination_list.pk, "item_pk": w.nomination.pk}, methods=("POST",)
    ),
    "financing:nomination_export": Url(
        STAFF, kwargs=lambda w: {"pk": w.nomination_list.pk, "fmt": "xlsx"}, methods=("POST",)
    ),
    "financing:followup_list": Url(FOLLOWUP),
    "financing:followup_record": Url(
        FOLLOWUP, kwargs=lambda w: {"pk": w.followup.pk}, methods=("GET", "POST")
    ),
    "financing:followup_assign": Url(STAFF, kwargs=lambda w: {"pk": w.followup.pk}, methods=("POST",)),
    "financing:report": Url(STAFF, query="?since=2026-01-01"),
    "financing:report_export": Url(STAFF),
    "financing:bank_list": Url(BANK_LIST, query="?state=menunggu_bank"),
    "financing:bank_detail": Url(BANK_OBJECT, kwargs=referral),
    "financing:bank_step": Url(
        BANK_OBJECT, kwargs=lambda w: {"pk": w.referral.pk, "action": "terima"}, methods=("POST",)
    ),
}
