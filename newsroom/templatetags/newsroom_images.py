from django import template

from newsroom.core.images import renditions

register = template.Library()


@register.inclusion_tag("includes/responsive_image.html")
def responsive_image(
    fieldfile, *, alt, sizes="100vw", loading="lazy", css_class="", widths=""
):
    """An uploaded image as <picture>: WebP first, the original format after,
    each at several widths, with width and height set so nothing shifts.

    `widths` ("96,192") replaces the default widths for small images.
    """
    options = {}
    if widths:
        options["widths"] = tuple(int(w) for w in widths.split(","))
    return {
        "image": fieldfile,
        "set": renditions(fieldfile, **options),
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
    }
