"""A commenter's plain text, rendered to HTML once when the comment is written."""

import re

from django.utils.html import linebreaks, urlize

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def render(body):
    """Escaped text with paragraphs, line breaks and plain URLs as links marked as user's."""
    html = urlize(body, trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return linebreaks(html, autoescape=False)
