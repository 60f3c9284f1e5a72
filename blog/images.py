"""Checked image uploads and responsive renditions made once when an image is saved."""

import warnings
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


class CheckedImageFormField(forms.ImageField):
    """An image upload that names what is wrong: type, file size or pixel count."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if data.size > settings.IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                "This file is %(size)s; images can be at most %(limit)s.",
                code="file_too_large",
                params={
                    "size": filesizeformat(data.size),
                    "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
                },
            )
        limit_mp = settings.IMAGE_MAX_PIXELS / 1_000_000
        too_many_pixels = forms.ValidationError(
            "This image has too many pixels (%(size)s); the limit is %(limit)g megapixels. "
            "Export it smaller, for example 3000 pixels on the long side.",
            code="too_many_pixels",
        )
        try:
            with warnings.catch_warnings():
                # Our own check below names the size; Pillow's warning would only repeat it.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                # Reads the header only: the pixels are not decoded here.
                image = Image.open(data)
                width, height, kind = image.width, image.height, image.format
        except Image.DecompressionBombError:
            too_many_pixels.params = {"size": "far above the limit", "limit": limit_mp}
            raise too_many_pixels from None
        except Exception:
            raise forms.ValidationError(
                "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.",
                code="invalid_image",
            ) from None
        finally:
            data.seek(0)
        if kind not in ALLOWED_FORMATS:
            raise forms.ValidationError(
                "%(kind)s images are not accepted. Upload a JPEG, PNG or WebP photo.",
                code="image_format",
                params={"kind": kind or "This kind of"},
            )
        if width * height > settings.IMAGE_MAX_PIXELS:
            too_many_pixels.params = {"size": f"{width} × {height}", "limit": limit_mp}
            raise too_many_pixels
        return super().to_python(data)


class CheckedImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})


def rendition(source, width):
    """A WebP copy of `source` at most `width` pixels wide, made when the source is saved."""
    return ImageSpecField(
        source=source,
        processors=[ResizeToFit(width=width, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )


class Picture(NamedTuple):
    src: str
    srcset: str
    width: int
    height: int
    alt: str


def picture(instance, source, widths, alt):
    """What an <img> needs for the renditions `<source>_<width>` of an image field.

    Sizes come from the `<source>_width`/`<source>_height` fields stored on upload, so no
    file is opened while a page renders.
    """
    full_width = getattr(instance, f"{source}_width")
    full_height = getattr(instance, f"{source}_height")
    if not getattr(instance, source) or not full_width:
        return None
    real = {}
    for width in widths:
        # A small original yields the same size more than once: list each size once.
        real.setdefault(min(width, full_width), getattr(instance, f"{source}_{width}").url)
    srcset = ", ".join(f"{url} {width}w" for width, url in real.items())
    largest = max(real)
    return Picture(
        src=real[largest],
        srcset=srcset,
        width=largest,
        height=round(full_height * largest / full_width),
        alt=alt,
    )
