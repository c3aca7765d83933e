from django.urls import path

from .views import bank, catalogue, followups, nominations, owner, public, reports, staff

app_name = "financing"
urlpatterns = [
    # Public catalogue
    path("", public.schemes, name="schemes"),
    path("skema/<slug:code>/", public.scheme_detail, name="scheme_public"),
    # Owner self-service
    path("saya/", owner.my_financing, name="my_financing"),
    path("saya/usaha/<int:pk>/", owner.my_business, name="my_business"),
    path("saya/usaha/<int:pk>/berkas/", owner.my_document_upload, name="my_document_upload"),
    path("saya/usaha/<int:pk>/ajukan/<slug:code>/", owner.my_referral_create, name="my_referral_create"),
    path("saya/rujukan/<int:pk>/", owner.my_referral, name="my_referral"),
    path("saya/rujukan/<int:pk>/<str:action>/", owner.my_referral_step, name="my_referral_step"),
    # Documents (owner and staff), served through the policy
    path("berkas/<int:pk>/", staff.document_file, name="document_file"),
    # Staff
    path("staf/", staff.board, name="board"),
    path("staf/rujukan/<int:pk>/", staff.referral_detail, name="referral_detail"),
    path("staf/rujukan/<int:pk>/<str:action>/", staff.referral_step, name="referral_step"),
    path("rujukan/<int:pk>/surat.pdf", staff.referral_letter, name="referral_letter"),
    path("rujukan/<int:pk>/berkas.zip", staff.referral_bundle, name="referral_bundle"),
    path("staf/umkm/<int:pk>/", staff.business_file, name="business_file"),
    path("staf/umkm/<int:pk>/berkas/", staff.document_upload, name="document_upload"),
    path("staf/umkm/<int:pk>/rujuk/<slug:code>/", staff.referral_create, name="referral_create"),
    path("staf/berkas/<int:pk>/<str:action>/", staff.document_check, name="document_check"),
    path("staf/cek-kelayakan/", staff.precheck, name="precheck"),
    # Catalogue
    path("staf/skema/", catalogue.scheme_list, name="scheme_list"),
    path("staf/skema/baru/", catalogue.scheme_create, name="scheme_create"),
    path("staf/skema/<int:pk>/ubah/", catalogue.scheme_edit, name="scheme_edit"),
    path("staf/penyedia/baru/", catalogue.provider_create, name="provider_create"),
    path("staf/penyedia/<int:pk>/ubah/", catalogue.provider_edit, name="provider_edit"),
    path("staf/penyedia/<int:pk>/kantor/baru/", catalogue.branch_create, name="branch_create"),
    path("staf/kantor/<int:pk>/", catalogue.branch_edit, name="branch_edit"),
    path("staf/kantor/<int:pk>/petugas/", catalogue.branch_officer_add, name="branch_officer_add"),
    path(
        "staf/kantor/<int:pk>/petugas/<int:user_pk>/lepas/",
        catalogue.branch_officer_remove,
        name="branch_officer_remove",
    ),
    # Nomination lists
    path("staf/nominasi/", nominations.nomination_lists, name="nomination_lists"),
    path("staf/nominasi/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("staf/nominasi/<int:pk>/tambah/", nominations.nomination_add, name="nomination_add"),
    path(
        "staf/nominasi/<int:pk>/hapus/<int:item_pk>/", nominations.nomination_remove, name="nomination_remove"
    ),
    path("staf/nominasi/<int:pk>/ekspor.<str:fmt>", nominations.nomination_export, name="nomination_export"),
    # Follow-up after disbursement (staff and mentors)
    path("tindak-lanjut/", followups.followup_list, name="followup_list"),
    path("tindak-lanjut/<int:pk>/", followups.followup_record, name="followup_record"),
    path("tindak-lanjut/<int:pk>/tugaskan/", followups.followup_assign, name="followup_assign"),
    # Reports
    path("staf/laporan/", reports.report, name="report"),
    path("staf/laporan.xlsx", reports.report_export, name="report_export"),
    # Bank officers
    path("bank/", bank.bank_list, name="bank_list"),
    path("bank/rujukan/<int:pk>/", bank.bank_detail, name="bank_detail"),
    path("bank/rujukan/<int:pk>/<str:action>/", bank.bank_step, name="bank_step"),
]
