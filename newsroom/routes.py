"""The editorial pages readers see: home, stories, sections, tags, authors, archive."""

from django.urls import path, register_converter

from newsroom import feeds, previews, views
from newsroom.core.converters import TwoDigitConverter, YearConverter
from newsroom.core.feeds import feed_paths

register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "dd")

app_name = "newsroom"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "news/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path(
        "section/<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"
    ),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("author/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("archive/", views.ArchiveIndex.as_view(), name="archive"),
    path("search/", views.SearchView.as_view(), name="search"),
    path(
        "archive/<yyyy:year>/<dd:month>/",
        views.ArchiveMonthView.as_view(),
        name="archive-month",
    ),
    path(
        "preview/<int:pk>/",
        previews.ArticlePreviewView.as_view(),
        name="article-preview",
    ),
    path(
        "shared/<str:token>/",
        previews.SharedArticleView.as_view(),
        name="article-shared",
    ),
]

# Feeds beside the pages they follow: `<page>feed/`, `<page>feed/atom/`,
# `<page>feed.json`.
urlpatterns += [
    *feed_paths("", feeds.StoryFeed, "feed"),
    *feed_paths("section/<slug:slug>/", feeds.SectionFeed, "section-feed"),
    *feed_paths("tag/<slug:slug>/", feeds.TagFeed, "tag-feed"),
    *feed_paths("author/<slug:slug>/", feeds.AuthorFeed, "author-feed"),
    *feed_paths("devices/<slug:slug>/", feeds.DeviceFeed, "device-feed"),
    *feed_paths("brands/<slug:slug>/", feeds.BrandFeed, "brand-feed"),
]
