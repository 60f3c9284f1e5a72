"""Post bodies from Markdown to HTML: one pipeline for the stored body and the admin preview."""

import markdown
import nh3
from django.utils.safestring import mark_safe

# What Markdown may produce in a post body; anything else (script, style, on* attributes)
# is dropped by nh3 even if the therapist pastes it.
BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote",
    "code", "pre", "hr", "img", "figure", "figcaption", "table", "thead", "tbody", "tr",
    "th", "td",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


def render(text):
    """`text` (Markdown) as sanitized HTML, safe to put in a page as it is."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html, tags=BODY_TAGS, attributes=BODY_ATTRIBUTES))
