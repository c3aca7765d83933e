from django.urls import path

from .views import adoption, owner, public, staff

app_name = "catalogue"
urlpatterns = [
    # The public
    path("", public.home, name="home"),
    path("cari/", public.search, name="search"),
    path("produk/<int:pk>-<slug:slug>/", public.listing_detail, name="listing"),
    path("produk/<int:pk>/foto/<slug:size>.jpg", public.photo, name="photo"),
    path("umkm/<int:pk>-<slug:slug>/", public.business_detail, name="business"),
    # Owners
    path("saya/", owner.my_listings, name="my_listings"),
    path("saya/usaha/<int:pk>/persetujuan/", owner.consent_edit, name="my_consent"),
    path("saya/usaha/<int:pk>/produk-baru/", owner.listing_create, name="my_listing_create"),
    path("saya/produk/<int:pk>/", owner.listing_edit, name="my_listing_edit"),
    path("saya/produk/<int:pk>/ajukan/", owner.listing_submit, name="my_listing_submit"),
    path("saya/produk/<int:pk>/turunkan/", owner.listing_archive, name="my_listing_archive"),
    # Staff
    path("kurasi/", staff.curation_queue, name="curation_queue"),
    path("kurasi/<int:pk>/", staff.curation_detail, name="curation_detail"),
    path("kurasi/<int:pk>/setujui/", staff.curation_approve, name="curation_approve"),
    path("kurasi/<int:pk>/arsipkan/", staff.curation_archive, name="curation_archive"),
    path("laporan/adopsi-digital/", adoption.adoption_report, name="adoption_report"),
    path("laporan/adopsi-digital.xlsx", adoption.adoption_export, name="adoption_export"),
]
