"""WXR's elements written as WordPress's exporter writes them: one element a line, text in
CDATA or escaped, metadata as key and value, dates in WordPress's own format."""

import re
from datetime import UTC
from html import escape

# Characters XML 1.0 cannot carry at all, not even in CDATA (control characters pasted
# into a comment): left out, or the whole file would be unreadable.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Plain(str):
    """Text written escaped rather than in CDATA, where WordPress does so (addresses)."""


def gmt(moment):
    return wordpress_date(moment.astimezone(UTC))


def wordpress_date(moment):
    """WordPress's "YYYY-MM-DD hh:mm:ss", with four-digit years (strftime drops zeros)."""
    return moment.replace(tzinfo=None).isoformat(" ", "seconds")


def group(depth, name, fields):
    """An element holding one line per field."""
    indent = "\t" * depth
    inner = "".join(line(depth + 1, *field) for field in fields)
    return f"{indent}<{name}>\n{inner}{indent}</{name}>\n"


def meta_fields(name, pairs):
    """WordPress's postmeta or commentmeta: an element holding a key and a value per pair."""
    return [(name, [("wp:meta_key", key), ("wp:meta_value", value)]) for key, value in pairs]


def line(depth, name, value, attributes=""):
    """One element on its own line: numbers and Plain text escaped, other text in CDATA;
    a list of fields makes a group."""
    if isinstance(value, list):
        return group(depth, name, value)
    if isinstance(value, int | Plain):
        text = escape(NOT_XML.sub("", str(value)), quote=False)
    else:
        text = cdata(value)
    indent = "\t" * depth
    return f"{indent}<{name}{attributes}>{text}</{name}>\n"


def cdata(text):
    """Text in a CDATA section; a "]]>" in it is split across two, as WordPress does."""
    text = NOT_XML.sub("", text)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
