from django.urls import path

from . import views, views_dashboard

app_name = "reporting"

urlpatterns = [
    path("hasil/", views.outcomes, name="outcomes"),
    path("hasil/unduh/", views.outcomes_export, name="outcomes_export"),
    path("corong/", views.funnel, name="funnel"),
    path("corong/unduh/", views.funnel_export, name="funnel_export"),
    path("dasbor/", views_dashboard.dashboard, name="dashboard"),
    path("dasbor/unduh.pdf", views_dashboard.dashboard_pdf, name="dashboard_pdf"),
    path("dasbor/unduh.xlsx", views_dashboard.dashboard_xlsx, name="dashboard_xlsx"),
    path("perbarui/", views.refresh, name="refresh"),
]
