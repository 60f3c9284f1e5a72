"""From a file's bytes to parsed records: format detection and the per-format parsers."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from blog.models import Author
from transfer import weebly, wxr
from transfer.records import UnreadableSource

FORMATS = ("wxr", "weebly-text", "weebly-site")
SITE_FORMAT = "weebly-site"  # read from an address or a folder (weebly_site), not a file


def is_site(location):
    """Whether `location` names a whole blog to read (an http(s) address, a folder)
    rather than a file."""
    return str(location).startswith(("http://", "https://")) or Path(location).is_dir()


def read(data, *, name, format=None, title="", published=None, timezone, author_names=()):
    """The Source parsed from one file's bytes; UnreadableSource says why it cannot be."""
    if format == SITE_FORMAT:
        raise UnreadableSource(f"{name}: a Weebly blog is read from its address or a folder.")
    if not data.strip():
        raise UnreadableSource(f"{name}: the file is empty.")
    format = format or ("wxr" if wxr.looks_like(data) else "weebly-text")
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
