"""A proposed step's exercise name and instructions from its words, and names compared as
the library compares them (case, punctuation and plurals aside)."""

import re

from blog import dosage
from blog.post_blocks import normal

HEAD = re.compile(r"^(.{1,60}?)\s*(?::|\s[-–—]\s|[.;!?](?:\s|$))\s*(.*)$", re.S)
NUMBERING = re.compile(r"^(?:step\s*)?#?\d{1,3}\s*[.):-]?\s+", re.I)
STOP_WORDS = {"a", "an", "and", "the", "with", "of", "on", "in", "to", "your", "for", "at", "or"}
NAME_WORDS = 6


def name_and_instructions(candidate):
    """The exercise's name (a heading above it, or the caption's first words before a colon,
    dash or full stop) without its dosage words, and the instructions that follow it."""
    text = candidate.text.strip()
    if candidate.heading:
        return short_name(candidate.heading) or "Exercise", text
    first, _, rest = text.partition("\n\n")
    head = HEAD.match(first)
    if head and len(head.group(1).split()) <= NAME_WORDS and short_name(head.group(1)):
        instructions = "\n\n".join(filter(None, [head.group(2).strip(), rest.strip()]))
        return short_name(head.group(1)), upper_first(instructions)
    if candidate.kind == "illustration":
        return short_name(candidate.alt) or "Picture", text
    words = short_name(first).split()[:5]
    while len(words) > 1 and words[-1].casefold() in STOP_WORDS:
        words.pop()
    return " ".join(words) or "Exercise", text


def short_name(text):
    """`text` as a name: numbering, dosage words and brackets left empty by them removed."""
    text = NUMBERING.sub("", normal(text))
    for start, end in reversed(dosage.read(text).spans):
        text = text[:start] + text[end:]
    text = re.sub(r"\(\W*\)|\[\W*\]", "", text)
    text = " ".join(text.split()).strip(" ,.;:-–—()")
    if len(text) > 60:
        text = text[:60].rsplit(" ", 1)[0]
    return upper_first(text)


def upper_first(text):
    return text[:1].upper() + text[1:]


def name_key(name):
    """A name as compared with the library: case, punctuation and plurals aside."""
    return " ".join(singular(word) for word in re.findall(r"[^\W_]+", name.casefold()))


def singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
