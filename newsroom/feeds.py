"""Story feeds: the whole site, and each section, tag and author.

Each class below only says which stories it holds and what it is called;
`StoryFeed` turns stories into items once, for RSS, Atom and JSON Feed alike
(the format is chosen in the URLconf, see `newsroom.core.feeds.feed_paths`).
"""

import mimetypes

from django.conf import settings
from django.db.models import Max, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape

from devices.models import Brand, Device
from newsroom.core.addresses import absolute_url, tag_uri
from newsroom.core.feeds import SubscriberFeed
from newsroom.markup import absolutise_html, render_bodies
from newsroom.models import Article, Author, Section, Tag

# Enough for a reader who checks once a day on a busy news day.
FEED_SIZE = 30


class StoryFeed(SubscriberFeed):
    """The newest public stories of the whole site; subclasses narrow it."""

    def stories(self, subject):
        """The public stories this feed draws from (the one publication rule)."""
        return Article.objects.published()

    def item_versions(self, subject):
        # Any save counts here, even one too small to show readers as an
        # update: the feed's content changed, so must its validators. So
        # does a change to a device or event a story covers, since its
        # embeds show their current data.
        # The newest FEED_SIZE stories are picked first (an index walk), and
        # only their covered records are grouped: grouping before the limit
        # would read the whole archive on every poll.
        picked = self.stories(subject).order_by("-published_at", "-pk")
        picked = picked.values("pk")[:FEED_SIZE]
        newest = (
            Article.objects.filter(pk__in=picked)
            .annotate(
                devices_changed=Max("devices__updated_at"),
                events_changed=Max("launch_events__updated_at"),
            )
            .order_by("-published_at", "-pk")
        )
        return [
            (pk, max(filter(None, changes)))
            for pk, *changes in newest.values_list(
                "pk", "published_at", "updated_at", "devices_changed", "events_changed"
            )
        ]

    def label_versions(self, subject, versions):
        # Items show their section, tags and authors by name, and the channel
        # its subject: a rename must change the validators. One query.
        labels = []
        if subject is not None:
            labels.append(
                (subject._meta.label, subject.pk, getattr(subject, "version", None))
            )
        ids = [pk for pk, _ in versions]
        if not ids:
            return labels
        named = [
            model.objects.order_by()
            .filter(articles__in=ids)
            .annotate(kind=Value(model._meta.label))
            .values_list("kind", "pk", "version")
            for model in (Section, Tag, Author)
        ]
        return labels + list(named[0].union(*named[1:]))

    def items(self, channel):
        stories = list(
            Article.objects.published()
            .filter(pk__in=channel.item_ids)
            .for_listing()
            .prefetch_related("corrections")
            .order_by("-published_at", "-pk")
        )
        # One call for the whole feed, so embeds cost the same few queries
        # however many stories the feed holds.
        bodies = render_bodies(stories, plain=True)
        for story in stories:
            story.feed_html = absolutise_html(
                render_to_string(
                    "newsroom/feeds/article_content.html",
                    {"article": story, "body": bodies[story.pk]},
                ),
                base=self.item_link(story),
            )
        return stories

    # The channel

    def title(self, channel):
        subject = channel.subject
        return f"{settings.SITE_NAME}: {subject}" if subject else settings.SITE_NAME

    def link(self, channel):
        subject = channel.subject
        page = subject.get_absolute_url() if subject else reverse("newsroom:home")
        return absolute_url(page)

    def description(self, channel):
        return f"The latest stories from {settings.SITE_NAME}."

    # Each item

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        # RSS descriptions and Atom summaries are HTML; the standfirst is text.
        return escape(story.dek or story.title)

    def item_guid(self, story):
        return tag_uri("story", story.pk, story.created_at)

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.modified_at

    def item_categories(self, story):
        names = [story.section.name, *(tag.name for tag in story.tags.all())]
        return list(dict.fromkeys(names))

    def item_enclosures(self, story):
        if not story.hero_image:
            return []
        mime_type, _ = mimetypes.guess_type(story.hero_image.name)
        try:
            # The real size from storage: readers trust the declared length.
            length = story.hero_image.size
        except OSError:
            # A missing file gets no enclosure rather than a false one.
            return []
        return [
            Enclosure(
                absolute_url(story.hero_image.url),
                str(length),
                mime_type or "application/octet-stream",
            )
        ]

    def item_extra_kwargs(self, story):
        return {
            "content_html": story.feed_html,
            "summary": story.dek,
            "authors": [
                (author.name, absolute_url(author.get_absolute_url()))
                for author in story.byline_authors
            ],
        }


class SubjectFeed(StoryFeed):
    """The stories about one record, found by its slug: its `model`, and the
    `story_lookup` that leads from a story to it (as in the sitemaps)."""

    model = None
    story_lookup = None

    def get_object(self, request, slug):
        return self.model.objects.get(slug=slug)

    def stories(self, subject):
        return self.about(super().stories(subject), subject)

    def about(self, stories, subject):
        """Which of `stories` are about `subject`."""
        return stories.filter(**{self.story_lookup: subject})


class SectionFeed(SubjectFeed):
    model = Section
    story_lookup = "section"

    def description(self, channel):
        section = channel.subject
        return section.description or f"The latest {section.name} stories."


class TagFeed(SubjectFeed):
    model = Tag
    story_lookup = "tags"

    def about(self, stories, tag):
        return stories.recently_about(tag)

    def title(self, channel):
        return f"{settings.SITE_NAME}: stories tagged {channel.subject.name}"

    def description(self, channel):
        return f"The latest stories tagged {channel.subject.name}."


class AuthorFeed(SubjectFeed):
    model = Author
    story_lookup = "bylines__author"

    def about(self, stories, author):
        return stories.recently_about(author)

    def title(self, channel):
        return f"{settings.SITE_NAME}: stories by {channel.subject.name}"

    def description(self, channel):
        author = channel.subject
        return author.bio or f"The latest stories by {author.name}."


class DeviceFeed(SubjectFeed):
    model = Device

    def about(self, stories, device):
        return stories.recently_about(device)

    def description(self, channel):
        return f"The latest stories about the {channel.subject.name}."


class BrandFeed(SubjectFeed):
    """Stories about the brand's devices, devices with its optics, or its
    launch events: the same stories as the brand's page."""

    model = Brand

    def about(self, stories, brand):
        return stories.about_brand(brand)

    def description(self, channel):
        return f"The latest stories about {channel.subject.name} devices and launches."
