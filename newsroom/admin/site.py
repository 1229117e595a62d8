from django.contrib import admin
from reversion.admin import VersionAdmin

from newsroom import services
from newsroom.admin.autosave import AutosaveAdminMixin
from newsroom.admin.workflow import (
    ArticleWorkflowMixin,
    PublicationStateFilter,
    ShareLinkInline,
)
from newsroom.admin.writing import WritingAidsAdminMixin
from newsroom.core.admin_widgets import (
    EditingAdminMixin,
    HistoryPermissionMixin,
    UploadFaultAdminMixin,
    thumbnail,
)
from newsroom.core.concurrency import VersionCheckedAdminMixin
from newsroom.models import (
    Article,
    ArticleDevice,
    ArticleLaunchEvent,
    Author,
    AuthorLink,
    Byline,
    Correction,
    Section,
    Tag,
)

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editing"


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in the order they are shown)"


class CorrectionInline(EditingAdminMixin, admin.StackedInline):
    model = Correction
    extra = 0


class CoverageInline(admin.TabularInline):
    """What the story covers; links its embeds made are marked, not editable."""

    extra = 0
    readonly_fields = ["from_embed"]


class ArticleDeviceInline(CoverageInline):
    model = ArticleDevice
    autocomplete_fields = ["device"]
    verbose_name_plural = (
        "devices in this story (embedded ones are added and removed with their "
        "embed; add others by hand)"
    )


class ArticleLaunchEventInline(CoverageInline):
    model = ArticleLaunchEvent
    autocomplete_fields = ["launch_event"]
    verbose_name_plural = (
        "launch events in this story (embedded ones follow their embed)"
    )


@admin.register(Article)
class ArticleAdmin(
    AutosaveAdminMixin,
    WritingAidsAdminMixin,
    ArticleWorkflowMixin,
    HistoryPermissionMixin,
    VersionCheckedAdminMixin,
    EditingAdminMixin,
    UploadFaultAdminMixin,
    VersionAdmin,
):
    list_display = [
        "title",
        "hero_thumbnail",
        "status",
        "publication_state",
        "goes_live",
        "section",
        "author_names",
    ]
    list_filter = [
        PublicationStateFilter,
        "status",
        "section",
        "bylines__author",
        "featured",
    ]
    list_select_related = ["section"]
    search_fields = ["title", "dek", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags"]
    inlines = [
        BylineInline,
        CorrectionInline,
        ArticleDeviceInline,
        ArticleLaunchEventInline,
        ShareLinkInline,
    ]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body"]}),
        (
            "Hero image",
            {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]},
        ),
        ("Filing", {"fields": ["section", "tags", "featured"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description="Image")
    def hero_thumbnail(self, article):
        return thumbnail(article.hero_image, alt=article.hero_alt)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    def save_model(self, request, obj, form, change):
        # Saved with its inlines by services.write_story, in save_related.
        pass

    def save_related(self, request, form, formsets, change):
        story_admin = super()
        services.write_story(
            article=form.instance,
            by=request.user,
            save=lambda: story_admin.save_model(request, form.instance, form, change),
            save_parts=lambda: story_admin.save_related(
                request, form, formsets, change
            ),
        )

    @admin.display(description="Authors")
    def author_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    def view_on_site(self, article):
        # Only public stories have a page readers can open.
        return article.get_absolute_url() if article.is_public else None


class AuthorLinkInline(EditingAdminMixin, admin.TabularInline):
    model = AuthorLink
    extra = 1


@admin.register(Author)
class AuthorAdmin(
    HistoryPermissionMixin,
    VersionCheckedAdminMixin,
    EditingAdminMixin,
    UploadFaultAdminMixin,
    VersionAdmin,
):
    list_display = ["name", "slug", "user", "portrait"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    inlines = [AuthorLinkInline]

    @admin.display(description="Photo")
    def portrait(self, author):
        return thumbnail(author.avatar, alt="")


@admin.register(Section)
class SectionAdmin(HistoryPermissionMixin, VersionCheckedAdminMixin, VersionAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(HistoryPermissionMixin, VersionCheckedAdminMixin, VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
