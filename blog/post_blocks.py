"""A post's Markdown body as blocks (pictures, paragraphs, headings, numbered lists), read
through the same renderer readers get, and the body again without some of them."""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image

from blog import markdown
from blog.images import ALLOWED_FORMATS

BLANK_LINE = re.compile(r"\n[ \t]*\n")
NUMBERED = re.compile(r"^( {0,3})(\d{1,9})([.)])(?=[ \t]|$)")
BULLET = re.compile(r"^ {0,3}[-*+][ \t]")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TEXT_ROLES = {"text", "heading", "item"}  # what "keep the text" keeps


def normal(text):
    return " ".join(text.split())


@dataclass
class Block:
    index: int
    source: str  # its Markdown, as in the body
    kind: str  # "picture" | "text" | "heading" | "list" | "other"
    text: str = ""  # a paragraph's or heading's words
    after: str = ""  # a heading's: paragraphs in the same block, under it
    src: str = ""  # a picture's address
    alt: str = ""
    items: list[str] = field(default_factory=list)  # a numbered list's items' words
    pictures: int = 0  # pictures inside an "other" block


@dataclass
class Piece:
    """A part of the body a proposal is made from: a whole block, or one item of a list."""

    block: int
    role: str  # "picture" | "caption" | "heading" | "text" | "item"
    source: str  # the block's Markdown
    item: int | None = None


@dataclass
class Caption:
    text: str
    piece: Piece


@dataclass
class Picture:
    block: Block
    piece: Piece
    src: str
    alt: str
    caption: Caption | None


def chunks(body):
    """The body's top-level Markdown blocks: split at blank lines, with indented chunks and
    a loose list's later items kept with what they belong to."""
    parts = []
    for chunk in BLANK_LINE.split(body.replace("\r\n", "\n").strip("\n")):
        if not chunk.strip():
            continue
        previous = parts[-1] if parts else ""
        continues = chunk[:1] in " \t" or (
            (NUMBERED.match(previous) and NUMBERED.match(chunk))
            or (BULLET.match(previous) and BULLET.match(chunk))
        )
        if previous and continues:
            parts[-1] = f"{previous}\n\n{chunk}"
        else:
            parts.append(chunk)
    return parts


def split(body):
    return [classify(index, chunk) for index, chunk in enumerate(chunks(body))]


def classify(index, source):
    soup = BeautifulSoup(markdown.render(source), "html.parser")
    top = [element for element in soup.contents if element.name]
    block = Block(index, source, "other", pictures=len(soup.find_all("img")))
    if not top:
        return block
    first = top[0]
    if len(top) == 1 and first.name == "p":
        images = first.find_all("img")
        words = normal(first.get_text(" "))
        if len(images) == 1 and not words:
            alt = normal(images[0].get("alt", ""))
            return Block(index, source, "picture", src=images[0].get("src", ""), alt=alt)
        if not images:
            return Block(index, source, "text", text=words)
    elif first.name in HEADINGS and all(e.name == "p" and not e.find("img") for e in top[1:]):
        after = "\n\n".join(normal(e.get_text(" ")) for e in top[1:])
        return Block(index, source, "heading", text=normal(first.get_text(" ")), after=after)
    elif len(top) == 1 and first.name == "ol" and not first.find("img"):
        items = [normal(li.get_text(" ")) for li in first.find_all("li", recursive=False)]
        if len(items) == len(item_sources(source)):
            return Block(index, source, "list", items=items)
    return block


def item_sources(source):
    """A numbered list's Markdown, one string per item (with its continuation lines)."""
    items = []
    for line in source.split("\n"):
        if NUMBERED.match(line) or not items:
            items.append(line)
        else:
            items[-1] += "\n" + line
    return items


def pictures(blocks):
    """Every picture block, with its caption when the next paragraph repeats its description
    word for word (as an imported Weebly post keeps a caption)."""
    found = []
    for block in blocks:
        if block.kind != "picture":
            continue
        caption = None
        following = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
        if following and following.kind == "text" and block.alt and following.text == block.alt:
            caption = Caption(following.text, Piece(following.index, "caption", following.source))
        piece = Piece(block.index, "picture", block.source)
        found.append(Picture(block, piece, block.src, block.alt, caption))
    return found


def runs(found):
    """Captioned pictures one after another, as lists: a gallery is a run of two or more."""
    grouped = []
    for picture in found:
        if picture.caption is None:
            continue
        last = grouped[-1][-1] if grouped else None
        if last is not None and last.caption.piece.block + 1 == picture.block.index:
            grouped[-1].append(picture)
        else:
            grouped.append([picture])
    return grouped


def stored_picture(src):
    """(the storage name of the picture at `src`, "") when it is stored on this site as an
    exercise photo can be; else ("", what is wrong)."""
    media = settings.MEDIA_URL
    address = urlsplit(src)
    # A relative MEDIA_URL names no host: a picture on another host is not ours.
    path = (address.path if not address.netloc else "") if media.startswith("/") else src
    if not path.startswith(media):
        return "", f"the picture is not stored on this site: {src}"
    name = unquote(path[len(media) :])
    if not name or ".." in name.split("/") or not default_storage.exists(name):
        return "", f"the picture's file is missing here: {name or src}"
    try:
        with default_storage.open(name) as file, Image.open(file) as image:
            kind = image.format
    except Exception:
        return "", f"the picture's file cannot be read as an image: {name}"
    if kind not in ALLOWED_FORMATS:
        return "", f"the picture is a {kind}; exercise photos are JPEG, PNG or WebP: {name}"
    return name, ""


def without(body, pieces, keep_text=False):
    """`body` without the blocks (and list items) in `pieces`: pictures and captions always,
    paragraphs, headings and list items unless `keep_text`. A piece is found by its words,
    at its place or, when the body changed around it, at the first block that matches."""
    parts = chunks(body)
    dropped, items = set(), {}
    for piece in sorted(pieces, key=lambda p: (p.block, p.item or 0)):
        if keep_text and piece.role in TEXT_ROLES:
            continue
        where = place(parts, piece, dropped)
        if where is None:
            continue
        if piece.item is None:
            dropped.add(where)
        else:
            items.setdefault(where, set()).add(piece.item)
    kept = []
    for index, part in enumerate(parts):
        if index in dropped:
            continue
        if index in items:
            every = item_sources(part)
            part = renumbered([s for n, s in enumerate(every) if n not in items[index]], every[0])
            if not part:
                continue
        kept.append(part)
    return "\n\n".join(kept)


def place(parts, piece, dropped):
    if piece.block < len(parts) and parts[piece.block] == piece.source:
        return piece.block
    return next(
        (n for n, part in enumerate(parts) if part == piece.source and n not in dropped), None
    )


def renumbered(items, first_item):
    """List items numbered again from the list's first number, so none is skipped."""
    if not items:
        return ""
    first = NUMBERED.match(first_item)
    start = int(first.group(2)) if first else 1
    return "\n".join(
        NUMBERED.sub(rf"\g<1>{start + offset}\g<3>", item, count=1)
        for offset, item in enumerate(items)
    )
