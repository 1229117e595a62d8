from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from devices.demo import demo_revision
from devices.embeds import find_embeds, referenced_slugs
from devices.models import Device
from newsroom import permissions, services
from newsroom.core.illustrations import card
from newsroom.core.images import make_renditions
from newsroom.demo import stories as demo
from newsroom.models import Article, ArticleDevice, Author, Byline, Section, Tag


def _ensure_user(*, username, password, role):
    """A staff account in one role (a group made by the roles migration)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"is_staff": True}
    )
    if created or not user.check_password(password) or user.is_superuser:
        # The demo shows the roles at work, so no demo account bypasses them.
        user.set_password(password)
        user.is_superuser = False
        user.save()
    user.groups.add(Group.objects.get(name=role))
    return user, created


# Hero cards take the colour of the story's section.
SECTION_COLOURS = {"news": "#1d4ed8", "phones": "#ff6900", "cameras": "#b91c1c"}


def _draw_hero(article, *, section_name):
    """A typographic hero card for a demo story: its headline on a coloured
    ground, plainly an illustration. Set before the story is written, so its
    first revision holds it."""
    colour = SECTION_COLOURS.get(article.section.slug, "#374151")
    picture = card(article.title, colour=colour, label=section_name, size=(1440, 810))
    article.hero_image.save(f"{article.slug}.jpg", ContentFile(picture), save=False)
    article.hero_alt = (
        f"Illustration: a coloured card with the headline “{article.title}”"
    )
    article.hero_caption = ""
    article.hero_credit = "Illustration"


@transaction.atomic
def load_editorial(*, editor_password: str, contributor_password: str) -> list[str]:
    """Create whatever demo content is missing; return what was created."""
    created_names = []

    _, created = _ensure_user(
        username="editor", password=editor_password, role=permissions.EDITORS
    )
    if created:
        created_names.append("user editor")
    contributor, created = _ensure_user(
        username="contributor",
        password=contributor_password,
        role=permissions.CONTRIBUTORS,
    )
    if created:
        created_names.append("user contributor")

    sections = {}
    for name, slug, description, position in demo.SECTIONS:
        with demo_revision():
            sections[slug], created = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "position": position,
                },
            )
        if created:
            created_names.append(f"section {slug}")

    tags = {}
    for name, slug in demo.TAGS:
        with demo_revision():
            tags[slug], created = Tag.objects.get_or_create(
                slug=slug, defaults={"name": name}
            )
        if created:
            created_names.append(f"tag {slug}")

    authors = {}
    for fields in demo.AUTHORS:
        with demo_revision():
            author, created = Author.objects.get_or_create(
                slug=fields["slug"], defaults=fields
            )
            # The contributor writes as one of the demo authors, so the
            # stories on that byline are theirs (part of the first revision,
            # so restoring it keeps them theirs).
            if author.slug == demo.CONTRIBUTOR_AUTHOR and author.user_id is None:
                author.user = contributor
                author.save()
        authors[author.slug] = author
        if created:
            created_names.append(f"author {fields['slug']}")

    for story in demo.STORIES:
        if Article.objects.filter(slug=story["slug"]).exists():
            continue
        article = Article(
            slug=story["slug"],
            title=story["title"],
            dek=story["dek"],
            body=story["body"],
            section=sections[story["section"]],
            featured=story.get("featured", False),
            status=story.get("status", Article.Status.PUBLISHED),
            published_at=story["published_at"],
        )
        _draw_hero(article, section_name=sections[story["section"]].name)
        services.write_story(
            article=article,
            by=None,
            comment="Loaded with the demo",
            save_parts=partial(_save_demo_parts, article, story, tags, authors),
        )
        make_renditions(article.hero_image)
        created_names.append(f"story {story['slug']}")

    return created_names


def _save_demo_parts(article, story, tags, authors):
    article.tags.set(tags[slug] for slug in story["tags"])
    for position, author_slug in enumerate(story["authors"]):
        Byline.objects.create(
            article=article, author=authors[author_slug], position=position
        )
    # Devices named by embeds follow the body; the others are linked by hand.
    embedded, _ = referenced_slugs(find_embeds(article.body))
    by_hand = set(story.get("devices", [])) - set(embedded)
    for device in Device.objects.filter(slug__in=by_hand):
        ArticleDevice.objects.get_or_create(article=article, device=device)
