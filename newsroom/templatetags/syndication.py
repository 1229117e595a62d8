"""Tags for what pages tell machines: feed autodiscovery, structured data
(JSON-LD), OpenGraph and Twitter cards, absolute addresses."""

from django import template
from django.conf import settings
from django.urls import reverse

from newsroom import structured_data
from newsroom.core.addresses import absolute_url
from newsroom.core.feeds import FEED_FORMATS
from newsroom.core.json_ld import json_ld_script

register = template.Library()


@register.filter
def absolute(url):
    """An address that works outside the site, from SITE_URL."""
    return absolute_url(str(url)) if url else ""


@register.inclusion_tag("includes/feed_links.html")
def feed_links(url_name, subject=None, label=""):
    """<link rel="alternate"> for the RSS, Atom and JSON feeds named `url_name`
    (about `subject`, found by its slug), so readers discover them."""
    kwargs = {"slug": subject.slug} if subject is not None else {}
    title = f"{settings.SITE_NAME}: {subject}" if subject else settings.SITE_NAME
    if label:
        title = f"{title} {label}"
    return {
        "feeds": [
            {
                "type": mime_type,
                "title": f"{title} ({label})",
                "href": absolute_url(reverse(url_name + suffix, kwargs=kwargs)),
            }
            for _, suffix, _, mime_type, label in FEED_FORMATS
        ]
    }


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def website_json_ld(context):
    return json_ld_script(context, structured_data.website())


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def news_article_json_ld(context, article):
    return json_ld_script(context, structured_data.news_article(article))


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def breadcrumbs_json_ld(context, *trail):
    """A BreadcrumbList from the home page through each of `trail` (objects
    with a name and a page), the last being the page itself."""
    return json_ld_script(context, structured_data.breadcrumb_list(trail))
