"""Comment text rendering: links only where a reader wrote one, everything else escaped."""

import pytest
from django.utils.html import linebreaks, urlize

from comments import text

SAMPLES = [
    "Plain words, no links at all. Just a question!",
    "Line one\nline two\n\nA new paragraph <b>not bold</b> & done.",
    "See example.com for more.",
    "Mail me at reader@example.org please",
    "https://example.net/hips?x=1&y=2 is the page",
    "www.example.com/stretch",
    "Time 10:30 and a ratio 1:2",
    "Ellipsis... and e.g. abbreviations",
    "a-.com odd",
    "(https://example.com/in-brackets).",
]


@pytest.mark.parametrize("body", SAMPLES)
def test_text_renders_as_urlize_would(body):
    expected = urlize(body, trim_url_limit=60, nofollow=True, autoescape=True)
    expected = linebreaks(expected.replace(' rel="nofollow"', ' rel="nofollow ugc"'), False)
    assert text.render(body) == expected


def test_text_without_links_is_escaped():
    assert text.render("<script>x</script> & more.") == (
        "<p>&lt;script&gt;x&lt;/script&gt; &amp; more.</p>"
    )
