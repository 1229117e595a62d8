"""Compare two revisions of a record from its admin history.

django-reversion keeps the revisions and gives the history, revert and
recover pages; this adds the one thing it leaves out, a page showing what
changed between two revisions. (django-reversion-compare does that too, but
it is GPL-3.0 licensed, which does not fit a BSD-licensed project, and it
brings in a terminal-output library the site never uses.)

Nothing here imports models, so the devices admin uses it as well.
"""

import itertools

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from reversion.models import Version

from newsroom.core.revision_diff import UNREADABLE, field_changes, related_changes


class CompareForm(forms.Form):
    """The two revisions picked on the history page, by their version ids."""

    # Bounded, so a huge number is a form error rather than a database one.
    from_ = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    to = forms.IntegerField(min_value=1, max_value=2**31 - 1)

    def __init__(self, data):
        # `from` is a keyword in Python, not in a query string.
        super().__init__({"from_": data.get("from"), "to": data.get("to")})


class RevisionCompareMixin:
    """For django-reversion's VersionAdmin: a history page to pick two
    revisions from, and `<id>/history/compare/?from=<version>&to=<version>`.

    Who may see a record's revisions is `has_history_permission`; the
    history, compare and revert pages all ask it.
    """

    object_history_template = "admin/revision_compare/object_history.html"
    compare_template = None

    def has_history_permission(self, request, obj=None):
        return self.has_view_or_change_permission(request, obj)

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        # Ahead of the admin's catch-all "<object_id>/" redirect.
        return [compare, *super().get_urls()]

    def _admin_url(self, name, *args):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
        )

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related(
            "revision", "revision__user"
        )

    # --- History ------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            # The admin's own answer: back to the index with a message.
            return super().history_view(request, object_id, extra_context)
        if not self.has_history_permission(request, obj):
            raise PermissionDenied
        versions = list(self._versions(obj).order_by("pk"))
        previous = {}
        for earlier, later in itertools.pairwise(versions):
            previous[later.pk] = earlier.pk
        # django-reversion's list (oldest first, as it and Django show it),
        # plus what the compare form needs.
        action_list = [
            {
                "revision": version.revision,
                "url": self._admin_url("revision", quote(obj.pk), version.pk),
                "version_id": version.pk,
                "previous_id": previous.get(version.pk),
            }
            for version in versions
        ]
        context = {
            "action_list": action_list,
            "compare_url": self._admin_url("compare", quote(obj.pk)),
            # Preselected: the latest change.
            "compare_to": versions[-1].pk if versions else None,
            "compare_from": previous.get(versions[-1].pk) if versions else None,
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # The revert form shows a past revision in full.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_history_permission(request, obj):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    # --- Compare ------------------------------------------------------------

    def compare_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {opts.verbose_name} with this ID.")
        if not self.has_history_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to “{obj}”",
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "module_name": capfirst(opts.verbose_name_plural),
            "object": obj,
            "history_url": self._admin_url("history", quote(obj.pk)),
            **(extra_context or {}),
        }
        form = CompareForm(request.GET)
        if not form.is_valid():
            context["error"] = (
                "Pick two revisions to compare on the history page: the address "
                "needs ?from= and ?to= with the numbers of two of its revisions."
            )
            return self._render_compare(request, context, status=400)
        wanted = {form.cleaned_data["from_"], form.cleaned_data["to"]}
        found = self._versions(obj).in_bulk(wanted)
        if len(found) != len(wanted):
            raise Http404(f"No such revision of this {opts.verbose_name}.")
        # Older first, whichever order they were picked in.
        old = found[min(wanted)]
        new = found[max(wanted)]
        context.update(
            old=old,
            new=new,
            revision_pair=[("Before", old), ("After", new)],
            revert_url=self._admin_url("revision", quote(obj.pk), old.pk),
        )
        try:
            context["field_changes"], context["unchanged"] = field_changes(
                self.model, old.field_dict, new.field_dict
            )
            context["related_changes"] = related_changes(old, new, parent=self.model)
        except UNREADABLE as error:
            context["error"] = f"These revisions cannot be compared: {error}"
        return self._render_compare(request, context)

    def _render_compare(self, request, context, status=200):
        opts = self.model._meta
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            self.compare_template
            or [
                f"admin/{opts.app_label}/{opts.model_name}/revision_compare.html",
                f"admin/{opts.app_label}/revision_compare.html",
                "admin/revision_compare/compare.html",
            ],
            context,
            status=status,
        )
