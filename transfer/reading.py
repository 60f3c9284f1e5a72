"""From a file's bytes to parsed records: format detection and the per-format parsers."""

import gzip
import io
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify

from blog.models import Author
from transfer import weebly, wxr
from transfer.records import UnreadableSource

FORMATS = ("wxr", "weebly-text", "weebly-site")
SITE_FORMAT = "weebly-site"  # read from an address or a folder (weebly_site), not a file
GZIP = b"\x1f\x8b"


def is_site(location):
    """Whether `location` names a whole blog to read (an http(s) address, a folder)
    rather than a file."""
    return str(location).startswith(("http://", "https://")) or Path(location).is_dir()


def read(data, *, name, format=None, title="", published=None, timezone, author_names=()):
    """The Source parsed from one file's bytes; UnreadableSource says why it cannot be."""
    if format == SITE_FORMAT:
        raise UnreadableSource(f"{name}: a Weebly blog is read from its address or a folder.")
    if data.startswith(GZIP):
        data = unpacked(io.BytesIO(data), name)
    if not data.strip():
        raise UnreadableSource(f"{name}: the file is empty.")
    format = detected(data, format)
    try:
        if format == "wxr":
            return wxr.parse(data, timezone=timezone, where_prefix=f"{name}: ")
        return weebly.parse(
            weebly.decode(data),
            title=title,
            published=published,
            timezone=timezone,
            author_names=author_names,
            where_prefix=f"{name}: ",
        )
    except UnreadableSource as error:
        raise UnreadableSource(f"{name}: {error}") from None
    except RecursionError:
        raise UnreadableSource(f"{name}: the file is nested too deeply to read.") from None


def detected(head, format=None):
    """The format a file is read as: the one chosen, else the one its first bytes show."""
    return format or ("wxr" if wxr.looks_like(head) else "weebly-text")


def unpacked(file, name):
    """What the gzip archive open in `file` holds, as bytes (see Unpacked)."""
    return Unpacked(file, name).read()


class BadGzip(UnreadableSource):
    """A gzip archive that is damaged or unpacks to too much; the message names the file."""


class Unpacked:
    """The gzip archive open in `file` as a binary file of what it holds, unpacked a piece
    at a time as it is read, and no more than IMPORT_MAX_BYTES of it, so a small archive
    of a huge file is refused, not unpacked. BadGzip says what is wrong."""

    def __init__(self, file, name):
        self.archive = gzip.GzipFile(fileobj=file, mode="rb")
        self.name = name

    def read(self, size=-1):
        limit = settings.IMPORT_MAX_BYTES
        room = limit + 1 - self.archive.tell()
        with self.damage_said():
            data = self.archive.read(room if size is None or size < 0 else min(size, room))
        if self.archive.tell() > limit:
            raise BadGzip(
                f"{self.name} unpacks to more than {filesizeformat(limit)}, the most read from "
                "an archive: unpack it and import the file it holds."
            )
        return data

    def seek(self, offset, whence=io.SEEK_SET):
        with self.damage_said():
            return self.archive.seek(offset, whence)

    def tell(self):
        return self.archive.tell()

    @contextmanager
    def damage_said(self):
        try:
            yield
        except (OSError, EOFError, zlib.error) as error:
            raise BadGzip(f"{self.name}: the gzip archive is damaged ({error}).") from None


def author_for(username):
    """The blog author the posts will belong to: the named staff user's profile (made when
    she has none), or the site's only author. ValueError says what is wrong."""
    if not username:
        authors = list(Author.objects.all()[:2])
        if len(authors) == 1:
            return authors[0]
        raise ValueError("Say whose posts these are: --author USERNAME (a staff user).")
    user = get_user_model().objects.filter(username=username, is_staff=True).first()
    if user is None:
        raise ValueError(f"There is no staff user “{username}”.")
    profile = Author.objects.filter(user=user).first()
    if profile:
        return profile
    name = user.get_full_name() or user.get_username()
    slug = slugify(name) or f"author-{user.pk}"
    if Author.objects.filter(slug=slug).exists():
        slug = f"{slug}-{user.pk}"
    return Author.objects.create(user=user, name=name, slug=slug, bio="")
