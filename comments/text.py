"""A commenter's plain text, rendered to HTML once when the comment is written."""

import re
from unicodedata import category, normalize

from django.utils.html import escape, linebreaks, urlize

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# urlize looks only at words holding ".", "@" or ":", and a word's trailing dot is never
# a link: text without these can skip it, and most comments have none.
MAYBE_LINK = re.compile(r"[@:]|\.[^\s.]")
# Characters that show as nothing besides the format and control ones: the combining
# grapheme joiner, the Hangul fillers, the variation selectors.
BLANK = re.compile(
    "[\u034f\u115f\u1160\u3164\uffa0\u180b-\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)


def visible(line):
    """A line of text (a name) without what shows as nothing: zero-width spaces and
    joiners, direction marks and overrides, control characters; its spacing single spaces."""
    shown = (c for c in BLANK.sub("", line) if c.isspace() or category(c) not in ("Cf", "Cc"))
    return " ".join("".join(shown).split())


def comparable(line):
    """A name or email as compared with another: invisible characters, compatibility forms
    (full-width letters, ligatures), case and spacing make no new person."""
    # Case folding can undo the normal form ("ǰ"), so it is taken again after.
    return normalize("NFKC", normalize("NFKC", visible(line)).casefold())


def render(body):
    """Escaped text with paragraphs, line breaks and plain URLs as links marked as user's."""
    if MAYBE_LINK.search(body):
        html = urlize(body, trim_url_limit=60, nofollow=True, autoescape=True)
        html = html.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    else:
        html = escape(body)
    return linebreaks(html, autoescape=False)
