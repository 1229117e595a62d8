"""Sitemaps for search engines: every public page, and a Google News sitemap.

Only public stories appear (the one publication rule), and only sections,
tags and authors that have one: an empty listing is not worth crawling.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from devices import sitemaps as device_sitemaps
from devices.sitemaps import DeviceSitemap, LaunchEventSitemap
from newsroom.core.addresses import absolute_url
from newsroom.core.sitemaps import SiteSitemap
from newsroom.core.text import for_documents
from newsroom.models import Article, Author, Section, Tag

# Google News reads stories of the last two days, at most 1,000 at a time.
NEWS_WINDOW = timezone.timedelta(days=2)
NEWS_LIMIT = 1000


def with_latest_story(queryset, story_lookup):
    """Only the records with public stories, annotated with the newest one's
    publication time (`story_lookup` leads from a story to the record)."""
    newest = (
        Article.objects.published()
        .filter(**{story_lookup: OuterRef("pk")})
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    return queryset.annotate(latest_story_at=Subquery(newest)).filter(
        latest_story_at__isnull=False
    )


class StorySitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "updated_at", "created_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, story):
        return story.modified_at

    def get_latest_lastmod(self):
        # One query instead of a pass over every story. It may be a little
        # later than any single story's lastmod (an edit too small to count
        # as an update); for the index that only means an early re-crawl.
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), updated=Max("updated_at")
        )
        return max(filter(None, latest.values()), default=None)


class ListingSitemap(SiteSitemap):
    """Pages that list stories: they change when a story is published."""

    model = None
    story_lookup = None

    def items(self):
        return with_latest_story(self.model.objects.all(), self.story_lookup)

    def lastmod(self, record):
        return record.latest_story_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_story_at"))["latest"]


class SectionSitemap(ListingSitemap):
    model = Section
    story_lookup = "section"


class TagSitemap(ListingSitemap):
    model = Tag
    story_lookup = "tags"


class AuthorSitemap(ListingSitemap):
    model = Author
    story_lookup = "bylines__author"


class BrandSitemap(device_sitemaps.BrandSitemap):
    """A brand page changes when one of its devices does, and when a story
    about the brand goes live: the page lists the same stories as its feed
    (`ArticleQuerySet.about_brand`)."""

    def items(self):
        newest_story = (
            Article.objects.published()
            .about_brand(OuterRef("pk"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return super().items().annotate(latest_story_at=Subquery(newest_story))

    def lastmod(self, brand):
        return max(filter(None, (brand.latest, brand.latest_story_at)), default=None)

    def get_latest_lastmod(self):
        return max(filter(None, map(self.lastmod, self.items())), default=None)


class HomeSitemap(SiteSitemap):
    def items(self):
        return ["newsroom:home", "newsroom:archive"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(Max("published_at"))[
            "published_at__max"
        ]


class NewsSitemap(SiteSitemap):
    """Stories of the last two days, for Google News (news:news entries)."""

    limit = NEWS_LIMIT

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now=now)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .only("title", "slug", "published_at", "updated_at", "created_at")
            .order_by("-published_at", "-pk")[: self.limit]
        )

    def lastmod(self, story):
        return story.modified_at

    def get_latest_lastmod(self):
        return max((self.lastmod(story) for story in self.items()), default=None)

    def get_urls(self, *args, **kwargs):
        publication = {
            "name": for_documents(settings.SITE_NAME),
            "language": news_language(),
        }
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["publication"] = publication
            # The template escapes markup; a control character would still
            # make the XML malformed (see newsroom.core.text).
            url["title"] = for_documents(url["item"].title)
        return urls


# The sections of /sitemap.xml, each at /sitemap-<name>.xml.
SITEMAPS = {
    "pages": HomeSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "devices": DeviceSitemap,
    "brands": BrandSitemap,
    "launches": LaunchEventSitemap,
}


def news_language():
    # Google News wants an ISO 639 code; only Chinese keeps its region.
    code = settings.LANGUAGE_CODE.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


@x_robots_tag
def index(request):
    """/sitemap.xml: Django's index view, but with addresses from SITE_URL
    (see `SiteSitemap`) and the Google News sitemap listed too."""
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("sitemap-section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        entries += [
            SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    entries.append(
        SitemapIndexItem(
            absolute_url(reverse("sitemap-news")), NewsSitemap().get_latest_lastmod()
        )
    )
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )
