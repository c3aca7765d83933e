from django.urls import path

from .views import common, letters, matching, owner, staff, store

app_name = "partnerships"
urlpatterns = [
    # Staff back office
    path("staf/", staff.dashboard, name="dashboard"),
    path("staf/toko/baru/", staff.store_create, name="store_create"),
    path("staf/toko/<int:pk>/", staff.store_detail, name="store_detail"),
    path("staf/toko/<int:pk>/ubah/", staff.store_edit, name="store_edit"),
    path("staf/toko/<int:pk>/riwayat/", staff.store_history, name="store_history"),
    path("staf/toko/<int:pk>/pengelola/", staff.manager_add, name="manager_add"),
    path("staf/toko/<int:pk>/pengelola/<int:user_pk>/lepas/", staff.manager_remove, name="manager_remove"),
    path("staf/toko/<int:pk>/kemitraan/baru/", staff.partnership_create, name="partnership_create"),
    path("staf/toko/<int:pk>/surat/", letters.letter_create, name="letter_create"),
    path("staf/toko/<int:pk>/cocokkan/", matching.match_store, name="match_store"),
    path("staf/cocokkan/", matching.match_all, name="match_all"),
    path("staf/pencocokan/<int:pk>/", matching.match_run, name="match_run"),
    path("staf/pencocokan/<int:pk>/tawarkan/", matching.match_offers, name="match_offers"),
    path("staf/kemitraan/<int:pk>/", staff.partnership_detail, name="partnership_detail"),
    path("staf/kemitraan/<int:pk>/ubah/", staff.partnership_edit, name="partnership_edit"),
    path("staf/kemitraan/<int:pk>/<str:action>/", staff.partnership_action, name="partnership_action"),
    path("staf/surat/", letters.letter_list, name="letter_list"),
    path("staf/surat/<int:pk>/status/", letters.letter_status, name="letter_status"),
    path("staf/cari-umkm/", staff.business_search, name="business_search"),
    # Shared downloads (scoped by selectors)
    path("surat/<int:pk>.pdf", letters.letter_pdf, name="letter_pdf"),
    path("perjanjian/<int:pk>.pdf", common.agreement_download, name="agreement"),
    # Store-partner portal
    path("toko/", store.portal, name="portal"),
    path("toko/<int:pk>/", store.store_home, name="store_home"),
    path("toko/<int:pk>/kemitraan/<int:ppk>/konfirmasi/", store.confirm, name="store_confirm"),
    path("toko/<int:pk>/kemitraan/<int:ppk>/tolak/", store.decline, name="store_decline"),
    path("toko/<int:pk>/kemitraan/<int:ppk>/pajang/", store.display, name="store_display"),
    path("toko/<int:pk>/kemitraan/<int:ppk>/akhiri/", store.end, name="store_end"),
    path("toko/<int:pk>/kemitraan/<int:ppk>/perjanjian/", store.agreement, name="store_agreement"),
    # Owners
    path("usaha-saya/", owner.my_offers, name="my_offers"),
    path("usaha-saya/<int:pk>/", owner.offer_detail, name="my_offer"),
    path("usaha-saya/<int:pk>/terima/", owner.offer_accept, name="my_offer_accept"),
    path("usaha-saya/<int:pk>/tolak/", owner.offer_decline, name="my_offer_decline"),
]
