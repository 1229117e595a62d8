from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    ListView,
    MonthArchiveView,
)

from newsroom.core.pagination import BoundedPaginator
from newsroom.listings import public_stories
from newsroom.models import Article, Author, Section, Tag
from newsroom.search import (
    MAX_CANDIDATES,
    MAX_QUERY_LENGTH,
    parse_query,
    record_groups,
    search_stories,
    snippet,
)

SECTION_STORIES_ON_HOME = 3


class StoryListView(ListView):
    """A paginated list of public stories; subclasses narrow it down."""

    paginate_by = settings.NEWSROOM_PAGE_SIZE
    paginator_class = BoundedPaginator
    context_object_name = "stories"

    def get_queryset(self):
        return public_stories()


class HomeView(StoryListView):
    template_name = "newsroom/home.html"

    def get_queryset(self):
        # The newest featured story leads; without one, the newest story.
        # Two index walks rather than one sort over every public story.
        self.lead = (
            public_stories().filter(featured=True).first() or public_stories().first()
        )
        stories = public_stories()
        if self.lead:
            stories = stories.exclude(pk=self.lead.pk)
        return stories

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = self.lead
        context["section_stories"] = (
            Article.objects.published()
            .select_related("section")
            .defer("body", "body_html", "search_vector")
            .latest_per_section(per_section=SECTION_STORIES_ON_HOME)
        )
        return context


class SubjectStoryListView(StoryListView):
    """The stories of one section, tag or author, found by its slug among
    `subjects`; `story_lookup` leads from a story to it (as in the feeds and
    sitemaps), and the page has it under `subject_name`."""

    subjects = None
    subject_name = None
    story_lookup = None

    def get_queryset(self):
        self.subject = get_object_or_404(self.subjects, slug=self.kwargs["slug"])
        return self.stories_of(self.subject)

    def stories_of(self, subject):
        return public_stories().filter(**{self.story_lookup: subject})

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{self.subject_name: self.subject}, **kwargs)


class LinkedStoryListView(SubjectStoryListView):
    """A tag's or author's stories: linked through a table of their own, so
    only as many as the pages can show are weighed (`recently_about`), the
    newest written; a section's are one walk down the stories' own index."""

    def stories_of(self, subject):
        shown = self.paginate_by * self.paginator_class.max_pages
        return public_stories().recently_about(subject, candidates=shown + 1)


class SectionDetailView(SubjectStoryListView):
    template_name = "newsroom/section_detail.html"
    subjects = Section.objects.all()
    subject_name = "section"
    story_lookup = "section"


class TagDetailView(LinkedStoryListView):
    template_name = "newsroom/tag_detail.html"
    subjects = Tag.objects.all()
    subject_name = "tag"
    story_lookup = "tags"


class AuthorDetailView(LinkedStoryListView):
    template_name = "newsroom/author_detail.html"
    subjects = Author.objects.prefetch_related("links")
    subject_name = "author"
    story_lookup = "bylines__author"


class ArticleDateMixin:
    date_field = "published_at"
    month_format = "%m"
    allow_future = False

    def get_queryset(self):
        return public_stories()


class ArticleDetailView(ArticleDateMixin, DateDetailView):
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_reading()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_stories"] = Article.objects.published().related_to(self.object)
        return context


class ArchiveIndex(ArticleDateMixin, ArchiveIndexView):
    date_list_period = "month"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    paginator_class = BoundedPaginator
    context_object_name = "stories"
    template_name = "newsroom/article_archive.html"

    def get_date_list(self, queryset, date_type=None, ordering="DESC"):
        return queryset.months()


class ArchiveMonthView(ArticleDateMixin, MonthArchiveView):
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    context_object_name = "stories"
    template_name = "newsroom/article_archive_month.html"


class SearchView(StoryListView):
    """Stories, devices, brands, launch events and sources matching `?q=`,
    grouped by kind with counts; stories with a marked snippet."""

    template_name = "newsroom/search.html"
    # A search finds at most MAX_CANDIDATES stories, all ranked at once: the
    # page counts them and loads the ones it shows.
    paginator_class = Paginator

    def get_queryset(self):
        self.terms = parse_query(self.request.GET.get("q"))
        self.results = search_stories(self.terms)
        return self.results

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stories = context["stories"]
        for story in stories:
            story.snippet = snippet(story, self.terms)
        groups = record_groups(self.terms) if self.terms.include else []
        return {
            **context,
            "query": self.terms.text,
            "terms": self.terms,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": self.results,
            "max_candidates": MAX_CANDIDATES,
            "groups": groups,
            "devices": groups[0].items if groups else [],
        }
