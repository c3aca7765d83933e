"""Product photos for public pages (no database): every upload is decoded and re-encoded as a plain
JPEG, so nothing of the original file but its pixels reaches the public — no EXIF (GPS position,
camera, owner's name), no hidden payload. Files that are not pictures, and pictures whose size
would explode in memory (decompression bombs), are refused with a clear message."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import conf

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"photo": message}, code=code)


def clean_photo(upload, *, field: str = "photo") -> bytes:
    """The upload as a JPEG without metadata, its longest side at most ``PHOTO_SIDE``."""
    if upload.size > conf.PHOTO_MAX_BYTES:
        raise ValidationError(
            {
                field: _("Foto terlalu besar (maksimal %(mb)s MB).")
                % {"mb": f"{conf.PHOTO_MAX_BYTES / 1024 / 1024:g}"}
            },
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    not_image = ValidationError(
        {field: _("Berkas ini bukan foto; unggah JPEG, PNG atau WebP.")}, code="not_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise not_image
            width, height = image.size
            if width * height > conf.PHOTO_MAX_PIXELS:
                raise _too_many_pixels(field)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_image from None
    upright = ImageOps.exif_transpose(image)  # keep the picture upright once the EXIF is gone
    upright.thumbnail((conf.PHOTO_SIDE, conf.PHOTO_SIDE))
    return _jpeg(upright, quality=85)


def _too_many_pixels(field: str) -> ValidationError:
    return ValidationError(
        {
            field: _("Ukuran gambar terlalu besar (maksimal %(mp)s megapiksel).")
            % {"mp": conf.PHOTO_MAX_PIXELS // 1_000_000}
        },
        code="too_many_pixels",
    )


def _jpeg(image: Image.Image, *, quality: int) -> bytes:
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    out = io.BytesIO()
    # No exif= argument: Pillow writes no metadata unless asked.
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def thumbnail(photo: bytes) -> bytes:
    """A small JPEG of a cleaned photo, at most ``THUMBNAIL_MAX_BYTES``: smaller quality, then
    smaller sides, until it fits."""
    image = Image.open(io.BytesIO(photo))
    side = conf.THUMBNAIL_SIDE
    while True:
        small = image.copy()
        small.thumbnail((side, side))
        for quality in (80, 70, 60, 50, 40):
            data = _jpeg(small, quality=quality)
            if len(data) <= conf.THUMBNAIL_MAX_BYTES:
                return data
        side = int(side * 0.8)
