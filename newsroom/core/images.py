"""Uploaded images: what is accepted, what is served, and the renditions made.

One place for every image the site takes (hero images, author photos, and
any other app's images): it imports no models, so any app can use it.

- `ImageUploadField` is the form field: it accepts a real JPEG, PNG or WebP
  (decided by the content, not the name) of at most `MAX_UPLOAD_BYTES` and
  `MAX_PIXELS`, and names the rule a refused file broke.
- What it returns is a fresh copy of the image with its orientation applied
  and its metadata (EXIF, GPS position, comments) left behind.
- `renditions()` gives the widths to put in `srcset`, in WebP and in the
  original format, made once by easy-thumbnails and reused afterwards.
"""

import hashlib
import io
import logging
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

# Pillow's format name -> (file extension, content type).
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}

# Widths offered in srcset. Only those narrower than the original are made.
RENDITION_WIDTHS = (480, 960, 1440)


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def _open_checked(data: bytes) -> Image.Image:
    """Open and fully decode `data`, or say which rule it breaks."""
    try:
        # Pillow warns, then refuses, past its own pixel limit; both mean a
        # file built to exhaust memory when decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image_format = image.format
            width, height = image.size
            if image_format not in ACCEPTED_FORMATS:
                _refuse(
                    f"This is a {image_format} image; upload a JPEG, PNG or WebP.",
                    "format",
                )
            if width * height > MAX_PIXELS:
                _refuse(
                    f"The image is {width}×{height} pixels "
                    f"({width * height / 1e6:.0f} megapixels); the limit is "
                    f"{MAX_PIXELS // 1_000_000} megapixels.",
                    "pixels",
                )
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(
            "The image claims more pixels than it could hold (a decompression "
            "bomb); it was refused.",
            "bomb",
        )
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
    image.format = image_format
    return image


def _without_metadata(image: Image.Image) -> bytes:
    """The image re-encoded upright, with no EXIF or text chunks."""
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    options = {}
    # The colour profile is not personal data and keeps colours right.
    if icc := image.info.get("icc_profile"):
        options["icc_profile"] = icc
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=92, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=92)
    output = io.BytesIO()
    upright.save(output, image_format, **options)
    return output.getvalue()


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    format: str
    width: int
    height: int


def check_size(size: int):
    if size > MAX_UPLOAD_BYTES:
        _refuse(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
            "size",
        )


def clean_image(data: bytes) -> CleanImage:
    """Check raw upload bytes against every rule; return the servable copy."""
    check_size(len(data))
    image = _open_checked(data)
    content = _without_metadata(image)
    with Image.open(io.BytesIO(content)) as stored:
        width, height = stored.size
    return CleanImage(content=content, format=image.format, width=width, height=height)


class ImageUploadField(forms.ImageField):
    """The form field for every uploaded image (use through `formfield()`)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        # Refused before reading it into memory.
        check_size(upload.size or 0)
        upload.seek(0)
        cleaned = clean_image(upload.read())
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


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class RenditionSet:
    """An image at several widths: WebP, and the original format as fallback."""

    webp: list[Rendition]
    fallback: list[Rendition]
    width: int
    height: int

    @property
    def src(self) -> str:
        return self.fallback[-1].url

    @property
    def webp_srcset(self) -> str:
        return _srcset(self.webp)

    @property
    def fallback_srcset(self) -> str:
        return _srcset(self.fallback)


def _srcset(renditions) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def _make(fieldfile, *, width: int, webp: bool) -> Rendition:
    thumbnailer = get_thumbnailer(fieldfile)
    if webp:
        thumbnailer.thumbnail_preserve_extensions = False
        thumbnailer.thumbnail_extension = "webp"
        thumbnailer.thumbnail_transparency_extension = "webp"
    else:
        thumbnailer.thumbnail_preserve_extensions = True
    thumbnail = thumbnailer.get_thumbnail({"size": (width, 0), "upscale": False})
    return Rendition(url=thumbnail.url, width=thumbnail.width, height=thumbnail.height)


def _cache_key(fieldfile, *parts) -> str:
    # An upload never changes under its name (a new one gets a new name), so
    # the storage location and name identify the renditions for good.
    location = getattr(fieldfile.storage, "location", "")
    raw = "|".join(map(str, (location, fieldfile.name, *parts)))
    return "renditions:" + hashlib.sha256(raw.encode()).hexdigest()


def renditions(fieldfile, *, widths=RENDITION_WIDTHS) -> RenditionSet | None:
    """The renditions of an image field's file, made the first time only.

    easy-thumbnails makes each file once and records it; the set is also kept
    in the cache, so a page showing the image costs one cache read, not a
    trip to storage. Returns None when the file cannot be read (missing from
    storage, say), so a page shows no image rather than failing.
    """
    if not fieldfile:
        return None
    key = _cache_key(fieldfile, *widths)
    if (cached := cache.get(key)) is not None:
        return cached
    try:
        original_width, original_height = fieldfile.width, fieldfile.height
        wanted = [w for w in widths if w < original_width] + [original_width]
        made = RenditionSet(
            webp=[_make(fieldfile, width=w, webp=True) for w in wanted],
            fallback=[_make(fieldfile, width=w, webp=False) for w in wanted],
            width=original_width,
            height=original_height,
        )
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("No renditions for %s: %s", fieldfile.name, error)
        return None
    cache.set(key, made, timeout=None)
    return made


def thumbnail_url(fieldfile, *, width: int) -> str | None:
    """One small WebP rendition, for lists in the admin."""
    if not fieldfile:
        return None
    key = _cache_key(fieldfile, "thumbnail", width)
    if (cached := cache.get(key)) is not None:
        return cached
    try:
        url = _make(fieldfile, width=width, webp=True).url
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("No thumbnail for %s: %s", fieldfile.name, error)
        return None
    cache.set(key, url, timeout=None)
    return url
