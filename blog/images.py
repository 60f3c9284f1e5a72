"""Checked image uploads and responsive renditions made once when an image is saved."""

import io
import uuid
import warnings
from datetime import timedelta
from functools import partialmethod
from pathlib import PurePath
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from PIL import Image, ImageOps

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


# How each kind is written back: a JPEG with its own quantization tables, so nothing
# visible is lost; WebP at a quality no eye tells from the upload.
SAVE_OPTIONS = {
    "JPEG": {"quality": "keep", "comment": b""},
    "PNG": {},
    "WEBP": {"quality": 90},
}


def without_metadata(content):
    """The image in `content` upright and with no EXIF or XMP (a phone photo's EXIF says
    where it was taken), in the same format; its colour profile is kept."""
    with Image.open(content) as image:
        kind = image.format
        # Turned as the camera's Orientation tag says, since that tag goes with the rest.
        ImageOps.exif_transpose(image, in_place=True)
        buffer = io.BytesIO()
        icc_profile = image.info.get("icc_profile")
        image.save(buffer, kind, icc_profile=icc_profile, **SAVE_OPTIONS[kind])
    # Named, so Django reads the stored size from it (as it does from an upload).
    return ContentFile(buffer.getvalue(), name=content.name)


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(name, without_metadata(content), save)


class CheckedImageField(models.ImageField):
    """An image field whose uploads are checked (see the form field) and stored clean."""

    attr_class = CleanImageFieldFile

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


# Where each rendition is: imagekit names it after its source's file name and a hash of
# its recipe, which it works out by pickling the recipe, for every rendition of every
# picture on a page. The address depends on nothing else (the storage's public URLs are
# unsigned), so each process keeps those it has worked out; a new upload has a new file
# name, and so new addresses.
_rendition_urls = {}
RENDITION_URLS_KEPT = 20_000


def rendition_url(instance, field, source_name):
    key = (instance._meta.label, field, source_name, settings.MEDIA_URL)
    url = _rendition_urls.get(key)
    if url is None:
        if len(_rendition_urls) >= RENDITION_URLS_KEPT:
            _rendition_urls.clear()
        url = _rendition_urls[key] = getattr(instance, field).url
    return url


def picture(instance, source, widths):
    """What an <img> needs for the renditions `<source>_<width>` of an image field.

    Sizes come from the `<source>_width`/`<source>_height` fields stored on upload, and
    rendition addresses from rendition_url(), so no file is opened or checked while a
    page renders.
    """
    full_width = getattr(instance, f"{source}_width")
    full_height = getattr(instance, f"{source}_height")
    image = getattr(instance, source)
    if not image or not full_width:
        return None
    real = {}
    for width in widths:
        # A small original yields the same size more than once: list each size once.
        size = min(width, full_width)
        if size not in real:
            real[size] = rendition_url(instance, f"{source}_{width}", image.name)
    srcset = ", ".join(f"{url} {width}w" for width, url in real.items())
    largest = max(real)
    return Picture(
        src=real[largest],
        srcset=srcset,
        width=largest,
        height=round(full_height * largest / full_width),
        alt=getattr(instance, f"{source}_alt"),
    )


class DescribedImage:
    """A model's image declared in one place. As `<name> = DescribedImage(...)` it adds:

    - `<name>`: the checked upload, with `<name>_width` and `<name>_height` stored on upload;
    - `<name>_alt`: its description, required with an image by the constraint
      `has_description(<name>, ...)`, which the model lists in its `Meta.constraints`;
    - `<name>_<width>`: a WebP rendition for each of `widths`;
    - the method named by `picture`, returning what an <img> needs (see `picture()`).
    """

    def __init__(self, *, upload_to, widths, help_text, alt_label, alt_help, picture):
        # Made here, not when added to the model, so they keep their place among its fields.
        self.image = CheckedImageField(upload_to=upload_to, blank=True, help_text=help_text)
        self.width = models.PositiveIntegerField(null=True, editable=False)
        self.height = models.PositiveIntegerField(null=True, editable=False)
        self.alt = models.CharField(alt_label, max_length=250, blank=True, help_text=alt_help)
        self.widths = widths
        self.picture = picture

    def contribute_to_class(self, cls, name):
        self.image.width_field = f"{name}_width"
        self.image.height_field = f"{name}_height"
        cls.add_to_class(name, self.image)
        cls.add_to_class(f"{name}_width", self.width)
        cls.add_to_class(f"{name}_height", self.height)
        cls.add_to_class(f"{name}_alt", self.alt)
        for width in self.widths:
            cls.add_to_class(f"{name}_{width}", rendition(name, width))
        setattr(cls, self.picture, partialmethod(picture, name, self.widths))


DESCRIPTION_NEEDED = "Add the image’s description: readers who cannot see it need one."


def has_description(name, constraint):
    """The check constraint, named `constraint`, that a DescribedImage `name` comes with its
    description, for the model's Meta.constraints. (Forms say it at the description field
    first: DescribedImagesForm.)"""
    return models.CheckConstraint(
        condition=models.Q(**{name: ""}) | ~models.Q(**{f"{name}_alt": ""}),
        name=constraint,
        violation_error_message=DESCRIPTION_NEEDED,
    )


NOT_STORED = (
    "The picture could not be stored. Everything else is kept below: please choose the "
    "picture again and save in a moment."
)

# An upload in a form sent back with an error elsewhere is kept here, so the editor need
# not pick the file again: the form carries a signed token naming it (KeepsUpload).
KEPT_FOLDER = "kept-uploads"
KEPT_SALT = "blog.images.kept"
KEPT_SECONDS = 24 * 60 * 60


class Kept(NamedTuple):
    token: str
    filename: str


def keep_upload(upload):
    """Stores an upload that passed its checks until the form is sent again; its Kept.
    Those kept longer than KEPT_SECONDS (forms never sent again) go."""
    forget_kept()
    suffix = PurePath(upload.name).suffix.lower()[:10]
    upload.seek(0)
    path = default_storage.save(f"{KEPT_FOLDER}/{uuid.uuid4().hex}{suffix}", upload)
    upload.seek(0)
    token = signing.dumps({"path": path, "name": upload.name}, salt=KEPT_SALT, compress=True)
    return Kept(token, upload.name)


def forget_kept():
    too_old = timezone.now() - timedelta(seconds=KEPT_SECONDS)
    try:
        _, names = default_storage.listdir(KEPT_FOLDER)
        for name in names:
            path = f"{KEPT_FOLDER}/{name}"
            if default_storage.get_modified_time(path) < too_old:
                default_storage.delete(path)
    except (OSError, NotImplementedError):
        pass  # nothing kept yet, or a storage that cannot list: the files wait


def kept_upload(token):
    """The upload a token from keep_upload() names, as a fresh upload, or None when the
    token was altered, is older than KEPT_SECONDS or names nothing stored."""
    try:
        kept = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_SECONDS)
        path, name = kept["path"], kept["name"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if not (isinstance(path, str) and path.startswith(f"{KEPT_FOLDER}/")):
        return None
    try:
        with default_storage.open(path) as stored:
            content = stored.read()
    except OSError:
        return None
    return SimpleUploadedFile(name, content)


class KeepsUpload:
    """A file widget mixin: a file kept from the form's last sending (keep_upload) stands in
    for an upload until the editor picks another or clears it."""

    def kept_name(self, name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if value is None and token:
            # Read once per form: the form asks for its data more than once.
            if getattr(self, "from_kept", None) is None:
                self.from_kept = kept_upload(token)
            return self.from_kept
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = getattr(self, "kept", None)
        context["widget"]["kept_name"] = self.kept_name(name)
        return context


class DescribedImagesForm(forms.ModelForm):
    """A model form for a model with DescribedImages: a picture without its description is
    an error at the description field, in plain words, and a good upload survives an error
    anywhere in the form (its widget, when it KeepsUpload, carries it to the next send)."""

    def described_images(self):
        return [
            name
            for name, field in self.fields.items()
            if isinstance(field, CheckedImageFormField) and f"{name}_alt" in self.fields
        ]

    def clean(self):
        cleaned = super().clean()
        for name in self.described_images():
            alt = f"{name}_alt"
            if cleaned.get(name) and alt in cleaned and not cleaned[alt].strip():
                self.add_error(alt, DESCRIPTION_NEEDED)
        return cleaned

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        if not self.errors:
            self.store_uploads()
        if not self.errors:
            return
        for name, field in self.fields.items():
            upload = self.cleaned_data.get(name)
            widget = field.widget
            keeps = isinstance(widget, KeepsUpload) and not getattr(widget, "kept", None)
            if keeps and name not in self.errors and isinstance(upload, UploadedFile):
                try:
                    widget.kept = keep_upload(upload)
                except OSError:
                    self.add_error(name, NOT_STORED)

    def store_uploads(self):
        """Stores the new pictures of a valid form, as the last of its checks: a picture the
        storage refuses is an error at its field, with nothing saved, rather than a failed
        save after the form was accepted. (Saving the instance then finds them stored.)"""
        for name in self.described_images():
            upload = self.cleaned_data.get(name)
            if not isinstance(upload, UploadedFile):
                continue
            try:
                getattr(self.instance, name).save(upload.name, upload, save=False)
            except OSError:
                self.add_error(name, NOT_STORED)
