from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.jsonld", views.dcat, name="dcat"),
    path("api/3/action/package_list", views.ckan_package_list, name="ckan_package_list"),
    path("api/3/action/package_show", views.ckan_package_show, name="ckan_package_show"),
    path(
        "api/3/action/current_package_list_with_resources",
        views.ckan_current_package_list,
        name="ckan_current_package_list",
    ),
    path("api/3/action/help_show", views.ckan_help, name="ckan_help"),
    path("<slug:key>/", views.detail, name="detail"),
    path("<slug:key>/rilis/", views.release_create, name="release_create"),
    path("<slug:key>/terbaru.<str:fmt>", views.download_latest, name="download_latest"),
    path("<slug:key>/v<int:version>.<str:fmt>", views.download, name="download"),
]
