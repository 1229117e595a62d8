"""Uploaded images: what is accepted, what is kept, and the renditions served.

One place for every image the site takes (hero images, author photos, device
images, brand logos): it imports no models, so any app can use it.

- `ImageUploadField` is the form field: it accepts a real JPEG, PNG or WebP
  (decided by the content, not the name) of at most `MAX_UPLOAD_BYTES` and
  `MAX_PIXELS`, and names the rule a refused file broke.
- What it returns is the copy the site keeps: upright, without metadata
  (EXIF, GPS position, comments), and at most `MAX_KEPT_SIDE` pixels on its
  longer side, so nothing made from it later can be large.
- `make_renditions()` runs once, right after the upload is saved (the admin
  calls it when the save is committed; `manage.py make_renditions` catches
  up images stored any other way): every width offered, up to
  `MAX_RENDITION_WIDTH` and never wider than the image, in WebP and in the
  original format, made by easy-thumbnails from one decoded image.
- `renditions()` and `thumbnail_url()`, which pages call, only look up what
  was made: a reader's request never decodes an image.

Memory: an upload is decoded once, at a reduced scale when the format allows
it (JPEG), then averaged down a strip at a time and turned upright in place,
so its full-size pixels are held once and never copied; renditions come
from the kept copy reduced for the widest of them, one at a time.
`tools/measure_upload_memory.py` measures the peak of a 40 MP upload.
"""

import hashlib
import io
import logging
import math
import os
import warnings
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from easy_thumbnails.files import get_thumbnailer
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The copy the site keeps is scaled down by a whole factor to at most this
# many pixels on its longer side: twice the widest rendition.
MAX_KEPT_SIDE = 4000
# No rendition is wider, whatever the image.
MAX_RENDITION_WIDTH = 2000

# Pillow's format name -> (file extension, content type).
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}

# Widths offered in srcset for story and device images...
RENDITION_WIDTHS = (480, 960, 1440)
# ...and for avatars, logos and admin lists. All of them are made on upload.
SMALL_WIDTHS = (64, 96, 128, 192)

# How long a page remembers that an image has no renditions yet.
MISSING_RENDITIONS_SECONDS = 60


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def _megapixels(pixels: float) -> str:
    """100 for 100,000,000; 40.01 for 40,008,000 (never "40 MP" above 40)."""
    if pixels >= 100e6:
        return f"{pixels / 1e6:.0f}"
    return f"{pixels / 1e6:.2f}".rstrip("0").rstrip(".")


def _too_many_pixels(amount: str, size: str = ""):
    _refuse(
        f"Too many pixels ({amount} MP; the limit is "
        f"{_megapixels(MAX_PIXELS)} MP){size}. Scale the image down and "
        "upload it again.",
        "pixels",
    )


def check_size(size: int):
    if size > MAX_UPLOAD_BYTES:
        _refuse(
            f"Too large: the file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
            "size",
        )


def _open_checked(source) -> Image.Image:
    """Open `source` (a file or bytes), reading its header only, or say
    which rule it breaks. Nothing is decoded yet."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        # Pillow's own pixel limit warns past 89 MP; our rule is stricter and
        # says so in words, so the warning is not needed.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(source)
    except Image.DecompressionBombError:
        # Past twice Pillow's limit it refuses to open at all.
        _too_many_pixels(f"more than {_megapixels(2 * Image.MAX_IMAGE_PIXELS)}")
    except UnidentifiedImageError:
        _refuse(
            "This file is not a JPEG, PNG or WebP image (whatever its name "
            "says). SVG and other formats are not accepted.",
            "format",
        )
    except (OSError, SyntaxError, ValueError):
        _refuse(
            "The image is truncated or damaged; export it again and upload it.",
            "damaged",
        )
    if image.format not in ACCEPTED_FORMATS:
        _refuse(
            f"This is a {image.format} image; upload a JPEG, PNG or WebP.",
            "format",
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        _too_many_pixels(_megapixels(width * height), f": {width}×{height} pixels")
    return image


# Rows of the reduced image made at a time: a strip of a 40 MP image costs
# a few MB, where Pillow's own reduce of an RGBA image copies all of it first.
STRIP_ROWS = 64
# Modes Pillow cannot average, and the mode they are averaged in instead.
AVERAGED_IN = {"1": "L", "PA": "RGBA", "I;16": "I", "I;16B": "I", "I;16L": "I"}


def _reduced(image: Image.Image, factor: int) -> Image.Image:
    """`image` scaled down by the whole `factor` (each block of factor by
    factor pixels averaged, alpha-weighted), a strip of rows at a time."""
    mode = AVERAGED_IN.get(image.mode, image.mode)
    if mode == "P":
        mode = "RGBA" if "transparency" in image.info else "RGB"
    width, height = image.size
    reduced = Image.new(mode, (-(-width // factor), -(-height // factor)))
    rows = factor * STRIP_ROWS
    for top in range(0, height, rows):
        strip = image.crop((0, top, width, min(top + rows, height)))
        if strip.mode != mode:
            strip = strip.convert(mode)
        reduced.paste(strip.reduce(factor), (0, top // factor))
    # The colour profile and the orientation still apply.
    reduced.info = dict(image.info)
    return reduced


def _decode_reduced(image: Image.Image, factor_for) -> Image.Image:
    """Decode `image` once, scaled down by the whole factor that
    `factor_for(size)` asks of its size.

    A JPEG is decoded straight at a reduced scale (`draft`: a half, a
    quarter or an eighth); then what is left is averaged away a strip at a
    time, so the full-size pixels are held once and never copied. A
    truncated or damaged file fails here, where the whole file is read.
    """
    factor = factor_for(image.size)
    if factor > 1 and image.format == "JPEG":
        width, height = image.size
        image.draft(None, (max(1, width // factor), max(1, height // factor)))
    image.load()
    factor = factor_for(image.size)
    return _reduced(image, factor) if factor > 1 else image


def _within_kept_side(size: tuple[int, int]) -> int:
    """The smallest whole factor that brings `size` within MAX_KEPT_SIDE."""
    return math.ceil(max(size) / MAX_KEPT_SIDE)


def _without_metadata(image: Image.Image, image_format: str) -> bytes:
    """`image` encoded upright (turned in place), with no EXIF, comment or
    text chunks."""
    icc = image.info.get("icc_profile")
    ImageOps.exif_transpose(image, in_place=True)
    options = {}
    # The colour profile is not personal data and keeps colours right.
    if icc:
        options["icc_profile"] = icc
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        # Pillow carries a JPEG's comment over unless told otherwise.
        options.update(quality=92, optimize=True, comment=b"")
    elif image_format == "WEBP":
        options.update(quality=92)
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    format: str
    width: int
    height: int


def clean_image(source) -> CleanImage:
    """Check an upload (bytes or a file) against every rule; return the copy
    the site keeps."""
    if isinstance(source, bytes):
        check_size(len(source))
    image = _open_checked(source)
    image_format = image.format
    try:
        with image:
            kept = _decode_reduced(image, _within_kept_side)
            content = _without_metadata(kept, image_format)
            width, height = kept.size
    except (OSError, SyntaxError, ValueError):
        _refuse(
            "The image is truncated or damaged; export it again and upload it.",
            "damaged",
        )
    return CleanImage(content=content, format=image_format, width=width, height=height)


class ImageUploadField(forms.ImageField):
    """The form field for every uploaded image (use through `formfield()`)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        # Refused before reading it; then read from where Django put it (a
        # temporary file, for anything large), never copied into memory.
        check_size(upload.size or 0)
        upload.seek(0)
        cleaned = clean_image(upload)
        extension, content_type = ACCEPTED_FORMATS[cleaned.format]
        stem = os.path.splitext(os.path.basename(upload.name or "image"))[0]
        stored = SimpleUploadedFile(
            f"{stem or 'image'}.{extension}", cleaned.content, content_type
        )
        # forms.ImageField and ImageField.update_dimension_fields read these.
        stored.image = Image.open(io.BytesIO(cleaned.content))
        stored.content_type = content_type
        return stored

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(t for _, t in ACCEPTED_FORMATS.values())
        return attrs


# --- Renditions ---------------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class RenditionSet:
    """An image at several widths: WebP, and the original format as fallback.

    `width` and `height` are the widest rendition's, for the <img> attributes
    that keep the layout from shifting.
    """

    webp: list[Rendition]
    fallback: list[Rendition]
    width: int
    height: int

    @property
    def src(self) -> str:
        """The widest fallback, never wider than MAX_RENDITION_WIDTH."""
        return self.fallback[-1].url

    @property
    def webp_srcset(self) -> str:
        return _srcset(self.webp)

    @property
    def fallback_srcset(self) -> str:
        return _srcset(self.fallback)


def _srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def widths_for(image_width: int, widths=RENDITION_WIDTHS) -> list[int]:
    """The rendition widths of an image `image_width` pixels wide: each
    offered width it exceeds, and its own width, capped."""
    widest = min(image_width, MAX_RENDITION_WIDTH)
    return [w for w in widths if w < widest] + [widest]


def _thumbnailer(fieldfile, *, webp: bool, source=None):
    thumbnailer = get_thumbnailer(fieldfile)
    if webp:
        thumbnailer.thumbnail_preserve_extensions = False
        thumbnailer.thumbnail_extension = "webp"
        thumbnailer.thumbnail_transparency_extension = "webp"
    else:
        thumbnailer.thumbnail_preserve_extensions = True
    if source is not None:
        # Every rendition from the one image decoded for them all.
        thumbnailer.source_generators = [lambda *args, **kwargs: source]
    return thumbnailer


def _options(width: int) -> dict:
    return {"size": (width, 0), "upscale": False}


def _cache_key(fieldfile, *parts) -> str:
    # An upload never changes under its name (a new one gets a new name), so
    # the storage location and name identify the renditions for good.
    location = getattr(fieldfile.storage, "location", "")
    raw = "|".join(map(str, (location, fieldfile.name, *parts)))
    return "renditions:" + hashlib.sha256(raw.encode()).hexdigest()


def make_renditions(fieldfile) -> int:
    """Make every rendition of an image field's file that does not exist yet.

    For the step right after an upload is saved, and for
    `manage.py make_renditions`; never for a reader's request. Returns how
    many were made. A file that cannot be read is logged, not raised: the
    save it follows has succeeded.
    """
    if not fieldfile:
        return 0
    made = 0
    try:
        with fieldfile.open("rb") as stored, Image.open(stored) as image:
            widths = sorted(
                set(widths_for(image.width) + widths_for(image.width, SMALL_WIDTHS))
            )
            # Decoded once, reduced as far as the widest rendition allows.
            base = _decode_reduced(image, lambda size: max(1, size[0] // widths[-1]))
            for webp in (True, False):
                thumbnailer = _thumbnailer(fieldfile, webp=webp, source=base)
                for width in widths:
                    if thumbnailer.get_existing_thumbnail(_options(width)):
                        continue
                    thumbnailer.get_thumbnail(_options(width), generate=True)
                    made += 1
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.warning("No renditions for %s: %s", fieldfile.name, error)
        return made
    cache.delete(_cache_key(fieldfile, "missing"))
    return made


def _existing(fieldfile, *, width: int, webp: bool) -> Rendition | None:
    thumbnail = _thumbnailer(fieldfile, webp=webp).get_existing_thumbnail(
        _options(width)
    )
    if thumbnail is None:
        return None
    return Rendition(url=thumbnail.url, width=thumbnail.width, height=thumbnail.height)


def renditions(fieldfile, *, widths=RENDITION_WIDTHS) -> RenditionSet | None:
    """The renditions of an image field's file that exist, for a page.

    Nothing is made here. The set is kept in the cache, so a page showing the
    image costs one cache read. None when there are none yet (an image
    stored without the upload step: `manage.py make_renditions` makes them)
    or the file is missing, so the page shows no image rather than the kept
    copy at full size.
    """
    if not fieldfile:
        return None
    key, missing = _cache_key(fieldfile, *widths), _cache_key(fieldfile, "missing")
    cached = cache.get_many([key, missing])
    if key in cached or missing in cached:
        return cached.get(key)
    try:
        image_width = fieldfile.width
        found = {
            webp: [
                rendition
                for width in widths_for(image_width, widths)
                if (rendition := _existing(fieldfile, width=width, webp=webp))
            ]
            for webp in (True, False)
        }
    except (OSError, ValueError) as error:
        logger.warning("No renditions for %s: %s", fieldfile.name, error)
        return None
    if not found[True] or not found[False]:
        logger.warning(
            "%s has no renditions yet; run manage.py make_renditions", fieldfile.name
        )
        cache.set(missing, True, timeout=MISSING_RENDITIONS_SECONDS)
        return None
    widest = found[False][-1]
    made = RenditionSet(
        webp=found[True],
        fallback=found[False],
        width=widest.width,
        height=widest.height,
    )
    cache.set(key, made, timeout=None)
    return made


def thumbnail_url(fieldfile, *, width: int) -> str | None:
    """One small WebP rendition that exists, for lists in the admin."""
    if not fieldfile:
        return None
    key = _cache_key(fieldfile, "thumbnail", width)
    if (cached := cache.get(key)) is not None:
        return cached
    try:
        rendition = _existing(fieldfile, width=width, webp=True)
    except (OSError, ValueError) as error:
        logger.warning("No thumbnail for %s: %s", fieldfile.name, error)
        return None
    if rendition is None:
        return None
    cache.set(key, rendition.url, timeout=None)
    return rendition.url
