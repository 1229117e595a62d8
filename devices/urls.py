"""Pages about devices, brands and launches."""

from django.urls import path, re_path

from devices import compare_pages, feeds, sources, views
from newsroom.core.feeds import feed_paths

app_name = "devices"

urlpatterns = [
    path("devices/", views.DeviceListView.as_view(), name="device-list"),
    path(
        "devices/suggest.json",
        compare_pages.SuggestView.as_view(),
        name="device-suggest",
    ),
    path(
        "devices/<slug:slug>/", views.DeviceDetailView.as_view(), name="device-detail"
    ),
    path(
        "devices/<slug:slug>/history/",
        views.DeviceHistoryView.as_view(),
        name="device-history",
    ),
    path("compare/", compare_pages.PickerView.as_view(), name="compare-picker"),
    # Slugs contain hyphens; the view splits where real slugs fit.
    re_path(
        r"^compare/(?P<slugs>[-\w]+-vs-[-\w]+)/$",
        compare_pages.CompareView.as_view(),
        name="compare",
    ),
    path("brands/", views.BrandListView.as_view(), name="brand-list"),
    path("brands/<slug:slug>/", views.BrandDetailView.as_view(), name="brand-detail"),
    path("sources/", sources.SourceListView.as_view(), name="source-list"),
    path(
        "sources/<slug:slug>/",
        sources.SourceDetailView.as_view(),
        name="source-detail",
    ),
    path("launches/", views.LaunchListView.as_view(), name="launch-list"),
    path(
        "launches/<slug:slug>/", views.LaunchDetailView.as_view(), name="launch-detail"
    ),
]

# For subscribers: launch calendars (iCalendar) and each device's spec changes.
urlpatterns += [
    path("launches.ics", feeds.LaunchCalendarView.as_view(), name="launches-ics"),
    path(
        "launches/<slug:slug>.ics",
        feeds.LaunchEventCalendar.as_view(),
        name="launch-ics",
    ),
    path(
        "brands/<slug:slug>/launches.ics",
        feeds.BrandLaunchCalendar.as_view(),
        name="brand-launches-ics",
    ),
    *feed_paths(
        "devices/<slug:slug>/history/", feeds.SpecChangesFeed, "device-changes-feed"
    ),
    *feed_paths("sources/<slug:slug>/", feeds.SourceClaimsFeed, "source-feed"),
]
