"""An uploaded XML file read safely: its bytes checked, then parsed as a stream by
defusedxml (no entity bombs, no outside files), every failure a message for a person. Both
read the file a piece at a time, so a big file is never whole in memory."""

import codecs
import io
import re
from itertools import chain
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ErrorString, errors

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from transfer.records import UnreadableSource

# The parser's errors that mean the file ends where the XML has not.
TRUNCATED = {
    errors.codes[message]
    for message in (
        errors.XML_ERROR_NO_ELEMENTS,
        errors.XML_ERROR_UNCLOSED_TOKEN,
        errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        errors.XML_ERROR_PARTIAL_CHAR,
    )
}
ARCHIVES = {b"\x1f\x8b": "a gzip archive", b"PK\x03\x04": "a zip archive"}
CHUNK = 1024 * 1024
DECLARED_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.-]+)")


def check_bytes(data):
    """Refuse what is plainly not XML text before the XML parser sees it."""
    check_file(io.BytesIO(data))


def check_file(file):
    """check_bytes for an open binary file, read from its start a chunk at a time; it is
    left rewound."""
    head = next(chunks(file), b"")[:1024]
    for magic, kind in ARCHIVES.items():
        if head.startswith(magic):
            raise UnreadableSource(f"This is {kind}, not an XML file: unpack it first.")
    wide = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not wide:
        raise UnreadableSource("This is a binary file, not XML text.")
    declared = DECLARED_ENCODING.match(head)
    if not any(chunk.strip() for chunk in chunks(file)):
        raise UnreadableSource("The file is empty.")
    if declared and not wide:
        _check_encoding(file, declared.group(1).decode("ascii"))
    file.seek(0)


def chunks(file):
    file.seek(0)
    while chunk := file.read(CHUNK):
        yield chunk


def _check_encoding(file, declared):
    try:
        encoding = codecs.lookup(declared).name
    except LookupError:
        raise UnreadableSource(f"It declares an unknown encoding, “{declared}”.") from None
    decoder, lines, plain = codecs.getincrementaldecoder("utf-8")(), 0, True
    for chunk in chain(chunks(file), [b""]):  # b"": the end, where a character may be cut off
        waiting = len(decoder.getstate()[0])
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            if encoding == "utf-8":
                line = lines + chunk.count(b"\n", 0, max(error.start - waiting, 0)) + 1
                raise UnreadableSource(
                    f"It says it is UTF-8, but line {line} is not: it was saved in another "
                    "encoding. Export it again, or save it as UTF-8."
                ) from None
            return
        lines += chunk.count(b"\n")
        plain = plain and chunk.isascii()
    # Bytes that are valid UTF-8 and not plain ASCII are UTF-8 text mislabelled.
    if encoding not in ("utf-8", "ascii") and not plain:
        raise UnreadableSource(
            f"It says it is {declared}, but its text is UTF-8: the XML declaration is "
            "wrong. Export it again, or correct the declaration."
        )


def events(file):
    """The XML parser's events as it reads the open binary file, its errors turned into a
    message for a person."""
    try:
        yield from iterparse(file, events=("start", "end"))
    except ParseError as error:
        raise UnreadableSource(_xml_problem(error)) from None
    except DefusedXmlException:
        raise UnreadableSource(
            "It defines XML entities or refers to outside files, which an export never "
            "does; it was not read, to be safe."
        ) from None
    except ValueError as error:  # e.g. a multi-byte encoding that expat cannot read
        raise UnreadableSource(f"Its encoding cannot be read ({error}).") from None


def _xml_problem(error):
    line, column = error.position
    where = f"line {line}, column {column + 1}: {ErrorString(error.code)}"
    if error.code in TRUNCATED:
        return f"The file stops in the middle ({where}): it looks cut off. Export it again."
    return f"This is not well-formed XML ({where})."
