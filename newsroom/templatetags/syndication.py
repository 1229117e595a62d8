"""Tags for what pages tell machines: feed autodiscovery, structured data
(JSON-LD), OpenGraph and Twitter cards, absolute addresses."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe

from newsroom import structured_data
from newsroom.syndication import absolute_url

register = template.Library()

FEED_FORMATS = [
    ("", "application/rss+xml", "RSS"),
    ("-atom", "application/atom+xml", "Atom"),
    ("-json", "application/feed+json", "JSON Feed"),
]

# The escapes of Django's json_script: inside <script>, "</script>" or
# "<!--" in a headline must not end the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def absolute(url):
    """An address that works outside the site, from SITE_URL."""
    return absolute_url(str(url)) if url else ""


@register.inclusion_tag("includes/feed_links.html")
def feed_links(url_name, subject=None):
    """<link rel="alternate"> for the RSS, Atom and JSON feeds named `url_name`
    (about `subject`, found by its slug), so readers discover them."""
    kwargs = {"slug": subject.slug} if subject is not None else {}
    title = f"{settings.SITE_NAME}: {subject}" if subject else settings.SITE_NAME
    return {
        "feeds": [
            {
                "type": mime_type,
                "title": f"{title} ({label})",
                "href": absolute_url(reverse(url_name + suffix, kwargs=kwargs)),
            }
            for suffix, mime_type, label in FEED_FORMATS
        ]
    }


def _json_ld(context, data):
    request = context.get("request")
    # Only with a strict CSP (django-csp) is there a nonce to give.
    nonce = getattr(request, "csp_nonce", None)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return {"json": mark_safe(text.translate(_SCRIPT_ESCAPES)), "nonce": nonce}


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def website_json_ld(context):
    return _json_ld(context, structured_data.website())


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def news_article_json_ld(context, article):
    return _json_ld(context, structured_data.news_article(article))


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def breadcrumbs_json_ld(context, *trail):
    """A BreadcrumbList from the home page through each of `trail` (objects
    with a name and a page), the last being the page itself."""
    return _json_ld(context, structured_data.breadcrumb_list(trail))
