"""The story form's writing aids: embed picker, embed checks, live preview.

The server side of static/admin/js/writing-aids.js, embed-picker.js and
live-preview.js. The page stays Django's own form: the body widget adds the
toolbar, picker and preview panel hidden (the Markdown help works without
them), and the scripts show them. Two small JSON endpoints answer the
scripts, for people who may write stories only; both only read.
"""

import copy
import re

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.views import View

from devices import embed_picker, embeds
from newsroom import permissions
from newsroom.core.addresses import absolute_url
from newsroom.core.text import clean_prose
from newsroom.markup import WORDS_PER_MINUTE, reading_time, render_markdown

# About as many characters of a headline as search engines show in results.
TITLE_SHOWN = 110
# `![alt](address)`: Markdown's image, whose alt text readers who cannot see
# it are given instead.
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\r\n]*)\]\((?P<src>[^)\s]*)")
SLUG_PLACEHOLDER = "slug-goes-here"

SUGGESTIONS = "newsroom_article_embed_suggestions"
BODY_CHECK = "newsroom_article_body_check"


def may_write(user) -> bool:
    return user.is_active and (
        permissions.can_edit(user) or user.has_perm("newsroom.add_article")
    )


class WritingAidView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_write(request.user):
            return JsonResponse(
                {"error": "Only people who write stories can use this."}, status=403
            )
        return super().dispatch(request, *args, **kwargs)


class EmbedSuggestionsView(WritingAidView):
    """`?q=12S ultra`: the embed lines that name what was typed."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        found = embed_picker.suggest(request.GET.get("q", ""))
        return JsonResponse({"results": [s.as_json() for s in found]})


class BodyCheckView(WritingAidView):
    """A body as typed (POST `body`): each embed line judged as the save will
    judge it, its length and reading time, and images without alt text."""

    http_method_names = ["post", "options"]

    def post(self, request):
        body = clean_prose(request.POST.get("body", ""))
        words, minutes = reading_time(render_markdown(body))
        return JsonResponse(
            {
                "embeds": [
                    {
                        "number": check.number,
                        "line": check.line,
                        "ok": not check.problems,
                        "problems": list(check.problems),
                        "shows": embeds.SHOWS[check.embed.kind] if check.embed else "",
                    }
                    for check in embeds.check_lines(body)
                ],
                "words": words,
                "reading_minutes": minutes,
                "images_without_alt": [
                    m.group("src")
                    for m in MARKDOWN_IMAGE.finditer(body)
                    if not m.group("alt").strip()
                ],
            }
        )


def address_before_slug(story) -> str:
    """The story's public address up to its slug, as it would be today."""
    probe = copy.copy(story)
    probe.slug = SLUG_PLACEHOLDER
    try:
        address = probe.get_absolute_url()
    except (NoReverseMatch, OverflowError):
        # A refused form may carry a date no address can hold (the year
        # 9999, say); the form names that error, the preview uses today.
        probe.published_at = None
        address = probe.get_absolute_url()
    return absolute_url(address).rsplit(SLUG_PLACEHOLDER, 1)[0]


class StoryBodyWidget(AdminTextareaWidget):
    """The body's textarea with the writing aids around it."""

    # Around the form renderer's textarea, from the project's templates.
    aids_template = "admin/newsroom/article/widgets/story_body.html"

    def __init__(self, *, story, attrs=None):
        super().__init__(attrs)
        self.story = story

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        story = self.story
        aids = {
            "field_id": (attrs or {}).get("id", f"id_{name}"),
            "suggestions_url": reverse(f"admin:{SUGGESTIONS}"),
            "check_url": reverse(f"admin:{BODY_CHECK}"),
            "preview_url": (
                reverse("newsroom:article-preview", kwargs={"pk": story.pk})
                if story.pk
                else ""
            ),
            "address": address_before_slug(story),
            "address_is_final": bool(story.published_at),
            "title_shown": TITLE_SHOWN,
            "words_per_minute": WORDS_PER_MINUTE,
            "embed_kinds": [
                {"kind": kind, "shows": shows} for kind, shows in embeds.SHOWS.items()
            ],
        }
        return render_to_string(
            self.aids_template, {"textarea": textarea, "aids": aids}
        )


class WritingAidsAdminMixin:
    """Adds the endpoints and the scripts of the writing aids to the story admin."""

    def get_urls(self):
        def aid(view):
            return self.admin_site.admin_view(view.as_view())

        return [
            path("writing/embeds/", aid(EmbedSuggestionsView), name=SUGGESTIONS),
            path("writing/check/", aid(BodyCheckView), name=BODY_CHECK),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["admin/css/writing-aids.css"]},
            js=[
                "admin/js/writing-aids.js",
                "admin/js/embed-picker.js",
                "admin/js/live-preview.js",
            ],
        )
