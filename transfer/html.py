"""HTML from other blogs turned into what this site stores: Markdown for post bodies, the
plain text a reader typed for comments, one plain paragraph for summaries and titles.

Conversion to Markdown is markdownify's (MIT); what it produces is rendered later through
the same Markdown + nh3 path as a post typed in the admin, so nothing here needs to trust
the HTML it reads.
"""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from transfer.web import join

# WordPress's classic editor stores paragraphs as blank-line separated text and adds the
# <p> and <br> tags only when showing a post (wpautop); chunks that already start with one
# of these tags are left as they are, as wpautop does.
BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]"
    "|header|hr|iframe|li|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
BLOCK_START = re.compile(rf"</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
STASHED_PRE = re.compile(r"<pre>\x00(\d+)</pre>")
NEXTPAGE = "<!--nextpage-->"
# [caption ...]<a><img></a> Words[/caption]; older posts put the words in caption="...".
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.DOTALL)
CAPTION_ATTRIBUTE = re.compile(r'caption="([^"]*)"')
CAPTIONED_MEDIA = re.compile(r"\s*((?:<a\b[^>]*>)?\s*<img\b[^>]*>(?:\s*</a>)?)(.*)", re.DOTALL)
# [embed]address[/embed] is the classic editor's way to write the block editor's embed.
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL)
EMBED_CLASS = "wp-block-embed__wrapper"
# Core shortcodes that draw something on the page; left in the text, and reported.
SHORTCODE = re.compile(r"\[(gallery|audio|video|playlist)\b[^\]]*\]")
# A <br> already ends its line; the newline typed after it is not a second break.
BR_NEWLINE = re.compile(r"<br\s*/?>[ \t]*\r?\n", re.IGNORECASE)
HEADING = re.compile(r"h[1-5]")
BLANK_LINES = re.compile(r"\n{3,}")
WHITESPACE_ONLY_LINE = re.compile(r"^[ \t\xa0]+$", re.MULTILINE)
PLAIN_BLOCKS = {"p", "div", "blockquote", "pre", "ul", "ol", "table", "tr", "figure"}
PLAIN_BLOCKS |= {f"h{level}" for level in range(1, 7)}
WEB_SCHEMES = ("http://", "https://")
# A link straight to a picture (WordPress links a thumbnail to its full size) is an image too.
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)


@dataclass
class Body:
    markdown: str
    images: list[str] = field(default_factory=list)  # absolute addresses, in order
    notes: list[str] = field(default_factory=list)  # what was guessed or left out


def body_to_markdown(html, base_url=""):
    """A WordPress post body (block editor or classic) as the site's Markdown."""
    notes = []
    if NEXTPAGE in html:
        notes.append("its pages (<!--nextpage-->) were joined into one")
    for name in dict.fromkeys(SHORTCODE.findall(html)):
        notes.append(f"the [{name}] shortcode was left in the text as it is")
    html = EMBED.sub(rf'<div class="{EMBED_CLASS}">\1</div>', CAPTION.sub(_figure, html))
    if "<!-- wp:" not in html:
        html = autop(html)
    return soup_to_markdown(BeautifulSoup(html, "html.parser"), base_url, notes)


def soup_to_markdown(soup, base_url="", notes=()):
    """Parsed HTML, already tidied by its reader, as the site's Markdown: addresses made
    absolute, embeds as links, headings below the title's."""
    notes = list(notes)
    images = _absolute_addresses(soup, base_url)
    notes += _embeds_to_links(soup)
    notes += _demote_headings(soup)
    try:
        markdown = MarkdownConverter(heading_style="ATX", bullets="-").convert_soup(soup)
    except RecursionError:
        notes.append("its HTML is nested too deeply to convert; kept as plain text")
        markdown = soup.get_text()
    return Body(_tidy(markdown), images, notes)


def autop(text):
    """Paragraph tags for text that has only blank lines between paragraphs (wpautop)."""
    stashed = []

    def stash(match):
        # A <pre> keeps its blank lines; it must not be split into paragraphs.
        stashed.append(match.group(0))
        return f"<pre>\x00{len(stashed) - 1}</pre>"

    text = BR_NEWLINE.sub("<br>", text.replace("\r\n", "\n"))
    chunks = re.split(r"\n\s*\n", PRE.sub(stash, text))
    paragraphs = [_paragraph(chunk.strip()) for chunk in chunks if chunk.strip()]
    return STASHED_PRE.sub(lambda m: stashed[int(m.group(1))], "\n\n".join(paragraphs))


def to_plain_text(html, *, link_addresses=True):
    """What a commenter typed: paragraphs, line breaks, links as their addresses."""
    if "<" not in html and "&" not in html:  # most comments are typed without markup
        return _tidy_text(html)
    soup = BeautifulSoup(BR_NEWLINE.sub("<br>", html), "html.parser")
    for tag in soup.find_all(True):  # one pass: thousands of comments go through here
        if tag.name in ("script", "style"):
            tag.decompose()
        elif tag.name == "br":
            tag.replace_with("\n")
        elif tag.name == "a":
            tag.replace_with(_link_text(tag) if link_addresses else tag.get_text())
        elif tag.name == "li":
            tag.insert_before("\n- ")
        elif tag.name in PLAIN_BLOCKS:
            tag.insert_before("\n\n")
            tag.insert_after("\n\n")
    return _tidy_text(soup.get_text())


def to_line(html):
    """One plain paragraph (a title, a summary, a name): tags out, entities decoded."""
    return " ".join(to_plain_text(html, link_addresses=False).split())


def _paragraph(chunk):
    if BLOCK_START.match(chunk):
        return chunk
    return "<p>" + chunk.replace("\n", "<br>\n") + "</p>"


def _figure(match):
    attributes, inner = match.groups()
    media = CAPTIONED_MEDIA.match(inner)
    if not media:
        return inner
    words = CAPTION_ATTRIBUTE.search(attributes)
    caption = words.group(1) if words else media.group(2).strip()
    return f"<figure>{media.group(1)}<figcaption>{caption}</figcaption></figure>"


def _absolute_addresses(soup, base_url):
    """Make image and link addresses absolute (the old site's), returning the images."""
    images = []
    for tag in soup.find_all(["a", "img"]):
        attribute = "src" if tag.name == "img" else "href"
        written = (tag.get(attribute) or "").strip()
        if not written:
            continue
        address = join(base_url, written)
        if address is None:  # malformed: no browser could follow it either
            if tag.name == "img":
                tag.decompose()
            else:
                del tag[attribute]
            continue
        tag[attribute] = address
        if address.startswith(WEB_SCHEMES) and (tag.name == "img" or IMAGE_FILE.search(address)):
            images.append(address)
    return list(dict.fromkeys(images))


def _embeds_to_links(soup):
    """An embedded video or map (a frame, or WordPress's embed block, which holds just the
    address) becomes a link to what it showed."""
    notes = []
    for embed in soup.select(f"iframe, .{EMBED_CLASS}"):
        source = (embed.get("src") if embed.name == "iframe" else embed.get_text()) or ""
        source = source.strip()
        if source.startswith(WEB_SCHEMES):
            link = soup.new_tag("a", href=source)
            link.string = source
            paragraph = soup.new_tag("p")
            paragraph.append(link)
            embed.replace_with(paragraph)
            notes.append(f"an embedded video or page became a link to {source}")
        elif embed.name == "iframe":
            embed.decompose()
    return notes


def _demote_headings(soup):
    """The post's title is the page's only h1, so a body that uses h1 moves down a level."""
    if not soup.find("h1"):
        return []
    for heading in soup.find_all(HEADING):
        heading.name = f"h{int(heading.name[1]) + 1}"
    return ["its headings moved down one level, since the title is the page's h1"]


def _link_text(link):
    address = link.get("href", "").strip()
    words = link.get_text().strip()
    if address.startswith("mailto:"):
        address = address.removeprefix("mailto:")
    elif not address.startswith(WEB_SCHEMES):
        return words
    if not words or _bare(words) == _bare(address):
        return address
    return f"{words} ({address})"


def _bare(address):
    for prefix in (*WEB_SCHEMES, "www."):
        address = address.removeprefix(prefix)
    return address.rstrip("/")


def _tidy(markdown):
    return BLANK_LINES.sub("\n\n", WHITESPACE_ONLY_LINE.sub("", markdown)).strip()


def _tidy_text(text):
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
