from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("hasil/", views.outcomes, name="outcomes"),
    path("hasil/unduh/", views.outcomes_export, name="outcomes_export"),
    path("corong/", views.funnel, name="funnel"),
    path("corong/unduh/", views.funnel_export, name="funnel_export"),
    path("perbarui/", views.refresh, name="refresh"),
]
