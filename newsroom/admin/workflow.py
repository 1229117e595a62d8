"""The story admin's workflow: role rules, list actions, previews, share links.

Every decision about who may do what is asked of newsroom.permissions, and
every step is carried out by newsroom.services; this module only connects
them to the admin's pages.
"""

import copy

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.text import format_lazy

from newsroom import permissions, services
from newsroom.admin.forms import ArticleAdminForm, ScheduleForm, SendBackForm
from newsroom.core.addresses import absolute_url
from newsroom.core.admin_widgets import EditingAdminMixin, time_zone_note
from newsroom.core.dates import SHORT_DATE, format_moment
from newsroom.models import Article, SendBackNote, ShareLink


class PublicationStateFilter(admin.SimpleListFilter):
    """Scheduled and live are both "published"; editors need them apart."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Live"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "draft" | "review" as status:
                return queryset.filter(status=status)
            case "scheduled":
                return queryset.scheduled(now=now)
            case "live":
                return queryset.published(now=now)
        return queryset


class ShareLinkInline(EditingAdminMixin, admin.TabularInline):
    """Links that let someone without an account read an unpublished story."""

    model = ShareLink
    extra = 0
    fields = ["note", "expires_at", "revoked", "address", "created_by"]
    readonly_fields = ["address", "created_by"]
    verbose_name = "share link"
    verbose_name_plural = "share links (for stories under embargo)"

    @admin.display(description="Address to send")
    def address(self, link):
        if link.pk is None:
            return "Made when you save."
        state = "works" if link.is_active else "closed"
        return format_html(
            '<a href="{0}">{0}</a> ({1})',
            absolute_url(link.get_absolute_url()),
            state,
        )


class ArticleWorkflowMixin:
    form = ArticleAdminForm
    actions = [
        "submit_for_review",
        "send_back",
        "publish_now",
        "schedule",
        "unpublish",
    ]

    # --- Role rules ---------------------------------------------------------

    def get_queryset(self, request):
        # Stories a user may not read are not listed, searched or acted on.
        return permissions.readable_stories(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or permissions.can_read(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete(request.user, obj)

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def has_history_permission(self, request, obj=None):
        return permissions.can_see_history(request.user, obj)

    # A story the user may not read answers 404 on every page about it (the
    # admin's own answer, a redirect with "doesn't exist", would tell a
    # contributor the address is a story).

    def _readable_or_404(self, request, object_id):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No story here.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._readable_or_404(request, object_id)
        story = self.get_object(request, unquote(object_id))
        context = {**(extra_context or {})}
        if story.status == Article.Status.DRAFT:
            # Why an editor sent it back, until the writer submits it again.
            context["send_back_note"] = SendBackNote.objects.latest_for(story)
        return super().change_view(request, object_id, form_url, context)

    def delete_view(self, request, object_id, extra_context=None):
        self._readable_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._readable_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._readable_or_404(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self._readable_or_404(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"editing_user": request.user})

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "preview"]
        if not permissions.can_publish(request.user):
            fields.append("published_at")
        return fields

    def get_fieldsets(self, request, obj=None):
        # The stale check's hidden fields are rendered by the change form
        # template (newsroom.core.concurrency.VersionCheckedAdminMixin).
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        for name, options in fieldsets:
            if name == "Publication":
                options["fields"].append("preview")
                options["description"] = f"Times are in {time_zone_note()}. " + (
                    "A future time schedules the story."
                    if permissions.can_publish(request.user)
                    else "An editor publishes the story once you submit it for review."
                )
        return fieldsets

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is ShareLink:
            for link in formset.save(commit=False):
                if link.pk is None:
                    link.created_by = request.user
                link.save()
            for link in formset.deleted_objects:
                link.delete()
            return
        super().save_formset(request, form, formset, change)

    # --- List and form displays ---------------------------------------------

    @admin.display(description="Publication")
    def publication_state(self, article):
        if article.status != Article.Status.PUBLISHED:
            return article.get_status_display()
        if article.is_public:
            return "Live"
        return format_html(
            "Scheduled for {}",
            format_moment(article.published_at, style=SHORT_DATE),
        )

    @admin.display(
        # Lazy, so the header names the zone in force when the list is shown.
        description=format_lazy(
            "Goes live ({})", lazy(timezone.get_current_timezone_name, str)()
        ),
        ordering="published_at",
    )
    def goes_live(self, article):
        if article.published_at is None:
            return "—"
        return format_moment(article.published_at, style=SHORT_DATE, zone_name=False)

    @admin.display(description="Preview")
    def preview(self, article):
        if article.pk is None:
            return "Save the story to preview it."
        return format_html(
            '<a href="{}" target="_blank">See it as readers will</a>',
            reverse("newsroom:article-preview", kwargs={"pk": article.pk}),
        )

    # --- Actions ------------------------------------------------------------

    def _apply(self, request, queryset, step, done, **options):
        changed, refused = 0, []
        for article in queryset:
            try:
                step(article=article, by=request.user, **options)
            except PermissionDenied as error:
                refused.append(f"“{article}”: {error}")
            except ValidationError as error:
                refused.append(" ".join(error.messages))
            else:
                changed += 1
        if changed:
            noun = "story" if changed == 1 else "stories"
            self.message_user(request, f"{changed} {noun} {done}.", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not changed: {reason}", messages.WARNING)

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request, queryset, services.submit_for_review, "submitted for review"
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._apply(request, queryset, services.publish, "published")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._apply(request, queryset, services.unpublish, "unpublished")

    @admin.action(description="Schedule…", permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            moment = form.cleaned_data["published_at"]
            self._apply(
                request,
                queryset,
                services.schedule,
                f"scheduled for {format_moment(moment, style=SHORT_DATE)}",
                at=moment,
            )
            return None
        return TemplateResponse(
            request,
            "admin/newsroom/article/schedule.html",
            {
                **self.admin_site.each_context(request),
                "title": "Schedule stories",
                "opts": self.model._meta,
                "form": form,
                "media": self.media + form.media,
                "stories": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Send back to the writer…", permissions=["publish"])
    def send_back(self, request, queryset):
        form = SendBackForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(
                request,
                queryset,
                services.send_back,
                "sent back to the writer",
                note=form.cleaned_data["note"],
            )
            return None
        return TemplateResponse(
            request,
            "admin/newsroom/article/send_back.html",
            {
                **self.admin_site.each_context(request),
                "title": "Send stories back to their writers",
                "opts": self.model._meta,
                "form": form,
                "stories": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
