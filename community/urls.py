from django.urls import path
from django.utils.translation import pgettext_lazy

from community import discussions, invitations, views

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
    path(pgettext_lazy("URL path", "account/tokens/"), views.create_token, name="create_token"),
    path(pgettext_lazy("URL path", "account/tokens/<int:token_id>/revoke/"),
         views.revoke_token, name="revoke_token"),
    path(pgettext_lazy("URL path", "account/notifications/"), views.notifications,
         name="notifications"),
    path(pgettext_lazy("URL path", "unsubscribe/<str:token>/"), views.unsubscribe,
         name="unsubscribe"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/join/"), views.join, name="join"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/leave/"), views.leave, name="leave"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/requests/<int:membership_id>/"),
         views.decide, name="decide"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/members/<int:membership_id>/remove/"),
         views.remove_member, name="remove_member"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/invite/"), invitations.invite,
         name="invite"),
    path(pgettext_lazy("URL path", "invitation/<str:token>/"),
         invitations.accept_invitation, name="accept_invitation"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/threads/new/"),
         discussions.new_thread, name="new_thread"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/threads/<int:thread_id>/"),
         discussions.thread_detail, name="thread"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/threads/<int:thread_id>/reply/"),
         discussions.reply, name="reply"),
    path(pgettext_lazy("URL path", "groups/<int:page_id>/threads/<int:thread_id>/moderate/"),
         discussions.moderate_thread, name="moderate_thread"),
    path(pgettext_lazy("URL path", "posts/<int:post_id>/edit/"), discussions.edit_post,
         name="edit_post"),
    path(pgettext_lazy("URL path", "posts/<int:post_id>/delete/"), discussions.delete_post,
         name="delete_post"),
    path(pgettext_lazy("URL path", "posts/<int:post_id>/report/"), discussions.report_post,
         name="report_post"),
    path(pgettext_lazy("URL path", "posts/<int:post_id>/moderate/"), discussions.moderate_post,
         name="moderate_post"),
]
