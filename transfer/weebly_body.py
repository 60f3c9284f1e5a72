"""The text of one Weebly post (its `.blog-content`) as Markdown, with its pictures.

Weebly shows pictures in several ways: an image block with its caption below it, a gallery
with a caption under each picture, a slideshow drawn by a script (`wSlideshow.render`) from
a list in JavaScript, and small copies linked to larger ones. Each becomes its largest copy
with its caption, columns are read one after another and videos become their addresses.
"""

import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from transfer import html
from transfer.web import join

PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp)$", re.I)
DEFAULT_ALTS = {"", "picture", "image", "photo"}  # what Weebly writes when she wrote nothing
YOUTUBE = re.compile(r"youtube(?:-nocookie)?\.com/embed/([\w-]+)")


def read(element, url, source):
    """The post's text as Markdown, and its lead picture as (address, alt) or None; a post
    with no text is noted in `source`."""
    content = element.select_one('[class*="blog-content"]')
    if content is None:
        source.note(url, "no post text found (div.blog-content)")
        return html.Body(""), None
    lead = _tidy(content, url)
    return html.soup_to_markdown(content, url), lead


def _tidy(content, base):
    """Weebly's blocks as plain HTML for the Markdown converter, in place: every picture (a
    slideshow's, a gallery's, an image block's) as its largest copy with its caption below
    it, columns one after another, videos as their addresses. Returns the first picture
    as (address, description), or None."""
    maker = BeautifulSoup("", "html.parser")

    def figure(address, alt, caption=""):
        picture = maker.new_tag("p")
        picture.append(maker.new_tag("img", src=address, alt=caption or alt))
        if not caption:
            return [picture]
        words = maker.new_tag("p")
        words.string = caption
        return [picture, words]

    for script in content.find_all("script"):
        text = script.string or ""
        shown = _slideshow(text) if "wSlideshow" in text else []
        addresses = [(_uploaded(url, base), words) for url, words in shown]
        figures = [tag for url, words in addresses if url for tag in figure(url, "", words)]
        if figures:
            script.replace_with(*figures)
        else:
            script.decompose()
    for tag in content.select("style, noscript, form, input, button, textarea"):
        tag.decompose()
    for img in content.find_all("img"):
        if _largest(img, base) is None:  # no picture: an empty or malformed address
            img.decompose()
    for block in content.select('[class*="imageGallery"], [class*="wsite-image"]'):
        pictures = block.find_all("img")
        if not pictures:
            continue  # a frame with no picture, or inside a block already replaced
        found = [(_largest(img, base), _alt(img)) for img in pictures]
        if "imageGallery" in " ".join(block.get("class", [])):
            captions = [_gallery_caption(img) for img in pictures]
        else:  # an image block: the words below its picture are the caption
            for img in pictures:
                img.decompose()
            captions = [""] * (len(found) - 1) + [html.to_line(block.decode_contents())]
        shown = zip(found, captions, strict=True)
        block.replace_with(*[tag for (url, alt), words in shown for tag in figure(url, alt, words)])
    for img in content.find_all("img"):
        link = img.find_parent("a")
        address = _largest(img, base)
        img["src"] = address
        if link and address == join(base, link.get("href", "")):
            link.replace_with(img)
    for table in content.select('table[class*="wsite-multicol"]'):
        cells = [td for td in table.find_all("td") if td.find_parent("table") is table]
        table.replace_with(*[child for cell in cells for child in list(cell.contents)])
    for frame in content.find_all("iframe"):
        source = join(base, frame.get("src", "").strip()) or ""
        video = YOUTUBE.search(source)
        frame["src"] = f"https://www.youtube.com/watch?v={video[1]}" if video else source
    first = content.find("img")
    return (first["src"], first.get("alt", "")) if first else None


def _largest(img, base):
    """The picture's address, or the larger copy its link opens; None when it has none."""
    link = img.find_parent("a")
    href = (link.get("href") or "").strip() if link else ""
    larger = join(base, href) if href else None
    if larger and PICTURE_FILE.search(urlsplit(larger).path):
        return larger
    src = (img.get("src") or "").strip()
    return join(base, src) if src else None


def _gallery_caption(img):
    """The words under one picture of a gallery: in its holder, or in the item around it."""
    holder = img.find_parent(class_=re.compile("galleryImageHolder"))
    for item in (holder, holder and holder.parent):
        if item and len(item.find_all("img")) == 1:
            words = item.find(class_=re.compile("galleryCaption"))
            if words:
                return html.to_line(words.decode_contents())
    return ""


def _alt(img):
    alt = " ".join((img.get("alt") or "").split())
    return "" if alt.casefold() in DEFAULT_ALTS else alt


def _uploaded(url, base):
    """A slideshow picture's address: Weebly writes most relative to the site's uploads."""
    if url.startswith(("http://", "https://", "//", "/")):
        return join(base, url)
    return join(base, "/uploads/" + url)


SCRIPT_OBJECT = re.compile(r"""\{(?:[^{}"']|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')*\}""")
SCRIPT_FIELD = re.compile(
    r"""["']?(\w+)["']?\s*:\s*("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^,}\s]+)"""
)


def _slideshow(script):
    """[(address, caption)] of `wSlideshow.render({... images: [{url, caption}, ...]})`,
    read leniently: the object is JavaScript, not always JSON."""
    start = re.search(r"""["']?images["']?\s*:\s*\[""", script)
    if start is None:
        return []
    shown = []
    for item in SCRIPT_OBJECT.findall(_bracketed(script, start.end() - 1)):
        fields = {name: _script_value(value) for name, value in SCRIPT_FIELD.findall(item[1:-1])}
        if fields.get("url"):
            shown.append((fields["url"], html.to_line(fields.get("caption", ""))))
    return shown


def _bracketed(text, start):
    """The array that opens at text[start], to its closing bracket (strings skipped)."""
    depth, quote, escaped = 0, None, False
    for index in range(start, len(text)):
        char = text[index]
        if escaped:
            escaped = False
        elif quote:
            escaped, quote = char == "\\", None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[]":
            depth += 1 if char == "[" else -1
            if depth == 0:
                return text[start : index + 1]
    return text[start:]


def _script_value(raw):
    if raw[:1] not in ("'", '"'):
        return raw
    if raw[0] == "'":  # as a JSON string: its unescaped double quotes escaped
        raw = '"' + re.sub(r'(?<!\\)"', r"\"", raw[1:-1].replace("\\'", "'")) + '"'
    try:
        return json.loads(raw)
    except ValueError:
        return raw[1:-1]
