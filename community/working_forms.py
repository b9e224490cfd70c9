"""Forms of a working community's document space, meetings and decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from community.attachments import accepted_list, max_attachment_bytes, validate_upload


def _one_line(value: str, message: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(message)
    return value


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Name of the folder"), max_length=120)

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"], _("Give the folder a name."))


class UploadForm(forms.Form):
    """One file, judged by its content like a post's attachments."""

    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s: %(kinds)s. A file of the same name as one in the folder "
            "becomes its new version.") % {"size": filesizeformat(max_attachment_bytes()),
                                            "kinds": accepted_list()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["kind"] = validate_upload(upload, upload.name, upload.size)
            except forms.ValidationError as error:
                self.add_error("file", error)
        return cleaned


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place or video link"), max_length=300, required=False)
    agenda = forms.CharField(label=_("Agenda"), max_length=10000, required=False,
                             widget=forms.Textarea(attrs={"rows": 6}))
    minutes = forms.CharField(label=_("Minutes"), max_length=50000, required=False,
                              widget=forms.Textarea(attrs={"rows": 8}))

    def clean_title(self) -> str:
        return _one_line(self.cleaned_data["title"], _("Give the meeting a title."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A meeting ends after it starts."))
        return cleaned


class DecisionRecordForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Written for the public: once a moderator "
                                          "publishes the decision, anyone reads it."))
    decided_on = forms.DateField(label=_("Decided on"),
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))

    def clean_title(self) -> str:
        return _one_line(self.cleaned_data["title"], _("Give the decision a title."))

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError(_("Write what was decided."))
        return summary
