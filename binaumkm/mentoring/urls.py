from django.urls import path

from .views import balance, engagements, mentor, owner, staff, supervision

app_name = "mentoring"
urlpatterns = [
    # Back office
    path("staf/", staff.engagement_list, name="engagement_list"),
    path("staf/pendamping/", staff.mentor_list, name="mentor_list"),
    path("staf/pendamping/baru/", staff.mentor_create, name="mentor_create"),
    path("staf/pendamping/<int:pk>/ubah/", staff.mentor_edit, name="mentor_edit"),
    path("staf/program/", staff.programme_list, name="programme_list"),
    path("staf/program/baru/", staff.programme_create, name="programme_create"),
    path("staf/program/<int:pk>/", staff.programme_detail, name="programme_detail"),
    path("staf/program/<int:pk>/sasaran/", staff.goal_template_add, name="goal_template_add"),
    path("staf/templat-sasaran/<int:pk>/hapus/", staff.goal_template_remove, name="goal_template_remove"),
    path("staf/bagi/", balance.balance_start, name="balance_start"),
    path("staf/bagi/<int:pk>/", balance.balance_run, name="balance_run"),
    path("staf/bagi/<int:pk>/konfirmasi/", balance.balance_confirm, name="balance_confirm"),
    path("staf/pengawasan/", supervision.supervision, name="supervision"),
    path("staf/honorarium/", supervision.honorarium, name="honorarium"),
    # One engagement: staff and its mentor
    path("<int:pk>/", engagements.engagement_detail, name="engagement_detail"),
    path("<int:pk>/status/<str:action>/", engagements.engagement_action, name="engagement_action"),
    path("<int:pk>/sesi/", engagements.session_create, name="session_create"),
    path("<int:pk>/kunjungan/", engagements.visit_plan, name="visit_plan"),
    path("<int:pk>/sasaran/", engagements.goal_add, name="goal_add"),
    path("<int:pk>/tugas/", engagements.task_add, name="task_add"),
    path("sasaran/<int:pk>/tercapai/", engagements.goal_met, name="goal_met"),
    path("tugas/<int:pk>/selesai/", engagements.task_done, name="task_done"),
    # The mentor's portal
    path("portal/", mentor.portal, name="portal"),
    # The owner
    path("saya/", owner.my_mentoring, name="my_mentoring"),
    path("saya/<int:pk>/", owner.my_engagement, name="my_engagement"),
    path("saya/sesi/<int:pk>/konfirmasi/", owner.session_confirm, name="session_confirm"),
    path("konfirmasi/<str:token>/", owner.session_confirm_link, name="session_confirm_link"),
]
