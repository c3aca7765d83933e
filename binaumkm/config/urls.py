from django.conf import settings
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from binaumkm.accounts.views import home
from binaumkm.api.site import api
from binaumkm.catalogue.sitemaps import SITEMAPS
from binaumkm.core.views import healthz, web_manifest

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("binaumkm.accounts.urls")),
    path("", include("binaumkm.registry.urls")),
    path("pelatihan/", include("binaumkm.training.urls")),
    path("kemitraan/", include("binaumkm.partnerships.urls")),
    path("titip-jual/", include("binaumkm.consignment.urls")),
    path("pameran/", include("binaumkm.exhibitions.urls")),
    path("pendampingan/", include("binaumkm.mentoring.urls")),
    path("pembiayaan/", include("binaumkm.financing.urls")),
    path("privasi/", include("binaumkm.privacy.urls")),
    path("katalog/", include("binaumkm.catalogue.urls")),
    path("laporan/", include("binaumkm.reporting.urls")),
    path("data-terbuka/", include("binaumkm.opendata.urls")),
    path("api/v1/", api.urls),
    path("", include("binaumkm.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
