from django.urls import path

from .views import owner, staff

app_name = "privacy"
urlpatterns = [
    path("", owner.notice, name="notice"),
    path("setuju/", owner.consent, name="consent"),
    path("data-saya/", owner.my_data, name="my_data"),
    path("data-saya/data-saya.xlsx", owner.my_data_xlsx, name="my_data_xlsx"),
    path("data-saya/data-saya.json", owner.my_data_json, name="my_data_json"),
    path("data-saya/perbaikan/", owner.correction, name="correction"),
    path("data-saya/hapus/", owner.deletion, name="deletion"),
    path("staf/permintaan/", staff.request_queue, name="request_queue"),
    path("staf/permintaan/<int:pk>/", staff.request_detail, name="request_detail"),
    path("staf/permintaan/<int:pk>/proses/", staff.request_start, name="request_start"),
    path("staf/permintaan/<int:pk>/selesai/", staff.request_complete, name="request_complete"),
    path("staf/permintaan/<int:pk>/tolak/", staff.request_reject, name="request_reject"),
    path("staf/persetujuan-kertas/", staff.paper_consent, name="paper_consent"),
    path("admin/log-akses/", staff.access_log, name="access_log"),
    path("admin/pemberitahuan/", staff.notice_publish, name="notice_publish"),
]
