from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views, views_admin, views_second_factor
from .forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("pengguna/", views_admin.user_list, name="user_list"),
    path("pengguna/<int:pk>/tautan/", views_admin.user_invite, name="user_invite"),
    path("peran/", views_admin.role_list, name="role_list"),
    path("peran/<str:role>/", views_admin.role_edit, name="role_edit"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("dua-langkah/", views_second_factor.second_factor_verify, name="second_factor"),
    path("dua-langkah/pasang/", views_second_factor.second_factor_setup, name="second_factor_setup"),
    path(
        "sandi/ubah/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_form.html",
            form_class=PasswordChangeForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_change_done",
    ),
    path(
        "sandi/lupa/",
        views.PasswordResetView.as_view(
            template_name="accounts/password_form.html",
            form_class=PasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_form.html",
            form_class=SetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_done.html"),
        name="password_reset_complete",
    ),
]
