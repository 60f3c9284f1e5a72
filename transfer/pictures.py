"""The old blog's pictures made this site's own: found in a local copy of its uploads
(--media DIR) or fetched from the old site, checked by Pillow (decoded whole: a damaged
picture is left out, not stored to fail later), each stored once and, as the site's own
uploads are, without the metadata a camera writes (where a photo was taken).

A picture is stored once however often it is met: the same address is read once, and the
same bytes (under any address, in this run or an earlier one) are one file, since a
picture's folder in storage is named by the digest of its bytes.
"""

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from blog.images import SAVE_OPTIONS, without_metadata
from transfer.fetch import FetchError

# WordPress links resized copies ("photo-1024x683.jpg"); the upload itself has no suffix.
SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
FOLDER = "imported"
LONGEST_NAME = 80


@dataclass(frozen=True)
class Stored:
    name: str  # the file's name in the site's storage
    url: str
    kind: str  # Pillow's name for its format: JPEG, PNG, WEBP, GIF


class Pictures:
    def __init__(self, folder=None, *, fetcher=None, dry_run=False):
        """`folder`: a local copy of the old uploads; `fetcher` (transfer.fetch): reads
        the pictures not found there from the old site."""
        self.root = Path(folder) if folder else None
        self.fetcher = fetcher
        self.dry_run = dry_run
        self.found = {}  # address -> Stored, or None when it could not be had

    def store_images(self, body, addresses, where, tally):
        """The body with each stored picture's address replaced by the stored copy's."""
        for address in dict.fromkeys(a for a in addresses if a):
            if address not in self.found:
                self.found[address] = self.store(address, where, tally)
            if self.found[address]:
                # The whole address only: one may be the start of another (a.jpg, a.jpg?2).
                whole = re.compile(rf"(?<![^\s(<\"']){re.escape(address)}(?![^\s)>\"'])")
                body = whole.sub(lambda _, url=self.found[address].url: url, body)
        return body

    def stored(self, address):
        """The stored picture for an address met by store_images, or None."""
        return self.found.get(address)

    def store(self, address, where, tally):
        found = self.read(address, where, tally)
        if found is None:
            return None
        name, data = found
        kind = picture_kind(data)
        if kind is None:
            tally.note(where, f"not a picture we can read, left out: {name}")
            return None
        if kind not in FORMATS:
            tally.note(where, f"not a picture we keep ({kind}), left out: {name}")
            return None
        if self.dry_run:
            tally.note(where, f"would store the picture {name}")
            return None
        stored, new = save_once(name, data, kind)
        if new:
            tally.note(where, f"stored the picture {name} as {stored.url}")
        else:
            tally.note(where, f"the picture {name} is already here as {stored.url}")
        return stored

    def read(self, address, where, tally):
        """(file name, bytes) of the picture, from the folder, else from the old site."""
        path = self.root and find(self.root, address)
        if path:
            try:
                return path.name, path.read_bytes()
            except OSError as error:
                tally.note(where, f"cannot read {path} ({error.strerror}), left out")
                return None
        if self.fetcher is None:
            tally.note(where, f"picture not found under --media, still on the old site: {address}")
            return None
        try:
            response = self.fetcher.get(address, picture=True)
        except FetchError as error:
            tally.note(where, f"picture not fetched, still on the old site: {error}")
            return None
        finally:
            for said in self.fetcher.notes:
                tally.note(*said)
            self.fetcher.notes.clear()
        return file_name(address), response.body


def find(root, address):
    """The file under `root` for a picture's address: the longest matching path tail, then
    the same without a resized copy's size suffix."""
    parts = [p for p in PurePosixPath(unquote(urlsplit(address).path)).parts if p != "/"]
    names = dict.fromkeys([parts[-1], SIZE_SUFFIX.sub("", parts[-1])] if parts else [])
    for name in names:
        for start in range(len(parts)):
            candidate = root.joinpath(*parts[start:-1], name)
            if candidate.is_file() and root.resolve() in candidate.resolve().parents:
                return candidate
    return None


def picture_kind(data):
    """Pillow's name for the picture's format, or None when it is not a picture that can be
    read whole: damaged, cut off, or with more pixels than Pillow reads without warning."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()  # checks what decoding does not: a PNG's checksums
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() leaves the pixels undecoded: a cut-off JPEG passes it
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    return kind


def file_name(address):
    name = PurePosixPath(unquote(urlsplit(address).path)).name
    return name or "picture"


def save_once(name, data, kind):
    """(Stored, whether it is new): the file already there with these bytes, else a new
    one."""
    folder = f"{FOLDER}/{hashlib.sha256(data).hexdigest()[:20]}"
    try:
        existing = default_storage.listdir(folder)[1]
    except (FileNotFoundError, NotADirectoryError):
        existing = []
    if existing:
        stored_name = f"{folder}/{sorted(existing)[0]}"
    else:
        stem = default_storage.get_valid_name(PurePosixPath(name).stem)[:LONGEST_NAME]
        wanted = f"{folder}/{stem or 'picture'}{FORMATS[kind]}"
        content = ContentFile(data, name=wanted)
        # As the site's own uploads: a GIF, which carries no camera metadata, as it is.
        stored_name = default_storage.save(
            wanted, without_metadata(content) if kind in SAVE_OPTIONS else content
        )
    return Stored(stored_name, default_storage.url(stored_name), kind), not existing
