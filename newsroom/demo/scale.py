"""Scale data for the benchmark: many stories, devices and launch events.

Rows go in with bulk_create for speed, but every derived field is filled by
the function the save path uses: body HTML by `render_markdown`, the search
vector by `refresh_search_vectors`, coverage links from
`find_embeds`/`referenced_slugs`, an event's UTC span by its own
`utc_span()`. So pages render from this data exactly as from edited data.
"""

import datetime as dt
import random
from multiprocessing import Pool

from django.db import connection, transaction
from django.utils import timezone

from devices.confidence import Confidence
from devices.embeds import find_embeds, referenced_slugs
from devices.models import (
    CAMERA_FIELDS,
    Brand,
    CameraModule,
    Device,
    LaunchEvent,
    Source,
    SpecClaim,
    SpecField,
)
from devices.scoring import settle_unsettled
from newsroom.demo.stories import SECTIONS
from newsroom.markup import render_markdown
from newsroom.models import (
    Article,
    ArticleDevice,
    ArticleLaunchEvent,
    Author,
    Byline,
    Section,
    Tag,
)

BATCH = 2_000
BRANDS = 40
SECTION_COUNT = 8
TAG_COUNT = 60
AUTHOR_COUNT = 30
# One story in this many is a draft, one in SCHEDULED_EVERY is scheduled.
DRAFT_EVERY = 40
SCHEDULED_EVERY = 200
# A story every this long, newest now: 100,000 stories span about six years.
STORY_INTERVAL = dt.timedelta(minutes=30)
# One story in this many compares the first two devices, so the benchmark's
# device and compare pages list a full page of stories at every size (20 at
# 1,000 stories), and a larger archive adds rows, not work, to those pages.
COVERS_FIRST_DEVICES_EVERY = 50

Group, Kind = SpecField.Group, SpecField.Kind
SPEC_FIELDS = {
    "chipset": (Group.PLATFORM, "Chipset", Kind.TEXT, "", None),
    "screen-size": (Group.DISPLAY, "Screen size", Kind.NUMBER, "in", None),
    "resolution": (Group.DISPLAY, "Resolution", Kind.TEXT, "", None),
    "panel": (Group.DISPLAY, "Panel", Kind.TEXT, "", None),
    "high-refresh-rate": (Group.DISPLAY, "High refresh rate", Kind.BOOLEAN, "", None),
    "refresh-rate": (Group.DISPLAY, "Refresh rate", Kind.NUMBER, "Hz", True),
    "battery": (Group.BATTERY, "Battery capacity", Kind.NUMBER, "mAh", True),
    "weight": (Group.BODY, "Weight", Kind.NUMBER, "g", False),
}
CAMERA_ROLES = [CameraModule.Role.MAIN, CameraModule.Role.ULTRAWIDE]
CAMERA_ROLES += [CameraModule.Role.PERISCOPE]
# Prose for the bodies; "periscope" is the word the benchmark searches for.
WORDS = [
    "sensor", "launch", "leak", "flagship", "battery", "display", "chipset",
    "camera", "zoom", "optics", "periscope", "aperture", "refresh", "panel",
    "charging", "price", "market", "review", "update", "benchmark", "partner",
    "lens", "colour", "software", "series", "model", "announce",
]  # fmt: skip


def device_slug(n):
    return f"bench-device-{n}"


def event_slug(n):
    return f"bench-launch-{n}"


def story_body(n, rng, *, devices, events):
    """Markdown prose with one to four embeds; the first story has all four
    kinds, like the seed story."""
    embed_count = 4 if n == 0 else n % 4 + 1
    lines = []
    kinds = ["event", "specs", "cameras", "compare"]
    for i in range(embed_count):
        kind = kinds[(n + i) % 4] if n else kinds[i]
        one, two = rng.sample(range(devices), 2)
        if i == 0 and n % COVERS_FIRST_DEVICES_EVERY == 25:
            kind, one, two = "compare", 0, 1
        slugs = {
            "event": [event_slug(rng.randrange(events))],
            "specs": [device_slug(one)],
            "cameras": [device_slug(one)],
            "compare": sorted([device_slug(one), device_slug(two)]),
        }[kind]
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        lines += [
            f"Paragraph {i} of story {n}: the *{rng.choice(WORDS)}* news, {words}.",
            f"[[{kind} {' '.join(slugs)}]]",
        ]
    lines.append(f"More on [the {rng.choice(WORDS)}](https://example.com/{n}).")
    return "\n\n".join(lines)


def _render(body):
    return render_markdown(body)


class ScaleData:
    def __init__(self, *, stories, devices, events, seed=0, processes=2, out=None):
        self.story_count = stories
        self.device_count = devices
        self.event_count = events
        self.rng = random.Random(seed)
        self.processes = processes
        self.out = out or (lambda message: None)

    def build(self):
        with transaction.atomic():
            self.make_catalogue()
            self.make_devices()
            self.make_events()
            self.make_filing()
        self.make_stories()
        # The query planner's statistics, as a deployment gathers them
        # (PostgreSQL's autovacuum, SQLite's ANALYZE or PRAGMA optimize):
        # without them SQLite guesses that "published" picks out few stories
        # and walks that index rather than look up a handful of ids.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def make_catalogue(self):
        self.brands = Brand.objects.bulk_create(
            Brand(name=f"Bench brand {n}", slug=f"bench-brand-{n}")
            for n in range(BRANDS)
        )
        self.source = Source.objects.create(
            name="Bench reports", slug="bench-reports", kind=Source.Kind.OUTLET
        )
        self.fields = {}
        for position, (slug, (group, name, kind, unit, better)) in enumerate(
            SPEC_FIELDS.items()
        ):
            self.fields[slug], _ = SpecField.objects.get_or_create(
                slug=slug,
                defaults={
                    "group": group,
                    "name": name,
                    "kind": kind,
                    "unit": unit,
                    "higher_is_better": better,
                    "position": position,
                },
            )
        self.camera_fields = {
            attribute: SpecField.objects.for_camera(attribute)
            for attribute in CAMERA_FIELDS
        }

    def _value(self, field, n):
        if field.kind == Kind.NUMBER:
            return {"value_number": 1 + (n * 37) % 5000}
        if field.kind == Kind.BOOLEAN:
            return {"value_boolean": n % 2 == 0}
        return {"value_text": f"{field.name} {n % 97}"}

    def make_devices(self):
        rng = self.rng
        confidences = list(Confidence.values)
        for start in range(0, self.device_count, BATCH):
            devices = Device.objects.bulk_create(
                Device(
                    brand=self.brands[n % BRANDS],
                    name=f"Bench phone {n}",
                    slug=device_slug(n),
                    status=Device.Status.ANNOUNCED,
                    summary=f"Phone number {n} of the benchmark.",
                )
                for n in range(start, min(start + BATCH, self.device_count))
            )
            cameras = CameraModule.objects.bulk_create(
                CameraModule(
                    device=device,
                    role=role,
                    position=position,
                    optics_partner=self.brands[(device.pk + 1) % BRANDS]
                    if position == 0
                    else None,
                )
                for device in devices
                for position, role in enumerate(CAMERA_ROLES)
            )
            claims = [
                SpecClaim(
                    device=device,
                    field=field,
                    confidence=rng.choice(confidences),
                    source=self.source,
                    stated_on=dt.date(2022, 1, 1) + dt.timedelta(days=device.pk % 700),
                    **self._value(field, device.pk),
                )
                for device in devices
                for field in self.fields.values()
            ]
            claims += [
                SpecClaim(
                    device_id=camera.device_id,
                    camera=camera,
                    field=field,
                    confidence=rng.choice(confidences),
                    source=self.source,
                    **self._value(field, camera.pk),
                )
                for camera in cameras
                for field in self.camera_fields.values()
            ]
            SpecClaim.objects.bulk_create(claims)
        # bulk_create sends no signal: the settlements and scores, once.
        settle_unsettled()
        self.out(f"{self.device_count} devices with claims and cameras")

    def make_events(self):
        events = []
        today = timezone.localdate()
        for n in range(self.event_count):
            event = LaunchEvent(
                brand=self.brands[n % BRANDS],
                title=f"Bench launch {n}",
                slug=event_slug(n),
                start_date=today + dt.timedelta(days=n - self.event_count // 2),
                start_time=dt.time(10, 0) if n % 3 else None,
                duration=dt.timedelta(hours=2) if n % 2 else None,
                time_zone="Asia/Shanghai",
                venue="" if n % 5 == 0 else f"Hall {n % 12}",
            )
            # What LaunchEvent.save() derives.
            event.starts_at, event.ends_at = event.utc_span()
            events.append(event)
        events = LaunchEvent.objects.bulk_create(events)
        first_device = Device.objects.filter(slug=device_slug(0)).values("pk")[0]["pk"]
        LaunchEvent.devices.through.objects.bulk_create(
            LaunchEvent.devices.through(
                launchevent_id=event.pk,
                device_id=first_device + (event.pk * 7) % self.device_count,
            )
            for event in events
        )
        self.out(f"{self.event_count} launch events")

    def make_filing(self):
        names = [name for name, *_ in SECTIONS]
        self.sections = [
            Section.objects.get_or_create(
                slug=f"bench-{n}",
                defaults={"name": f"{names[n % len(names)]} {n}", "position": n},
            )[0]
            for n in range(SECTION_COUNT)
        ]
        self.tags = Tag.objects.bulk_create(
            Tag(name=f"Bench tag {n}", slug=f"bench-tag-{n}") for n in range(TAG_COUNT)
        )
        self.authors = Author.objects.bulk_create(
            Author(name=f"Bench writer {n}", slug=f"bench-writer-{n}")
            for n in range(AUTHOR_COUNT)
        )

    def story_state(self, n, now):
        """(status, published_at): mostly published, some drafts, a few
        scheduled, the newest story last."""
        if n % DRAFT_EVERY == DRAFT_EVERY - 1:
            return Article.Status.DRAFT, None
        if n % SCHEDULED_EVERY == 7:
            return Article.Status.PUBLISHED, now + dt.timedelta(days=1 + n % 30)
        return Article.Status.PUBLISHED, now - STORY_INTERVAL * (n + 1)

    def make_stories(self):
        devices = dict(Device.objects.values_list("slug", "pk"))
        events = dict(LaunchEvent.objects.values_list("slug", "pk"))
        now = timezone.now()
        pool = Pool(self.processes) if self.processes > 1 else None
        try:
            for start in range(0, self.story_count, BATCH):
                numbers = range(start, min(start + BATCH, self.story_count))
                bodies = [
                    story_body(
                        n, self.rng, devices=self.device_count, events=self.event_count
                    )
                    for n in numbers
                ]
                htmls = pool.map(_render, bodies, 100) if pool else map(_render, bodies)
                with transaction.atomic():
                    self._store_stories(
                        numbers, bodies, list(htmls), now, devices, events
                    )
                self.out(f"{numbers[-1] + 1} stories")
        finally:
            if pool:
                pool.close()
                pool.join()

    def _store_stories(self, numbers, bodies, htmls, now, devices, events):
        rng = self.rng
        articles = []
        for n, body, html in zip(numbers, bodies, htmls, strict=True):
            status, published_at = self.story_state(n, now)
            article = Article(
                title=f"Bench story {n}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                slug=f"bench-story-{n}",
                dek=f"Why story {n} matters.",
                body=body,
                body_html=html,
                section=self.sections[n % SECTION_COUNT],
                status=status,
                published_at=published_at,
                featured=n % 50 == 0,
            )
            article.clean_text_fields()
            articles.append(article)
        articles = Article.objects.bulk_create(articles)
        # auto_now fields take the insertion time; a story reads as edited
        # when updated_at is well after published_at, so line them up.
        for article in articles:
            if article.published_at:
                article.created_at = article.updated_at = article.published_at
        Article.objects.bulk_update(articles, ["created_at", "updated_at"])
        # PostgreSQL's search vector, as save() computes it (SQLite's index
        # follows the inserts by itself).
        Article.objects.filter(pk__in=[a.pk for a in articles]).refresh_search_vectors()
        Byline.objects.bulk_create(
            Byline(article=article, author=self.authors[article.pk % AUTHOR_COUNT])
            for article in articles
        )
        # Zero to three tags; the tags are used unevenly, as real ones are.
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=article.pk, tag_id=tag.pk)
            for article in articles
            for tag in set(
                rng.choices(
                    self.tags, weights=range(TAG_COUNT, 0, -1), k=article.pk % 4
                )
            )
        )
        device_links, event_links = [], []
        for article in articles:
            # The coverage rule newsroom.coverage applies on save.
            device_slugs, event_slugs = referenced_slugs(find_embeds(article.body))
            device_links += [
                ArticleDevice(article=article, device_id=devices[s], from_embed=True)
                for s in sorted(device_slugs)
            ]
            event_links += [
                ArticleLaunchEvent(
                    article=article, launch_event_id=events[s], from_embed=True
                )
                for s in sorted(event_slugs)
            ]
        ArticleDevice.objects.bulk_create(device_links)
        ArticleLaunchEvent.objects.bulk_create(event_links)
