"""Stories: the one publication rule, bylines, corrections and coverage."""

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from devices import embeds
from newsroom.core.concurrency import VersionedModel
from newsroom.core.date_limits import validate_year
from newsroom.core.text import CleanTextMixin
from newsroom.markup import render_markdown
from newsroom.models.filing import Section, Tag
from newsroom.models.people import Author

# A story edited within this long of going live is not shown as "updated".
UPDATE_GRACE = timezone.timedelta(minutes=10)
# Related stories are chosen among this many newest stories of each tag.
RELATED_CANDIDATES = 50
# A device's or launch event's page and feed list the newest stories about it
# from among this many most recently written about it.
RECENT_ABOUT_CANDIDATES = 200


def story_vector():
    """What full-text search reads of a story (PostgreSQL): the headline
    weighs most, then the standfirst, then the body; English stemming."""
    return (
        SearchVector("title", weight="A", config="english")
        + SearchVector("dek", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def _month_start(moment):
    """The start of `moment`'s month in the newsroom's time zone."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(
        local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    )


def _add_months(start, count):
    """The start of the month `count` months after the month starting at
    `start` (before it, when negative), in the newsroom's time zone."""
    local = timezone.localtime(start).replace(tzinfo=None)
    year, month = divmod(local.year * 12 + local.month - 1 + count, 12)
    return timezone.make_aware(local.replace(year=year, month=month + 1))


def _month_starts(newest, oldest):
    """Every month start from `newest`'s month back to `oldest`'s."""
    start, last = _month_start(newest), _month_start(oldest)
    while start >= last:
        yield start
        start = _add_months(start, -1)


def created_by_field(**options):
    """The account that made a record, kept if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        **options,
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """The one publication rule: what readers, feeds and search may see.

        A story is public when its status is published and its publication
        time has come. A future `published_at` is a scheduled story; it goes
        live by itself when the clock passes it.
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, *, now=None):
        """Published stories whose time has not come yet: they go live by
        themselves (the other side of `published`)."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def in_status(self, status):
        return self.filter(status=status)

    def owned_by(self, user):
        """Stories `user` started or has a byline on (see permissions.owns)."""
        return self.filter(
            Q(created_by=user)
            | Q(pk__in=Byline.objects.filter(author__user=user).values("article_id"))
        )

    # "Stories about X", one rule each, for pages, feeds and sitemaps alike.
    # `record` may be an OuterRef, so sitemaps can use them in subqueries.

    def about_device(self, device):
        """Stories that cover the device (by an embed or by hand)."""
        return self.filter(devices=device)

    def about_brand(self, brand):
        """Stories about the brand's devices, about devices carrying its
        optics (a camera partnership), or about its launch events."""
        return self.filter(
            Q(devices__brand=brand)
            | Q(devices__cameras__optics_partner=brand)
            | Q(launch_events__brand=brand)
        ).distinct()

    def about_event(self, event):
        """Stories that cover the launch event."""
        return self.filter(launch_events=event)

    def recently_about(self, record, *, candidates=RECENT_ABOUT_CANDIDATES):
        """The stories about a device or launch event (`about_device`,
        `about_event`), tagged with a tag or bylined to an author, among the
        `candidates` most recently written of them: for pages and feeds that
        list the newest, whose cost then stays the same however much has
        been written about the record.

        Sorting every story about a much-covered phone (or with a common
        tag) by date costs more with each story written; its newest links
        are one walk down the (record, story) index. A story written long
        ago and published only now is missed when that many newer ones are
        about the record too.
        """
        links, field = {
            "device": (ArticleDevice, "device"),
            "launchevent": (ArticleLaunchEvent, "launch_event"),
            "tag": (Article.tags.through, "tag"),
            "author": (Byline, "author"),
        }[record._meta.model_name]
        recent = (
            links.objects.filter(**{field: record})
            .order_by("-article_id")
            .values("article_id")[:candidates]
        )
        return self.filter(pk__in=recent)

    def refresh_search_vectors(self) -> int:
        """Recompute the stored search vector of these stories (PostgreSQL;
        elsewhere nothing to do), for rows written without `save()`: a bulk
        import, a script. Returns how many were updated."""
        if connection.vendor != "postgresql":
            return 0
        return self.update(search_vector=story_vector())

    def for_listing(self):
        """Everything a story card shows, in a fixed number of queries."""
        return self.select_related("section").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
        )

    def months(self) -> list:
        """The months these stories were published in, newest first, as the
        aware start of each month in the newsroom's time zone (what
        `datetimes(..., "month")` gives), in three queries whatever the
        archive's size: the newest and the oldest publication times (each a
        walk to one end of the publication-time index), then one EXISTS per
        month between them, each a seek in that index. DISTINCT over
        truncated times reads every story instead: 1.3 s at 100,000."""
        times = self.order_by().values_list("published_at", flat=True)
        newest = times.order_by("-published_at").first()
        if newest is None:
            return []
        oldest = times.order_by("published_at").first()
        starts = list(_month_starts(newest, oldest))
        ends = [_add_months(starts[0], 1), *starts[:-1]]
        flags = {
            f"month_{n}": models.Exists(
                self.order_by().filter(published_at__gte=start, published_at__lt=end)
            )
            for n, (start, end) in enumerate(zip(starts, ends, strict=True))
        }
        found = self.order_by().annotate(**flags).values_list(*flags)[0]
        return [start for start, held in zip(starts, found, strict=True) if held]

    def for_cards(self):
        """`for_listing` without the story's text, which no card shows: a
        listing sorted by the database (a tag's stories, say) carries every
        selected column through the sort, and bodies are most of a row."""
        return self.for_listing().defer("body", "body_html", "search_vector")

    def for_reading(self):
        """Everything the story page shows, in a fixed number of queries."""
        return self.select_related("section").prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("author").prefetch_related(
                    "author__links"
                ),
            ),
            "tags",
            "corrections",
            "devices",
            "launch_events",
        )

    def latest_per_section(self, *, per_section):
        """The newest `per_section` stories of every section, in one query."""
        # For each section, its n-th newest story is one walk down the
        # (section, published_at) index, so the cost follows the number of
        # sections, not the size of the archive.
        newest_in_section = (
            self.filter(section=OuterRef("pk"))
            .order_by("-published_at", "-pk")
            .values("pk")
        )
        picks = [
            Section.objects.order_by()
            .annotate(pick=Subquery(newest_in_section[rank : rank + 1]))
            .values("pick")
            for rank in range(per_section)
        ]
        # One IN list: PostgreSQL reads "IN (a) OR IN (b)" by scanning every
        # story (400 ms at 100,000), one list by looking up its few ids.
        return self.filter(pk__in=picks[0].union(*picks[1:], all=True)).order_by(
            "section__position", "section__name", "-published_at"
        )

    def related_to(self, article, *, limit=4):
        """Stories sharing the most tags with `article`, newest first.

        Only the RELATED_CANDIDATES stories most recently given each of its
        tags are weighed: ranking every story that shares a tag would cost
        more as the archive grows, and readers want recent related news.
        """
        tag_ids = [tag.pk for tag in article.tags.all()]
        if not tag_ids:
            return self.none()
        tagged = Article.tags.through.objects.exclude(article=article)
        candidates = Q()
        for tag_id in tag_ids:
            # A walk down the (tag, article) index, newest story first.
            recent = tagged.filter(tag_id=tag_id).order_by("-article_id")
            recent = recent.values("article_id")[:RELATED_CANDIDATES]
            candidates |= Q(pk__in=recent)
        return (
            self.filter(candidates)
            .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids)))
            .order_by("-shared_tags", "-published_at")[:limit]
        )


# Its revision carries its bylines, corrections and covered devices and
# events (tags are part of its own record), so reverting brings the whole
# story back; the derived HTML and the edit counter are recomputed on save.
@reversion.register(
    follow=["bylines", "corrections", "device_links", "launch_event_links"],
    exclude=["body_html", "search_vector", "version"],
)
class Article(CleanTextMixin, VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the story's address."
    )
    dek = models.CharField(
        "standfirst",
        max_length=300,
        blank=True,
        help_text="One sentence under the headline that says why the story matters.",
    )
    body = models.TextField(
        help_text="Markdown. Raw HTML is cleaned: scripts and event handlers are "
        "removed."
    )
    body_html = models.TextField(editable=False, blank=True)

    hero_image = models.ImageField(upload_to="heroes/%Y/%m/", blank=True)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. "
        "Required with an image.",
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(max_length=120, blank=True)

    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", blank=True
    )
    featured = models.BooleanField(
        default=False,
        help_text="Lead the home page with this story while it is the newest "
        "featured one.",
    )

    # The devices and events the story covers: those its embeds name are kept
    # in step with the body (newsroom.coverage), those added by hand stay.
    devices = models.ManyToManyField(
        "devices.Device", through="ArticleDevice", related_name="articles", blank=True
    )
    launch_events = models.ManyToManyField(
        "devices.LaunchEvent",
        through="ArticleLaunchEvent",
        related_name="articles",
        blank=True,
    )

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_year],
        help_text="When the story goes live. A time in the future schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(
        null=True,
        editable=False,
        help_text="The story's words for full-text search, kept current on save "
        "(PostgreSQL only; empty elsewhere).",
    )
    created_by = created_by_field(
        help_text="Who started the story; a contributor may edit it while it "
        "is a draft or in review."
    )
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = "story"
        verbose_name_plural = "stories"
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish stories"),
            ("edit_others_article", "Can edit stories by anyone, in any status"),
        ]
        # Listings read these backwards: newest first, ties newest pk first
        # (the pk is the last part of every index entry), so no sort is
        # needed, and a deep page or a count walks the index, not the rows.
        indexes = [
            models.Index(
                fields=["status", "published_at"], name="article_public_list_idx"
            ),
            models.Index(
                fields=["section", "status", "published_at"],
                name="article_section_list_idx",
            ),
            # The home page's lead: newest featured public story first.
            models.Index(
                fields=["status", "featured", "-published_at"],
                name="article_lead_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Cleaned first, so the HTML is made from the text that is stored.
        self.clean_text_fields()
        self.body_html = render_markdown(self.body)
        # VersionedModel moves the version on (see newsroom.core.concurrency).
        super().save(*args, **kwargs)
        # The vector is computed by the database from what was just stored.
        type(self).objects.filter(pk=self.pk).refresh_search_vectors()

    def get_absolute_url(self):
        # The date in the address is the newsroom's local date of publication.
        day = timezone.localdate(self.published_at or self.created_at or timezone.now())
        return reverse(
            "newsroom:article-detail",
            kwargs={
                "year": day.year,
                "month": f"{day.month:02d}",
                "day": f"{day.day:02d}",
                "slug": self.slug,
            },
        )

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": "Describe the hero image for readers who cannot see it."}
            )
        try:
            embeds.validate_embeds(self.body)
        except ValidationError as error:
            raise ValidationError({"body": error.messages}) from error

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def was_updated(self):
        # Compared with creation too, so a story imported with an old date
        # does not count as edited.
        if not (self.published_at and self.updated_at and self.created_at):
            return False
        return self.updated_at > max(self.published_at, self.created_at) + UPDATE_GRACE

    @property
    def modified_at(self):
        """The date readers are given as the story's last change: its latest
        edit if it counts as one (see `was_updated`), else its publication.
        Feeds, sitemaps and structured data use it."""
        return self.updated_at if self.was_updated else self.published_at

    @property
    def byline_authors(self):
        return [byline.author for byline in self.bylines.all()]


@reversion.register()
class Byline(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="one_byline_per_author"
            )
        ]
        # An author's newest stories (`recently_about`).
        indexes = [
            models.Index(fields=["author", "-article"], name="author_stories_idx")
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


@reversion.register()
class Correction(CleanTextMixin, models.Model):
    """A change made after publication that readers are told about."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=15, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(help_text="What changed and why, as readers will see it.")
    noted_at = models.DateTimeField(default=timezone.now, validators=[validate_year])

    class Meta:
        ordering = ["noted_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"


class CoverageLink(models.Model):
    """What a story covers. Links with `from_embed` follow the body's embeds
    (newsroom.coverage); the others were added by hand and stay."""

    from_embed = models.BooleanField(
        default=False,
        editable=False,
        help_text="Added because the body embeds it; removed with the embed.",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.covered} in {self.article}"


@reversion.register()
class ArticleDevice(CoverageLink):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="device_links"
    )
    device = models.ForeignKey(
        "devices.Device", on_delete=models.CASCADE, related_name="article_links"
    )

    class Meta:
        verbose_name = "device in this story"
        verbose_name_plural = "devices in this story"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "device"], name="one_link_per_article_device"
            )
        ]
        # A device's newest stories (`recently_about`).
        indexes = [
            models.Index(fields=["device", "-article"], name="device_stories_idx")
        ]

    @property
    def covered(self):
        return self.device


@reversion.register()
class ArticleLaunchEvent(CoverageLink):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="launch_event_links"
    )
    launch_event = models.ForeignKey(
        "devices.LaunchEvent", on_delete=models.CASCADE, related_name="article_links"
    )

    class Meta:
        verbose_name = "launch event in this story"
        verbose_name_plural = "launch events in this story"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "launch_event"], name="one_link_per_article_event"
            )
        ]
        # An event's newest stories (`recently_about`).
        indexes = [
            models.Index(fields=["launch_event", "-article"], name="event_stories_idx")
        ]

    @property
    def covered(self):
        return self.launch_event
