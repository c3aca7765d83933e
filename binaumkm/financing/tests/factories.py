"""Factories and helpers for financing tests: catalogue objects, papers, and referrals walked to a
state through the services (as people do it)."""

import datetime
import itertools

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from binaumkm.core.testing import make_user
from binaumkm.financing import services
from binaumkm.financing.models import Branch, Provider, ReferralState, Scheme, SchemeKind
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
_n = itertools.count(1)

KUR_RULES = [
    {"kind": "min_months", "months": 6, "alt_months": 3, "alt_facts": ["completed_training", "mentored"]},
    {"kind": "size_classes", "allowed": ["mikro", "kecil"]},
    {"kind": "no_active_credit", "families": []},
]
KUR_DOCUMENTS = [
    {"any": ["ktp"]},
    {"any": ["kk"]},
    {"any": ["nib", "sku"]},
    {"any": ["npwp"], "above": 50_000_000},
]


def upload(kind: str = "pdf", name: str | None = None) -> SimpleUploadedFile:
    content = {"pdf": PDF, "jpeg": JPEG, "png": PNG}[kind]
    return SimpleUploadedFile(name or f"berkas.{'jpg' if kind == 'jpeg' else kind}", content)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Bank Uji {n}")
    short_name = factory.Sequence(lambda n: f"BU{n}")


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"KC Solo {n}")
    address = "Jl. Slamet Riyadi No. 10, Surakarta"
    email = factory.Sequence(lambda n: f"kc{n}@bank.example")


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    code = factory.Sequence(lambda n: f"kur-mikro-{n}")
    name = factory.Sequence(lambda n: f"KUR Mikro {n}")
    family = "KUR"
    kind = SchemeKind.LOAN
    summary = "Kredit usaha rakyat untuk usaha mikro."
    amount_min = 10_000_000
    amount_max = 100_000_000
    rate = "6% per tahun"
    tenor_months_max = 60
    collateral = "Tanpa agunan tambahan sampai Rp100 juta"
    documents = factory.LazyFunction(lambda: [dict(g) for g in KUR_DOCUMENTS])
    rules = factory.LazyFunction(lambda: [dict(r) for r in KUR_RULES])
    regulation = "Permenko Perekonomian 1/2023"
    terms_confirmed_on = datetime.date(2026, 1, 5)
    service_level_days = 14

    @factory.post_generation
    def branches(self, create, extracted, **kwargs):
        if create and extracted:
            self.branches.set(extracted)


def owner_with_business(**business_fields):
    """An owner account with one verified business running since 2020: (user, business)."""
    n = next(_n)
    phone = f"+62814{n:08d}"
    user = make_user("pemilik_umkm", username=phone, phone=phone, full_name=f"Pemilik {n}")
    owner = OwnerFactory(user=user, phone=phone, email=f"pemilik{n}@example.com")
    business_fields.setdefault("year_founded", 2020)
    return user, BusinessFactory(owner=owner, **business_fields)


def officer(branch: Branch, username: str | None = None):
    user = make_user(
        "petugas_bank", username=username or f"petugas{next(_n)}", email=f"petugas{next(_n)}@bank.example"
    )
    branch.officers.add(user)
    return user


def papers(actor, business, *, staff=None, kinds=("ktp", "kk", "nib")):
    """Upload the papers (and verify them when ``staff`` is given)."""
    numbers = {
        "ktp": business.owner.nik,
        "kk": "3372010101200001",
        "nib": "9120001234567",
        "sku": "470/12/2026",
    }
    made = []
    for kind in kinds:
        doc = services.document_upload(actor=actor, business=business, kind=kind, upload=upload("pdf", f"{kind}.pdf"),
                                       number=numbers.get(kind, ""), issued_on=datetime.date(2021, 2, 1) if kind == "nib" else None)  # fmt: skip
        if staff is not None:
            doc = services.document_verify(actor=staff, document=doc)
        made.append(doc)
    return made


def referral_to(state: str, *, owner, business, scheme, branch, staff, officer=None, amount=25_000_000):
    """A referral walked through the services up to ``state`` (papers uploaded and verified)."""
    papers(owner, business, staff=staff)
    referral = services.referral_create(actor=owner, business=business, scheme=scheme, branch=branch, amount=amount,
                                        purpose="tambah modal bahan baku")  # fmt: skip
    S = ReferralState
    path = [S.DRAFT, S.READY, S.SENT, S.RECEIVED, S.REVIEW, S.APPROVED, S.DISBURSED, S.CLOSED]
    steps = {
        S.READY: lambda r: (services.referral_consent(actor=owner, referral=r), services.referral_submit(actor=owner, referral=r))[1],
        S.SENT: lambda r: services.referral_send(actor=staff, referral=r),
        S.RECEIVED: lambda r: services.referral_receive(actor=officer, referral=r),
        S.REVIEW: lambda r: services.referral_review(actor=officer, referral=r),
        S.APPROVED: lambda r: services.referral_approve(actor=officer, referral=r, amount=amount),
        S.DISBURSED: lambda r: services.referral_disburse(actor=officer, referral=r, amount=amount,
                                                          disbursed_on=timezone.localdate(), contract_number="AK-001"),
        S.CLOSED: lambda r: services.referral_close(actor=staff, referral=r, reason="lunas"),
    }  # fmt: skip
    for target in path[1 : path.index(state) + 1]:
        referral = steps[target](referral)
    referral.refresh_from_db()
    return referral
