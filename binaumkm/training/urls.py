from django.urls import path

from .views import attendance, owner, public, registrations, report, selection, staff

app_name = "training"
urlpatterns = [
    # Owners (and the public batch pages)
    path("", owner.index, name="index"),
    path("tahap/<int:pk>/", owner.batch_detail, name="batch_public"),
    path("pendaftaran/<int:pk>/", owner.my_registration, name="my_registration"),
    path("pendaftaran/<int:pk>/batal/", owner.my_registration_cancel, name="my_registration_cancel"),
    path("pendaftaran/<int:pk>/terima/", owner.offer_accept, name="offer_accept"),
    path("pendaftaran/<int:pk>/tolak/", owner.offer_decline, name="offer_decline"),
    path("pendaftaran/<int:pk>/sertifikat.pdf", owner.my_certificate, name="my_certificate"),
    path("sertifikat/<str:code>/", public.certificate_verify, name="certificate_verify"),
    path("cek-sertifikat/", public.certificate_check, name="certificate_check"),
    # Back office
    path("staf/", staff.programme_list, name="programme_list"),
    path("staf/program/baru/", staff.programme_create, name="programme_create"),
    path("staf/program/<int:pk>/", staff.programme_detail, name="programme_detail"),
    path("staf/program/<int:pk>/ubah/", staff.programme_edit, name="programme_edit"),
    path("staf/program/<int:pk>/hapus/", staff.programme_delete, name="programme_delete"),
    path("staf/program/<int:programme_pk>/tahap/baru/", staff.batch_create, name="batch_create"),
    path("staf/tahap/<int:pk>/", staff.batch_detail, name="batch_detail"),
    path("staf/tahap/<int:pk>/ubah/", staff.batch_edit, name="batch_edit"),
    path("staf/tahap/<int:pk>/hapus/", staff.batch_delete, name="batch_delete"),
    path("staf/tahap/<int:pk>/buka/", staff.batch_open, name="batch_open"),
    path("staf/tahap/<int:pk>/tutup/", staff.batch_close, name="batch_close"),
    path("staf/tahap/<int:pk>/selesai/", staff.batch_finish, name="batch_finish"),
    path("staf/tahap/<int:pk>/sesi/", staff.session_add, name="session_add"),
    path("staf/sesi/<int:pk>/hapus/", staff.session_delete, name="session_delete"),
    path("staf/tahap/<int:pk>/seleksi/", selection.allocation_preview, name="allocation_preview"),
    path("staf/tahap/<int:pk>/seleksi/umumkan/", selection.allocation_publish, name="allocation_publish"),
    path("staf/pendaftaran/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path(
        "staf/pendaftaran/<int:pk>/prioritas/",
        registrations.registration_priority,
        name="registration_priority",
    ),
    path("staf/pendaftaran/<int:pk>/batal/", registrations.registration_cancel, name="registration_cancel"),
    path(
        "staf/pendaftaran/<int:pk>/sertifikat.pdf",
        registrations.registration_certificate,
        name="registration_certificate",
    ),  # fmt: skip
    path("staf/sesi/<int:pk>/hadir/", attendance.session_checkin, name="session_checkin"),
    path("staf/sesi/<int:pk>/hadir/<int:registration_pk>/", attendance.check_in, name="check_in"),
    path("staf/kehadiran/<int:pk>/hapus/", attendance.attendance_undo, name="attendance_undo"),
    path("staf/peserta/<str:code>/", attendance.participant_scan, name="participant_scan"),
    path("staf/pemerataan/", report.coverage, name="coverage"),
    path("staf/pemerataan/ekspor.xlsx", report.coverage_export, name="coverage_export"),
]
