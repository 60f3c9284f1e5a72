"""Site search: posts here; other apps' text (comments) through the sources
settings.SEARCH_SOURCES names.

blog imports no app above it, so the comments app's source (comments/search.py) is named in
settings, not imported here. Each source gets the visitor's text and the words to mark, and
returns Hits already ranked, in a constant number of queries.

PostgreSQL ranks with full-text search over stored, trigger-maintained vectors (see the
migrations blog 0004 and comments 0004); SQLite falls back to matching every word,
case-insensitively. Snippets are made here, in Python, from text already fetched: escaped,
with the matched words in <mark>, so no text a commenter wrote can become markup.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.utils.html import escape, strip_tags
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

CONFIG = "english"
SNIPPET_CHARS = 220  # about two lines on a phone
LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")
WORD = re.compile(r"\w+")
# A hyphen inside a word joins its parts ("hip-flexor"); before a word it leaves that word
# out ("-knee"), as search boxes read it.
JOINING_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Any other hyphen than one starting a word or a quoted phrase: PostgreSQL reads each as
# "not", and more than 32 of them in a row, with nothing to negate, overflow its parser.
STRAY_HYPHEN = re.compile(r"-(?![\w\"])|(?<=[\w-])-")
# More words than anyone types narrow nothing down, yet each one is more work per row.
MAX_WORDS = 12


@dataclass(frozen=True)
class Hit:
    url: str
    title: str
    snippet: SafeString
    date: datetime | None = None
    byline: str = ""
    badge: str = ""


@dataclass(frozen=True)
class Source:
    heading: str
    singular: str
    plural: str
    find: object  # find(text, terms, limit) -> list[Hit], best first


@dataclass
class Section:
    source: Source
    hits: list = field(default_factory=list)
    more: bool = False

    def count_text(self):
        n = len(self.hits)
        noun = self.source.singular if n == 1 else self.source.plural
        return f"{'more than ' if self.more else ''}{n} {noun}"


def is_postgresql(using="default"):
    return connections[using].vendor == "postgresql"


def query(text):
    """The visitor's words as PostgreSQL reads a search box: never a syntax error."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def terms(text, using="default"):
    """The words to mark in snippets: the visitor's own, plus on PostgreSQL the stems it
    matched on (so "stretches" also marks "stretching")."""
    words = {word.lower() for word in WORD.findall(text)}
    if not is_postgresql(using):
        return sorted(words, key=len, reverse=True)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [CONFIG, text])
        parsed = cursor.fetchone()[0]
    stems = {word.replace("''", "'") for negated, word in LEXEME.findall(parsed) if not negated}
    # Words the query excludes ("-knee") or drops (stop words) are not marked; a word
    # whose stem changed its ending ("happy", 'happi') still is.
    kept = {
        w
        for w in words
        if any(w.startswith(s) or (len(w) > 3 and s.startswith(w[:-1])) for s in stems)
    }
    return sorted(kept | stems, key=len, reverse=True)


def plain(html_text):
    """Rendered HTML as the text a reader sees, for snippets."""
    return " ".join(html.unescape(strip_tags(html_text)).split())


def snippet(text, words, chars=SNIPPET_CHARS):
    """About `chars` characters of `text` around its first match, escaped, matches marked."""
    text = " ".join(text.split())
    pattern = matcher(words)
    first = pattern and pattern.search(text)
    start = max(0, first.start() - chars // 3) if first else 0
    return mark(shorten(text, start, chars), words)


def mark(text, words):
    """`text` escaped, with each word matching `words` in <mark>."""
    pattern = matcher(words)
    if not pattern:
        return escape(text)
    marked, last = [], 0
    for match in pattern.finditer(text):
        marked += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    marked.append(escape(text[last:]))
    return mark_safe("".join(marked))


def matcher(words):
    if not words:
        return None
    alternatives = "|".join(map(re.escape, words))
    # Whole words are marked: on PostgreSQL those starting with a matched stem, on SQLite
    # any holding a word searched for (as its search matched).
    start = r"\b" if is_postgresql() else r"\w*"
    return re.compile(rf"{start}(?:{alternatives})\w*", re.I)


def shorten(text, start, chars):
    """text[start:start + chars], cut at spaces, with an ellipsis where text goes on."""
    if start:
        start = text.find(" ", start - 1) + 1 or start
    end = start + chars
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return f"{'… ' if start else ''}{text[start:end]}{' …' if end < len(text) else ''}"


def post_hits(text, words, limit):
    from blog.models import Post

    posts = Post.objects.published().search(text).select_related("author")
    posts = posts.prefetch_related("steps__exercise")[: limit + 1]
    return [
        Hit(
            url=post.get_absolute_url(),
            title=post.title,
            snippet=snippet(post_text(post), words),
            date=post.published_at,
            byline=post.author.name,
        )
        for post in posts
    ]


def post_text(post):
    """What a reader reads of a post, in page order: summary, body, then the steps."""
    steps = " ".join(
        f"{step.exercise.name}. {step.exercise.instructions} {step.note}"
        for step in post.steps.all()
    )
    return f"{post.summary} {plain(post.body_html)} {steps}"


POSTS = Source(heading="Posts", singular="post", plural="posts", find=post_hits)


def parts(text):
    """`text` with each hyphenated word as its parts, so that "hip-flexor" finds what "hip
    flexor" finds on either database: PostgreSQL would also require the joined word, which
    text written with a space lacks, and SQLite would look for it as typed."""
    return JOINING_HYPHEN.sub(" ", text)


def searched(text):
    """What is searched for when a visitor types `text`: its first MAX_WORDS words, each
    hyphenated one in parts, hyphens kept only where they leave a word or phrase out."""
    return STRAY_HYPHEN.sub(" ", parts(" ".join(text.split()[:MAX_WORDS])))


def search(text, limit=30):
    """Sections of results for `text`: posts first, then each source settings.SEARCH_SOURCES
    names. Every source gets the words as `searched` gives them; text with no word in it
    (only punctuation or symbols) matches nothing."""
    text = searched(text)
    sources = [POSTS, *map(import_string, settings.SEARCH_SOURCES)]
    if not WORD.search(text):
        return [Section(source) for source in sources]
    words = terms(text)
    sections = []
    for source in sources:
        hits = source.find(text, words, limit)
        sections.append(Section(source, hits[:limit], more=len(hits) > limit))
    return sections


def summary(sections, text):
    """One sentence for the status line: 'Found 2 posts and 3 comments for “hip”.'"""
    words = text.split()
    text = " ".join(words[:MAX_WORDS])
    found = [section.count_text() for section in sections if section.hits]
    if not found:
        said = f"Nothing matches “{text}”."
    else:
        listed = found[0] if len(found) == 1 else f"{', '.join(found[:-1])} and {found[-1]}"
        said = f"Found {listed} for “{text}”."
    if len(words) > MAX_WORDS:
        said += f" Only the first {MAX_WORDS} words were searched."
    return said
