"""Who may do what to a story: the newsroom's roles, defined once.

Two roles exist as groups (created by a data migration): **Editors** may do
everything; **Contributors** write stories and edit their own while they are
drafts or in review, and ask an editor to publish them. The admin, its list
actions, the services and the preview views all ask the functions below, so
a rule changes here and nowhere else.

The functions test permissions, not group names, so a superuser or an account
given the same permissions by hand behaves like the role it matches.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q, QuerySet

from newsroom.models import Article, Byline

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"

# What each role's group holds: (app label, codename), where "*" is every
# permission of that app, so a model added later is covered from the start.
ROLES = {
    EDITORS: [
        ("newsroom", "*"),
        ("devices", "*"),
        # To link an author to the account they sign in with.
        ("auth", "view_user"),
    ],
    CONTRIBUTORS: [
        ("newsroom", "add_article"),
        ("newsroom", "change_article"),
        ("newsroom", "view_article"),
        ("newsroom", "add_byline"),
        ("newsroom", "change_byline"),
        ("newsroom", "delete_byline"),
        ("newsroom", "view_byline"),
        ("newsroom", "view_correction"),
        ("newsroom", "view_author"),
        ("newsroom", "view_section"),
        ("newsroom", "view_tag"),
        # Contributors say which devices and events their story covers, but
        # do not edit the device and event records themselves.
        ("newsroom", "add_articledevice"),
        ("newsroom", "change_articledevice"),
        ("newsroom", "delete_articledevice"),
        ("newsroom", "view_articledevice"),
        ("newsroom", "add_articlelaunchevent"),
        ("newsroom", "change_articlelaunchevent"),
        ("newsroom", "delete_articlelaunchevent"),
        ("newsroom", "view_articlelaunchevent"),
        # Reading the records a story rests on is part of writing it.
        *[
            ("devices", f"view_{model}")
            for model in [
                "brand",
                "cameramodule",
                "device",
                "devicealias",
                "launchevent",
                "partnership",
                "source",
                "specclaim",
                "specfield",
            ]
        ],
    ],
}


def sync_roles(*, apps=global_apps, using="default"):
    """Give each role's group the permissions ROLES lists (adding, never removing).

    Run by the roles migrations and after every `migrate` (and the test
    runner's flushes), so every database has both groups with their
    permissions, whichever models exist by then.
    """
    # Permissions are normally made once all migrations have run; the roles
    # need them now.
    for app_config in apps.get_app_configs():
        # Migration states hold stubs without `models_module`, which
        # create_permissions takes to mean "no models".
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        for app_label, codename in wanted:
            permissions = Permission.objects.using(using).filter(
                content_type__app_label=app_label
            )
            if codename != "*":
                permissions = permissions.filter(codename=codename)
            group.permissions.add(*permissions)


# The permission that separates the roles: publishing, scheduling,
# unpublishing and post-publication corrections.
PUBLISH = "newsroom.publish_article"
# Editing a story that is not one's own, or one that is already published.
EDIT_OTHERS = "newsroom.edit_others_article"

# Statuses in which a contributor may still change their own story.
CONTRIBUTOR_EDITABLE = frozenset({Article.Status.DRAFT, Article.Status.REVIEW})


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH)


def owns(user, article: Article) -> bool:
    """A story belongs to whoever started it and to every author on its byline."""
    if article.pk is None:
        return True
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit(user, article: Article | None = None) -> bool:
    """May `user` change `article` (or, without one, some story)?"""
    if not (user.is_active and user.has_perm("newsroom.change_article")):
        return False
    if article is None or user.has_perm(EDIT_OTHERS):
        return True
    return article.status in CONTRIBUTOR_EDITABLE and owns(user, article)


def can_delete(user, article: Article | None = None) -> bool:
    return user.is_active and user.has_perm("newsroom.delete_article")


def _may_open_stories(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and (
            user.has_perm("newsroom.view_article")
            or user.has_perm("newsroom.change_article")
        )
    )


def can_read(user, article: Article) -> bool:
    """May `user` open `article` in the admin, its preview or its history list?

    Editors read every story. Contributors read their own and the public
    ones: an editor's draft, story in review or embargoed (scheduled) story
    does not exist for them, so the admin and previews answer 404.
    """
    if not _may_open_stories(user):
        return False
    return user.has_perm(EDIT_OTHERS) or article.is_public or owns(user, article)


def readable_stories(user, stories: QuerySet) -> QuerySet:
    """The stories of `stories` that `user` may read (see `can_read`)."""
    if not _may_open_stories(user):
        return stories.none()
    if user.has_perm(EDIT_OTHERS):
        return stories
    return stories.filter(
        Q(pk__in=Article.objects.published().values("pk"))
        | Q(created_by=user)
        | Q(pk__in=Byline.objects.filter(author__user=user).values("article_id"))
    )


def can_preview(user, article: Article) -> bool:
    """Whoever may read a story in the admin may see how it will look."""
    return can_read(user, article)


def can_see_history(user, article: Article | None = None) -> bool:
    """May `user` see the revisions of `article` (its history, a comparison of
    two revisions, the revert form)?

    Past revisions can hold text that was cut for a reason, so contributors
    see those of their own stories only; editors see every story's.
    """
    if not (user.is_active and user.is_staff):
        return False
    if not (
        user.has_perm("newsroom.view_article")
        or user.has_perm("newsroom.change_article")
    ):
        return False
    return article is None or user.has_perm(EDIT_OTHERS) or owns(user, article)


def allowed_statuses(user) -> list[str]:
    """The statuses `user` may pick for a story in the change form."""
    if can_publish(user):
        return list(Article.Status.values)
    return [
        status for status in Article.Status.values if status in CONTRIBUTOR_EDITABLE
    ]
