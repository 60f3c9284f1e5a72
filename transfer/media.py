"""Pictures of the old site found in a local copy of its uploads (--media DIR)."""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

# WordPress links resized copies ("photo-1024x683.jpg"); the upload itself has no suffix.
SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class MediaFinder:
    def __init__(self, root, *, dry_run=False):
        self.root = Path(root)
        self.dry_run = dry_run
        self.stored = {}  # address -> the site's own URL, so a picture is stored once

    def find(self, address):
        """The file under the root for an image address: the longest matching path tail,
        then the same without a resized copy's size suffix."""
        parts = [p for p in PurePosixPath(unquote(urlsplit(address).path)).parts if p != "/"]
        names = dict.fromkeys([parts[-1], SIZE_SUFFIX.sub("", parts[-1])] if parts else [])
        for name in names:
            for start in range(len(parts)):
                candidate = self.root.joinpath(*parts[start:-1], name)
                if candidate.is_file() and self.root.resolve() in candidate.resolve().parents:
                    return candidate
        return None

    def store_images(self, body, addresses, where, tally):
        """The body with each found picture's address replaced by the stored copy's."""
        for address in dict.fromkeys(addresses):
            url = self.stored.get(address) or self.store(address, where, tally)
            if url:
                body = body.replace(address, url)
        return body

    def store(self, address, where, tally):
        path = self.find(address)
        if path is None:
            tally.note(where, f"picture not found under --media, still on the old site: {address}")
            return None
        try:
            with Image.open(path) as image:
                kind = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
            tally.note(where, f"not a picture, left out: {path}")
            return None
        if kind not in FORMATS:
            tally.note(where, f"a {kind} picture, left out: {path}")
            return None
        if self.dry_run:
            tally.note(where, f"would store the picture {path.name}")
            return None
        with path.open("rb") as handle:
            name = default_storage.save(f"imported/{path.name}", File(handle))
        self.stored[address] = default_storage.url(name)
        tally.note(where, f"stored the picture {path.name} as {self.stored[address]}")
        return self.stored[address]
