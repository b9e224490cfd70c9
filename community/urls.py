from django.urls import path
from django.utils.translation import pgettext_lazy

from community import views

app_name = "community"



urlpatterns = [
    path(pgettext_lazy("URL path", "account/sign-up/"), views.signup, name="signup"),
    path(pgettext_lazy("URL path", "account/confirm/<str:token>/"), views.confirm,
         name="confirm"),
    path(pgettext_lazy("URL path", "account/sign-in/"), views.LoginView.as_view(),
         name="login"),
    path(pgettext_lazy("URL path", "account/sign-out/"), views.logout_view, name="logout"),
    path(pgettext_lazy("URL path", "account/password/"), views.PasswordResetView.as_view(),
         name="password_reset"),
    path(pgettext_lazy("URL path", "account/password/sent/"),
         views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(pgettext_lazy("URL path", "account/password/<uidb64>/<token>/"),
         views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(pgettext_lazy("URL path", "account/"), views.profile, name="profile"),
    path(pgettext_lazy("URL path", "account/export/"), views.export, name="export"),
    path(pgettext_lazy("URL path", "account/delete/"), views.delete_account, name="delete"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/join/"), views.join, name="join"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/leave/"), views.leave, name="leave"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/requests/<int:membership_id>/"),
         views.decide, name="decide"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/members/<int:membership_id>/remove/"),
         views.remove_member, name="remove_member"),
]
