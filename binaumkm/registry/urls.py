from django.urls import path

from .views import area_map, import_steps, imports, owner, presences, staff

app_name = "registry"
urlpatterns = [
    # Owner self-service
    path("daftar/", owner.signup, name="signup"),
    path("daftar/terkirim/", owner.signup_done, name="signup_done"),
    path("daftar/klaim/", owner.claim, name="claim"),
    path("usaha-saya/", owner.my_businesses, name="my_businesses"),
    path("usaha-saya/baru/", owner.business_create, name="my_business_create"),
    path("usaha-saya/<int:pk>/", owner.business_detail, name="my_business_detail"),
    path("usaha-saya/<int:pk>/ubah/", owner.business_edit, name="my_business_edit"),
    path("usaha-saya/<int:pk>/produk/baru/", owner.product_create, name="my_product_create"),
    path("usaha-saya/<int:pk>/produk/<int:product_pk>/ubah/", owner.product_edit, name="my_product_edit"),
    path(
        "usaha-saya/<int:pk>/produk/<int:product_pk>/hapus/", owner.product_delete, name="my_product_delete"
    ),
    path("usaha-saya/<int:pk>/omzet/", owner.turnover, name="my_turnover"),
    path("usaha-saya/<int:pk>/linimasa/", owner.business_timeline, name="my_business_timeline"),
    path("usaha-saya/<int:pk>/online/", presences.my_presences, name="my_presences"),
    path(
        "usaha-saya/<int:pk>/online/<int:presence_pk>/masih-aktif/",
        presences.my_presence_confirm,
        name="my_presence_confirm",
    ),
    # Staff back office
    path("staf/", staff.dashboard, name="staff_dashboard"),
    path("staf/umkm/", staff.business_list, name="business_list"),
    path("staf/peta/", area_map.area_map, name="area_map"),
    path("staf/umkm/ekspor.<str:fmt>", staff.business_export, name="business_export"),
    path("staf/umkm/baru/", staff.business_create, name="business_create"),
    path("staf/umkm/<int:pk>/", staff.business_detail, name="business_detail"),
    path("staf/umkm/<int:pk>/ubah/", staff.business_edit, name="business_edit"),
    path("staf/umkm/<int:pk>/verifikasi/", staff.business_verify, name="business_verify"),
    path("staf/umkm/<int:pk>/tolak/", staff.business_reject, name="business_reject"),
    path("staf/umkm/<int:pk>/status/", staff.business_status, name="business_status"),
    path("staf/umkm/<int:pk>/riwayat/", staff.business_history, name="business_history"),
    path("staf/umkm/<int:pk>/linimasa/", staff.business_timeline, name="business_timeline"),
    path("staf/pemilik/<int:pk>/ubah/", staff.owner_edit, name="owner_edit"),
    path("staf/pemilik/<int:pk>/nik/", staff.owner_nik_reveal, name="owner_nik_reveal"),
    path("staf/pemilik/<int:pk>/slip-klaim.pdf", staff.owner_claim_slip, name="owner_claim_slip"),
    path("staf/online/sesi/", presences.presence_session, name="presence_session"),
    path("staf/online/<int:pk>/verifikasi/", presences.presence_verify, name="presence_verify"),
    path("online/<int:pk>/bukti/", presences.presence_evidence, name="presence_evidence"),
    # Excel import
    path("staf/impor/", imports.import_start, name="import_start"),
    path("staf/impor/templat.xlsx", imports.import_template, name="import_template"),
    path("staf/impor/<int:pk>/", imports.import_detail, name="import_detail"),
    path("staf/impor/<int:pk>/progres/", imports.import_progress, name="import_progress"),
    path("staf/impor/<int:pk>/jalankan/", imports.import_commit, name="import_commit"),
    path("staf/impor/<int:pk>/pemetaan/", import_steps.import_mapping, name="import_mapping"),
    path("staf/impor/<int:pk>/sektor/", import_steps.import_sectors, name="import_sectors"),
    path("staf/impor/kata-kunci-sektor/", import_steps.sector_keywords, name="sector_keywords"),
    path(
        "staf/impor/kata-kunci-sektor/<int:pk>/hapus/",
        import_steps.sector_keyword_delete,
        name="sector_keyword_delete",
    ),
]
