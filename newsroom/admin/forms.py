"""Forms of the story admin: the change form's role rules and the schedule step."""

from django import forms
from django.utils import timezone

from devices import embeds
from newsroom import permissions
from newsroom.admin.writing import StoryBodyWidget
from newsroom.core.admin_widgets import ZonedSplitDateTime, time_zone_note
from newsroom.core.concurrency import VersionCheckedFormMixin
from newsroom.core.date_limits import validate_year
from newsroom.core.pending_uploads import PendingUploadFormMixin

# Shown beside the body field; the embed syntax comes from its one definition.
BODY_HELP = "Markdown. Raw HTML is cleaned: scripts and event handlers are removed. "


class ArticleAdminForm(
    VersionCheckedFormMixin, PendingUploadFormMixin, forms.ModelForm
):
    """The story form, shaped by the role of whoever fills it in.

    `editing_user` is set by the admin on a subclass made per request.
    """

    editing_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].help_text = BODY_HELP + embeds.syntax_help()
            self.fields["body"].widget = StoryBodyWidget(story=self.instance)
        status = self.fields.get("status")
        if status is not None and self.editing_user is not None:
            allowed = permissions.allowed_statuses(self.editing_user)
            status.choices = [
                (value, label) for value, label in status.choices if value in allowed
            ]
            status.error_messages["invalid_choice"] = (
                "Only editors can publish or schedule a story. Save it as a "
                "draft or submit it for review."
            )


class ScheduleForm(forms.Form):
    """The step of the "Schedule" action: when the stories go live."""

    published_at = forms.SplitDateTimeField(
        label="Publish at",
        widget=ZonedSplitDateTime,
        validators=[validate_year],
        help_text="The stories go live by themselves at this time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].help_text += f" {time_zone_note()}."

    def clean_published_at(self):
        moment = self.cleaned_data["published_at"]
        if moment <= timezone.now():
            raise forms.ValidationError("Pick a time in the future.")
        return moment


class SendBackForm(forms.Form):
    """The step of the "Send back" action: what the writer should change."""

    note = forms.CharField(
        label="Note to the writer",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The writer sees it on the story and on their desk.",
    )
