"""A post's summary made from its body, for a post that comes without one (an imported post
with no excerpt): whole sentences of its first paragraph, never a list run into a line."""

import re
from html.parser import HTMLParser

from blog.markdown import render

# Text inside these is not the post's opening paragraph: a quotation, a list, a caption...
NOT_PROSE = {"blockquote", "li", "ul", "ol", "table", "figure", "figcaption", "pre", "h2", "h3"}
NOT_PROSE |= {"h4", "h5", "h6"}
# A line typed as a list item ("- Walk briskly", "2) Hop") after a <br>, as old editors allow.
TYPED_ITEM = re.compile(r"\s*(?:[-*+•–—]|\d{1,2}[.)])\s")
# A sentence ends at . ! ? or … (with any closing quote or bracket) before a space and the
# next sentence's capital, digit or opening quote: "e.g. the hips" and "Dr. Lee" go on.
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*(?=\s+["'“‘(\[]?(\w))""")
ABBREVIATION = re.compile(r"(?:^|\s)(?:Dr|Mr|Mrs|Ms|St|Prof|vs|e\.g|i\.e|[A-Z])\.$")
WHOLE = re.compile(r"""[.!?…]["'”’)\]]*$""")


class Paragraphs(HTMLParser):
    """The body's top-level paragraphs as text, a line break kept as a newline."""

    def __init__(self):
        super().__init__()
        self.found, self.current, self.outside = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_PROSE:
            self.outside += 1
        elif tag == "p" and not self.outside:
            self.current = []
        elif tag == "br" and self.current is not None:
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in NOT_PROSE:
            self.outside = max(0, self.outside - 1)
        elif tag == "p" and self.current is not None:
            self.found.append("".join(self.current))
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.outside:
            self.current.append(data)


def from_body(markdown_text, length):
    """Whole sentences of the body's first paragraph that holds one, as many as fit in
    `length` characters. A paragraph's text stops where a typed list starts. With no
    whole sentence anywhere, the first paragraph's words, cut at a word."""
    parser = Paragraphs()
    parser.feed(render(markdown_text))
    parser.close()
    paragraphs = [prose(found) for found in parser.found]
    for paragraph in paragraphs:
        sentences = [s for s in sentences_of(paragraph) if WHOLE.search(s)]
        if sentences:
            kept = []
            for sentence in sentences:
                if len(" ".join([*kept, sentence])) > length:
                    break
                kept.append(sentence)
            return " ".join(kept) or cut(sentences[0], length)
    return cut(next((p for p in paragraphs if p), ""), length)


def prose(paragraph):
    """A paragraph's lines up to the first one typed as a list item, as one line."""
    lines = []
    for line in paragraph.split("\n"):
        if TYPED_ITEM.match(line):
            break
        lines.append(line)
    return " ".join(" ".join(lines).split())


def sentences_of(text):
    sentences, start = [], 0
    for end in SENTENCE_END.finditer(text):
        sentence = text[start : end.end()]
        next_letter = end.group(1)
        if (next_letter.isupper() or next_letter.isdigit()) and not ABBREVIATION.search(sentence):
            sentences.append(sentence.strip())
            start = end.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def cut(text, length):
    """`text` within `length` characters, cut at a space, an ellipsis where it goes on."""
    if len(text) <= length:
        return text
    head = text[: length - 1]
    return (head.rsplit(" ", 1)[0] if " " in head else head) + "…"
