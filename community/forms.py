from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from community.attachments import (
    FileKind,
    accepted_list,
    max_attachment_bytes,
    max_attachments_per_post,
    validate_upload,
)
from community.models import MAX_POST_LENGTH, MemberProfile, OrganisationKind
from community.municipality_picker import MunicipalityField
from home.limits import is_locked_out, lockout_message


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    organisation_kind = forms.ChoiceField(label=_("I work for"),
                                          choices=OrganisationKind.choices)
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    consent = forms.BooleanField(label=_("I agree that the platform stores my details to run "
                                         "my account (see the privacy notice)."))

    def clean_email(self) -> str:
        # Whether the address has an account is not said here (the page would tell
        # anyone who has one); the sign-up view tells the owner by e-mail.
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        kind = cleaned.get("organisation_kind")
        if kind == OrganisationKind.MUNICIPALITY and not cleaned.get("municipality"):
            self.add_error("municipality", _("Choose your municipality."))
        if kind and kind != OrganisationKind.MUNICIPALITY and not cleaned.get("organisation"):
            self.add_error("organisation", _("Name your organisation."))
        return cleaned


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's log-in form under the platform's one sign-in lockout (home.limits): after
    repeated failures for one account from one address, it refuses for a cool-off
    period, however the guesses were split between this page and the admin's."""

    throttled = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")

    def clean_username(self) -> str:
        # Accounts are named by their e-mail address, which is stored in lower case.
        return (self.cleaned_data.get("username") or "").strip().lower()

    def clean(self) -> dict[str, Any]:
        if is_locked_out(self.request, self.cleaned_data.get("username", "")):
            self.throttled = True
            # The lockout middleware answers with its page (429), as for the admin.
            self.request.axes_locked_out = True
            raise forms.ValidationError(lockout_message(), code="throttled")
        # authenticate() reports failures and successes to the lockout itself.
        return super().clean()


class ProfileForm(forms.ModelForm):
    municipality = MunicipalityField(label=_("Municipality"), required=False)

    class Meta:
        model = MemberProfile
        fields = ["display_name", "organisation_kind", "municipality", "organisation", "role",
                  "expertise", "listed_as_expert", "bio", "phone", "email_visibility",
                  "phone_visibility", "email_frequency", "language"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    reason = forms.CharField(label=_("Reason (the requester sees it)"), required=False,
                             max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why, so that the requester understands."))
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each is judged by its content (community.attachments).
    Cleans to a list of (file, kind) pairs."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[tuple[UploadedFile, FileKind]]:
        files = [upload for upload in (data if isinstance(data, (list, tuple)) else [data])
                 if upload]
        if len(files) > max_attachments_per_post():
            raise forms.ValidationError(
                _("Attach at most %(count)d files to a post.")
                % {"count": max_attachments_per_post()})
        errors, accepted = [], []
        for upload in files:
            try:
                accepted.append((upload, validate_upload(upload, upload.name, upload.size)))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return accepted


def attachments_help() -> str:
    return _("Up to %(count)d files of at most %(size)s each: %(kinds)s.") % {
        "count": max_attachments_per_post(), "size": filesizeformat(max_attachment_bytes()),
        "kinds": accepted_list()}


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your post"), max_length=MAX_POST_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Markdown: *emphasis*, **bold**, lists, > quotes, "
                                       "`code` and [links](https://example.org)."))
    attachments = AttachmentsField(label=_("Files"))

    def __init__(self, *args: Any, with_attachments: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_attachments:
            self.fields["attachments"].help_text = attachments_help()
        else:
            del self.fields["attachments"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something first."))
        return body


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    field_order = ["title", "body"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the thread a title."))
        return title


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Why should moderators look at this post?"),
                             max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[(name, name) for name in (
        "pin", "unpin", "lock", "unlock", "hide", "restore", "move")])
    note = forms.CharField(required=False, max_length=300)
    target = forms.IntegerField(required=False, min_value=1)
