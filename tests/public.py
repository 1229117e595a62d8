"""The public address and the moment the subscriber-facing tests use.

SITE is deliberately not the test client's host: every address a feed,
sitemap or structured data gives must come from SITE_URL.
"""

import datetime as dt

SITE = "https://news.example.com"
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
