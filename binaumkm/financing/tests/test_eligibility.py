"""The pre-check's rules on plain data (no database): each reason in plain words with its step, and the
cheap status-only path always agrees with the explained one."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.financing import eligibility as e
from binaumkm.financing import screening
from binaumkm.financing.eligibility import Applicant, Context, Credit, Paper, Terms

TODAY = datetime.date(2026, 3, 15)
CTX = Context(today=TODAY, city_nik_prefix="3372", city_name="Kota Surakarta")
KUR = Terms.build(
    scheme_id=1, name="KUR Mikro", family="KUR", amount_min=10_000_000, amount_max=100_000_000,
    rules=[
        {"kind": "min_months", "months": 6, "alt_months": 3, "alt_facts": ["completed_training", "mentored"]},
        {"kind": "size_classes", "allowed": ["mikro", "kecil"]},
        {"kind": "city_resident"},
        {"kind": "no_active_credit", "families": ["KUR"]},
    ],
    documents=[{"any": ["ktp"]}, {"any": ["nib", "sku"]}, {"any": ["npwp"], "above": 50_000_000}],
)  # fmt: skip
ALL_PAPERS = {"ktp": Paper("ktp", True), "nib": Paper("nib", True, datetime.date(2021, 1, 4))}


def applicant(**overrides) -> Applicant:
    values = {"business_id": 1, "verification": "terverifikasi", "status": "aktif", "size_class": "mikro",
                  "nik": "3372014503850001", "started": (datetime.date(2020, 1, 1), "turnover"), "papers": dict(ALL_PAPERS)}  # fmt: skip
    values.update(overrides)
    return Applicant(**values)


def unmet(result) -> list[str]:
    return [r.text for r in result.unmet]


def test_a_complete_business_is_eligible_and_every_reason_says_why():
    result = e.assess(applicant(), KUR, CTX)
    assert result.status == e.ELIGIBLE and result.unmet == []
    texts = " ".join(r.text for r in result.reasons)
    assert "Usaha berjalan 74 bulan" in texts and "laporan omzet pertama" in texts
    assert "NIK terdaftar di Kota Surakarta" in texts
    assert "NPWP diperlukan bila jumlah di atas Rp50.000.000" in texts


def test_missing_nib_is_not_yet_with_the_step_to_oss():
    result = e.assess(applicant(papers={"ktp": Paper("ktp", True)}), KUR, CTX)
    assert result.status == e.NOT_YET
    [reason] = result.unmet
    assert reason.text == "NIB atau SKU kelurahan belum ada"
    assert "oss.go.id" in reason.step and "kelurahan" in reason.step
    assert reason.documents == ("nib", "sku")
    assert result.missing_documents_only


def test_four_months_old_meets_kur_mikro_after_training():
    young = (datetime.date(2025, 11, 10), "document")
    result = e.assess(applicant(started=young), KUR, CTX)
    assert result.status == e.NOT_YET and not result.missing_documents_only
    [reason] = result.unmet
    assert (
        reason.text
        == "Usaha baru 4 bulan: memenuhi KUR Mikro setelah lulus pelatihan dinas atau didampingi pendamping dinas."
    )
    assert (
        reason.step.startswith("Ikuti pelatihan di menu Pelatihan atau minta pendampingan ke dinas")
        and "10 Mei 2026" in reason.step
    )

    trained = e.assess(
        applicant(started=young, facts={"completed_training": datetime.date(2026, 2, 1)}), KUR, CTX
    )
    assert trained.status == e.ELIGIBLE
    assert any("sudah lulus pelatihan dinas: memenuhi syarat 3 bulan" in r.text for r in trained.reasons)


def test_too_young_even_with_training_says_when_it_will_qualify():
    result = e.assess(applicant(started=(datetime.date(2026, 2, 1), "binaan")), KUR, CTX)
    [reason] = result.unmet
    assert reason.text == "Usaha baru 1 bulan; syarat 6 bulan."
    assert "Memenuhi mulai 1 Agu 2026" in reason.step and "Mulai 1 Mei 2026 cukup 3 bulan" in reason.step


def test_unknown_business_age_asks_for_evidence():
    result = e.assess(applicant(started=None), KUR, CTX)
    assert result.status == e.NOT_YET and unmet(result) == ["Lama usaha belum diketahui."]


def test_registry_state_comes_first():
    closed = e.assess(applicant(status="tutup"), KUR, CTX)
    assert closed.status == e.NOT_ELIGIBLE and closed.unmet[0].text == "Usaha ini tercatat sudah tutup."
    waiting = e.assess(applicant(verification="baru"), KUR, CTX)
    assert waiting.status == e.NOT_YET and "belum diverifikasi" in waiting.unmet[0].text
    rejected = e.assess(applicant(verification="ditolak"), KUR, CTX)
    assert rejected.status == e.NOT_YET and "Perbaiki data usaha" in rejected.unmet[0].step


def test_size_class_outside_the_scheme_is_not_eligible():
    result = e.assess(applicant(size_class="menengah"), KUR, CTX)
    assert result.status == e.NOT_ELIGIBLE
    assert unmet(result) == ["Usaha skala menengah; skema ini untuk usaha mikro atau kecil."]
    assert e.assess(applicant(size_class=""), KUR, CTX).status == e.NOT_YET


def test_an_active_kur_blocks_another_until_repaid():
    credit = Credit("KUR", "KUR Mikro (BRI)", datetime.date(2025, 6, 2))
    result = e.assess(applicant(credits=(credit,)), KUR, CTX)
    assert result.status == e.NOT_ELIGIBLE
    assert result.unmet[0].text == "Masih ada kredit KUR Mikro (BRI) yang cair 2 Jun 2025."
    assert result.unmet[0].step == "Ajukan lagi setelah kredit itu lunas."
    melati = Credit("MELATI", "Kredit Melati (Bank Solo)", datetime.date(2025, 6, 2))
    assert e.assess(applicant(credits=(melati,)), KUR, CTX).status == e.ELIGIBLE  # only KUR counts here


def test_residence_from_nik_or_kk():
    outside = applicant(nik="3311014503850001")
    result = e.assess(outside, KUR, CTX)
    assert result.status == e.NOT_YET
    assert unmet(result) == ["NIK terdaftar di luar Kota Surakarta."]
    assert result.unmet[0].step == "Unggah KK yang beralamat di Kota Surakarta." and result.unmet[
        0
    ].documents == ("kk",)
    with_kk = applicant(
        nik="3311014503850001", papers={**ALL_PAPERS, "kk": Paper("kk", False, address_in_city=True)}
    )
    assert e.assess(with_kk, KUR, CTX).status == e.ELIGIBLE
    kk_elsewhere = applicant(
        nik="3311014503850001", papers={**ALL_PAPERS, "kk": Paper("kk", True, address_in_city=False)}
    )
    assert e.assess(kk_elsewhere, KUR, CTX).status == e.NOT_ELIGIBLE


def test_expired_paper_does_not_count_and_says_since_when():
    sku = Paper("sku", True, datetime.date(2025, 1, 1), expires_on=datetime.date(2026, 1, 1))
    result = e.assess(applicant(papers={"ktp": Paper("ktp", True), "sku": sku}), KUR, CTX)
    assert result.status == e.NOT_YET
    assert unmet(result) == ["SKU kelurahan sudah tidak berlaku sejak 1 Jan 2026."]


def test_npwp_and_amount_with_an_amount_asked():
    big = Context(today=TODAY, city_nik_prefix="3372", city_name="Kota Surakarta", amount=75_000_000)
    result = e.assess(applicant(), KUR, big)
    assert result.status == e.NOT_YET and unmet(result) == ["NPWP belum ada"]
    small = Context(today=TODAY, city_nik_prefix="3372", city_name="Kota Surakarta", amount=20_000_000)
    assert e.assess(applicant(), KUR, small).status == e.ELIGIBLE
    huge = Context(today=TODAY, city_nik_prefix="3372", city_name="Kota Surakarta", amount=500_000_000)
    assert "di luar batas skema" in " ".join(
        unmet(e.assess(applicant(papers={**ALL_PAPERS, "npwp": Paper("npwp", True)}), KUR, huge))
    )


def test_statuses_rule_for_a_stagnant_only_grant():
    grant = Terms.build(scheme_id=2, name="Hibah", family="", amount_min=1_200_000, amount_max=1_200_000,
                        rules=[{"kind": "statuses", "allowed": ["stagnan"]}], documents=[])  # fmt: skip
    assert e.assess(applicant(status="stagnan"), grant, CTX).status == e.ELIGIBLE
    result = e.assess(applicant(status="aktif"), grant, CTX)
    assert result.status == e.NOT_ELIGIBLE and unmet(result) == [
        "Status usaha aktif; skema ini untuk usaha stagnan."
    ]


def test_terms_in_plain_words_and_their_validation():
    texts = e.requirement_texts(KUR.rules, KUR.documents, city="Kota Surakarta")
    assert (
        "Usaha sudah berjalan paling sedikit 6 bulan (cukup 3 bulan bila sudah lulus pelatihan dinas atau didampingi pendamping dinas)."
        in texts
    )
    assert "Dokumen: NPWP bila jumlah di atas Rp50.000.000." in texts
    assert e.validate_terms([{"kind": "min_months", "months": 6}], [{"any": ["nib", "sku"]}]) == []
    assert e.validate_terms([{"kind": "horoscope"}], []) == ["Jenis aturan tidak dikenal: horoscope."]
    assert e.validate_terms([], [{"any": ["ijazah"]}]) == ["Jenis dokumen tidak dikenal: ijazah."]


papers_strategy = st.dictionaries(
    st.sampled_from(["ktp", "kk", "nib", "sku", "npwp"]),
    st.tuples(st.booleans(), st.one_of(st.none(), st.dates(datetime.date(2015, 1, 1), TODAY)),
              st.one_of(st.none(), st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 1, 1))),
              st.one_of(st.none(), st.booleans())),
)  # fmt: skip
MELATI = Terms.build(scheme_id=3, name="Kredit Melati", family="MELATI", amount_min=1_000_000, amount_max=50_000_000,
                     rules=[{"kind": "min_months", "months": 6}, {"kind": "city_resident"}, {"kind": "no_active_credit", "families": []},
                            {"kind": "statuses", "allowed": ["aktif", "stagnan"]}],
                     documents=[{"any": ["ktp"]}, {"any": ["kk"]}, {"any": ["nib", "sku"]}])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    businesses=st.lists(st.tuples(
        st.sampled_from(["baru", "terverifikasi", "ditolak"]), st.sampled_from(["aktif", "stagnan", "tutup"]),
        st.sampled_from(["", "mikro", "kecil", "menengah"]), st.sampled_from(["3372014503850001", "3311014503850001"]),
        st.one_of(st.none(), st.integers(2010, 2026)), st.one_of(st.none(), st.dates(datetime.date(2019, 1, 1), TODAY)),
        st.one_of(st.none(), st.dates(datetime.date(2019, 1, 1), TODAY)), papers_strategy,
        st.sampled_from([(), ("completed_training",), ("mentored",)]), st.sampled_from([(), ("KUR",), ("MELATI",)]),
    ), min_size=1, max_size=12),
)  # fmt: skip
def test_the_group_screening_and_the_explained_path_always_agree(businesses):
    """The column-wise screening of a whole group gives every business the status its explanation
    gives (every rule kind, papers expiring, evidence of business age from every source)."""
    rows, first_turnover, papers, credits, facts, explained = [], {}, {}, {}, {}, {}
    for pk, (
        verification,
        status,
        size,
        nik,
        founded,
        binaan,
        turnover,
        raw_papers,
        held,
        loans,
    ) in enumerate(businesses, 1):
        rows.append((pk, verification, status, size, pk, nik, founded, binaan))
        if turnover:
            first_turnover[pk] = turnover
        papers[pk] = {
            k: Paper(k, v, issued, expires, in_city)
            for k, (v, issued, expires, in_city) in raw_papers.items()
        }
        credits[pk] = tuple(Credit(f, f, TODAY) for f in loans)
        facts[pk] = dict.fromkeys(held, TODAY)
        explained[pk] = Applicant(
            business_id=pk, verification=verification, status=status, size_class=size, nik=nik,
            started=e.business_started(year_founded=founded, binaan_since=binaan, first_turnover=turnover,
                                       papers=papers[pk], today=TODAY),
            papers=papers[pk], facts=facts[pk], credits=credits[pk],
        )  # fmt: skip
    cols = screening.columns(
        rows, first_turnover=first_turnover, papers=papers, credits=credits, facts=facts, ctx=CTX
    )
    for terms in (KUR, MELATI):
        bulk = screening.statuses(cols, terms)
        for (pk, *_rest), status in zip(rows, bulk, strict=True):
            assert status == e.assess(explained[pk], terms, CTX).status
            assert status == e.assess(explained[pk], terms, CTX, explain=False).status
