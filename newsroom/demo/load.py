from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from devices.models import Device
from newsroom.coverage import sync_coverage
from newsroom.demo import stories as demo
from newsroom.models import Article, ArticleDevice, Author, Byline, Section, Tag


def _ensure_user(*, username, password, superuser, permissions=()):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"is_staff": True, "is_superuser": superuser},
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    if permissions:
        user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user, created


@transaction.atomic
def load_editorial(*, editor_password: str, contributor_password: str) -> list[str]:
    """Create whatever demo content is missing; return what was created."""
    created_names = []

    _, created = _ensure_user(
        username="editor", password=editor_password, superuser=True
    )
    if created:
        created_names.append("user editor")
    _, created = _ensure_user(
        username="contributor",
        password=contributor_password,
        superuser=False,
        permissions=[
            "add_article",
            "change_article",
            "view_article",
            "view_author",
            "view_section",
            "view_tag",
            # Contributors link stories to devices and events, but do not
            # edit the device records themselves.
            "view_device",
            "view_launchevent",
            "add_articledevice",
            "change_articledevice",
            "delete_articledevice",
            "view_articledevice",
            "add_articlelaunchevent",
            "change_articlelaunchevent",
            "delete_articlelaunchevent",
            "view_articlelaunchevent",
        ],
    )
    if created:
        created_names.append("user contributor")

    sections = {}
    for name, slug, description, position in demo.SECTIONS:
        sections[slug], created = Section.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
        if created:
            created_names.append(f"section {slug}")

    tags = {}
    for name, slug in demo.TAGS:
        tags[slug], created = Tag.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
        if created:
            created_names.append(f"tag {slug}")

    authors = {}
    for fields in demo.AUTHORS:
        authors[fields["slug"]], created = Author.objects.get_or_create(
            slug=fields["slug"], defaults=fields
        )
        if created:
            created_names.append(f"author {fields['slug']}")

    for story in demo.STORIES:
        if Article.objects.filter(slug=story["slug"]).exists():
            continue
        article = Article.objects.create(
            slug=story["slug"],
            title=story["title"],
            dek=story["dek"],
            body=story["body"],
            section=sections[story["section"]],
            featured=story.get("featured", False),
            status=story.get("status", Article.Status.PUBLISHED),
            published_at=story["published_at"],
        )
        article.tags.set(tags[slug] for slug in story["tags"])
        for position, author_slug in enumerate(story["authors"]):
            Byline.objects.create(
                article=article, author=authors[author_slug], position=position
            )
        # Devices named by embeds follow the body; the others are linked by hand.
        sync_coverage(article=article)
        for device in Device.objects.filter(slug__in=story.get("devices", [])):
            ArticleDevice.objects.get_or_create(article=article, device=device)
        created_names.append(f"story {story['slug']}")

    return created_names
