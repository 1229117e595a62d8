"""Unpublished stories, shown exactly as readers will see them.

Two ways in: staff open `preview/<pk>/` (anyone else gets a 404, so the
address gives nothing away), and people without an account open a share
link an editor made, until it expires or is revoked. The change form's live
preview POSTs the text being typed to `preview/<pk>/`, which shows the story
with it in place of the saved text, saving nothing. Both render the
reader's template with a banner, and tell search engines and caches to keep
the page to themselves.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView

from newsroom import permissions
from newsroom.markup import render_markdown
from newsroom.models import Article, ShareLink

# What the live preview shows as typed; the rest (bylines, tags, the image
# itself) is the story as saved.
UNSAVED_FIELDS = ["title", "dek", "body", "hero_alt", "hero_caption", "hero_credit"]


class PrivateStoryView(DetailView):
    template_name = "newsroom/article_preview.html"
    context_object_name = "article"
    share_link = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_stories"] = Article.objects.published().related_to(self.object)
        context["share_link"] = self.share_link
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response


class ArticlePreviewView(PrivateStoryView):
    def get_queryset(self):
        return Article.objects.for_reading()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not permissions.can_preview(self.request.user, article):
            raise Http404("No story here.")
        return article

    def post(self, request, *args, **kwargs):
        """The story with the change form's unsaved text (nothing is saved)."""
        self.object = self.get_object()
        for name in UNSAVED_FIELDS:
            if name in request.POST:
                setattr(self.object, name, request.POST[name])
        # Cleaned as a save would (CR LF and all), then rendered the same way.
        self.object.clean_text_fields()
        self.object.body_html = render_markdown(self.object.body)
        return self.render_to_response(self.get_context_data(object=self.object))


class SharedArticleView(PrivateStoryView):
    def get(self, request, *args, **kwargs):
        self.share_link = get_object_or_404(
            ShareLink.objects.active().select_related("article"),
            token=kwargs["token"],
        )
        if self.share_link.article.is_public:
            # Once the embargo lifts, the link leads to the public page.
            return redirect(self.share_link.article)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return Article.objects.for_reading().get(pk=self.share_link.article_id)
