"""Structured data (schema.org, as JSON-LD) for search engines.

Plain dictionaries; `templatetags/syndication.py` writes them into pages.
Every address is absolute, from SITE_URL.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from devices.structured_data import product_reference
from newsroom.core.addresses import LOGO, absolute_url
from newsroom.models import Correction

CONTEXT = "https://schema.org"

# Notes that tell readers something was wrong; updates add news instead.
CORRECTING_KINDS = {Correction.Kind.CORRECTION, Correction.Kind.CLARIFICATION}


def home_url():
    return absolute_url(reverse("newsroom:home"))


def publisher():
    path, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{home_url()}#publisher",
        "name": settings.SITE_NAME,
        "url": home_url(),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(path)),
            "width": width,
            "height": height,
        },
    }


def website():
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{home_url()}#website",
        "name": settings.SITE_NAME,
        "url": home_url(),
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("newsroom:search"))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def person(author):
    return {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(author.get_absolute_url()),
    }


def news_article(article):
    """NewsArticle for a story loaded with `for_reading()`.

    Previews and share links show stories that have no publication date yet
    (drafts, stories in review): what is not known is left out, not guessed.
    """
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "author": [person(author) for author in article.byline_authors],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.modified_at:
        data["dateModified"] = article.modified_at.isoformat()
    if article.dek:
        data["description"] = article.dek
    if article.hero_image:
        data["image"] = [absolute_url(article.hero_image.url)]
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": note.text,
            "datePublished": note.noted_at.isoformat(),
        }
        for note in article.corrections.all()
        if note.kind in CORRECTING_KINDS
    ]
    if corrections:
        data["correction"] = corrections
    devices = [product_reference(device) for device in article.devices.all()]
    if devices:
        data["about"] = devices
    return data


def breadcrumb_list(trail):
    """BreadcrumbList from the home page through each object in `trail`."""
    crumbs = [(settings.SITE_NAME, home_url())]
    crumbs += [(str(item), absolute_url(item.get_absolute_url())) for item in trail]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
