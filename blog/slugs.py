"""Post addresses made from whatever a source calls a post: ASCII, never empty, unique.

A slug the URL pattern refuses (blog/urls.py: `<slug:slug>`) cannot be reversed, so every
list holding its post would fail; the importer (transfer/writer.py) and migration 0005
store only what `post_slug` makes.
"""

import re
from urllib.parse import unquote

from django.urls.converters import SlugConverter
from django.utils.text import slugify

FALLBACK = "post"

# Latin letters that Unicode decomposition does not split into a letter and an accent,
# so slugify() would drop them rather than fold them.
LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)

ADDRESS = re.compile(SlugConverter.regex)


def is_address(slug):
    """Whether the post URL's slug converter takes `slug` as it is."""
    return ADDRESS.fullmatch(slug) is not None


def ascii_slug(text, length):
    """`text` (a source's slug, percent-encoded as WordPress keeps it or not, or a title)
    as a lower-case ASCII slug of at most `length` characters: accents folded, emoji and
    other symbols dropped. Empty when nothing is left."""
    slug = slugify(unquote(text).translate(LETTERS))
    return slug[:length].strip("-_")


def post_slug(*sources, length):
    """The slug of the first of `sources` that makes one, else "post"."""
    return next(filter(None, (ascii_slug(source, length) for source in sources)), FALLBACK)


def unique_slug(slug, posts, length):
    """`slug`, or with -2, -3... when one of `posts` (a queryset) has it, within `length`."""
    stem = slug[: length - 6].rstrip("-_")  # what every candidate begins with
    taken = set(posts.filter(slug__startswith=stem).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug[: length - len(suffix)].rstrip("-_") + suffix
    return candidate
