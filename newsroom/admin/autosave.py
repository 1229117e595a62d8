"""Autosave on the story form: the endpoints the form's script posts to,
the offer to restore a draft, and its end once the editor saves.

The drafts themselves are newsroom.autosave; this module only connects them
to the admin's pages and its role rules.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils import timezone

from newsroom import autosave
from newsroom.core.dates import format_moment
from newsroom.models import AutosavedDraft

RESTORE = "restore-autosave"


class AutosaveAdminMixin:
    change_form_template = "admin/newsroom/article/change_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/autosave/",
                self.admin_site.admin_view(self.autosave_view),
                name=f"{name}_autosave",
            ),
            path(
                "<path:object_id>/autosave/discard/",
                self.admin_site.admin_view(self.discard_autosave_view),
                name=f"{name}_autosave_discard",
            ),
            *super().get_urls(),
        ]

    def _editable_story(self, request, object_id):
        story = self.get_object(request, unquote(object_id))
        if story is None:
            raise Http404("No story here.")
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        return story

    def autosave_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._editable_story(request, object_id)
        try:
            draft = autosave.autosave(
                article=story,
                by=request.user,
                form_class=self.get_form(request, story),
                data=request.POST,
            )
        except autosave.DraftTooLarge:
            return JsonResponse({"error": "Too much text to keep."}, status=400)
        if draft is None:
            return JsonResponse(
                {"error": "you saved the story since; reload it."}, status=409
            )
        saved_at = timezone.localtime(draft.saved_at)
        return JsonResponse(
            {
                "saved_at": saved_at.isoformat(),
                "message": f"Draft kept for you at {saved_at:%H:%M:%S}; "
                "the story is not saved until you press Save.",
                "behind": draft.is_behind,
            }
        )

    def discard_autosave_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self._editable_story(request, object_id)
        autosave.discard(article=story, by=request.user)
        self.message_user(request, "Your unsaved changes were discarded.")
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[story.pk],
            )
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, unquote(object_id))
        context = {**(extra_context or {})}
        if story is not None and request.method == "GET":
            draft = AutosavedDraft.objects.of(article=story, user=request.user).first()
            if draft is not None and RESTORE in request.GET:
                request.autosave_initial = autosave.restored_initial(draft)
            context["autosaved_draft"] = draft
            context["autosaved_at"] = draft and format_moment(draft.saved_at)
            context["autosave_restored"] = draft is not None and RESTORE in request.GET
        if story is not None and self.has_change_permission(request, story):
            context["autosave_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_autosave",
                args=[story.pk],
            )
        return super().change_view(request, object_id, form_url, context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        restored = getattr(request, "autosave_initial", None)
        if restored is None:
            return form

        def __init__(self, *args, **kwargs):
            kwargs["initial"] = {**(kwargs.get("initial") or {}), **restored}
            form.__init__(self, *args, **kwargs)

        return type(form.__name__, (form,), {"__init__": __init__})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved: the editor's draft has served its purpose.
        autosave.discard(article=form.instance, by=request.user)
