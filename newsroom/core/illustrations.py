"""Typographic illustrations for demo content, drawn with Pillow.

Plainly illustrations, never imitation photographs: a coloured card with a
name in large type and the word "Illustration" in a corner, so a newcomer
sees pages laid out as they will be with real pictures, and nobody mistakes
one for a product shot.
"""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _ink_for(background) -> tuple[int, int, int]:
    """Black or white, whichever reads better on the background."""
    r, g, b = (c / 255 for c in background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (17, 19, 23) if luminance > 0.45 else (255, 255, 255)


def _mix(a, b, share):
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def _font(size):
    # Pillow's own bundled font: no system fonts, nothing downloaded.
    return ImageFont.load_default(size=size)


def card(
    title: str,
    *,
    colour: str,
    second_colour: str = "",
    label: str = "",
    size: tuple[int, int] = (1600, 900),
    image_format: str = "JPEG",
) -> bytes:
    """A card `size` wide and high: a diagonal blend of the colours, the
    title wrapped in large type, `label` above it, "Illustration" below."""
    width, height = size
    start = _hex(colour)
    end = _hex(second_colour) if second_colour else _mix(start, (0, 0, 0), 0.35)
    # A diagonal blend, drawn small and scaled up: smooth and quick.
    small = Image.new("RGB", (64, 64))
    small.putdata(
        [_mix(start, end, (x + y) / 126) for y in range(64) for x in range(64)]
    )
    image = small.resize(size, Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    ink = _ink_for(_mix(start, end, 0.5))
    margin = width // 16

    title_size = max(24, min(width // 11, height // 5))
    if width / height < 1.2:
        title_size = width // 9
    chars = max(6, int(width * 1.7 / title_size))
    lines = textwrap.wrap(title, width=chars)[:4]
    title_font = _font(title_size)
    line_height = int(title_size * 1.12)
    block = line_height * len(lines)
    top = (height - block) // 2
    if label:
        label_font = _font(max(14, title_size // 3))
        draw.text(
            (margin, top - title_size // 1.4), label.upper(), font=label_font, fill=ink
        )
    for index, line in enumerate(lines):
        draw.text((margin, top + index * line_height), line, font=title_font, fill=ink)
    note_font = _font(max(12, height // 30))
    draw.text(
        (margin, height - margin // 1.2 - height // 30),
        "Illustration",
        font=note_font,
        fill=_mix(ink, _mix(start, end, 0.5), 0.3),
    )
    output = io.BytesIO()
    options = {"quality": 82, "optimize": True} if image_format == "JPEG" else {}
    image.save(output, image_format, **options)
    return output.getvalue()


def mark(initials: str, *, colour: str, size: int = 256) -> bytes:
    """A square brand mark: initials on the brand's colour, as PNG."""
    background = _hex(colour)
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    font = _font(size // (2 if len(initials) < 3 else 3))
    draw.text(
        (size / 2, size / 2),
        initials,
        font=font,
        fill=_ink_for(background),
        anchor="mm",
    )
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()
