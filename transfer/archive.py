"""A zip of the old site's uploads folder, sent to the Import page: its pictures unpacked
into a temporary folder, which is then searched as the command's --media folder is.

The zip is someone else's file: a name that climbs out of the folder is left out, only
pictures are written (never a link), and the count and the bytes actually unpacked are
bounded, whatever the zip's own directory claims.
"""

import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.template.defaultfilters import filesizeformat
from django.utils.text import Truncator

PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MAX_PICTURES = 20_000
CHUNK = 1024 * 1024


class BadArchive(Exception):
    """The zip cannot be used; the message says why, for a person."""


@contextmanager
def unpacked(path, *, max_bytes):
    """A temporary folder holding the zip's pictures, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="align-pictures-") as folder:
        unpack(path, Path(folder), max_bytes=max_bytes)
        yield Path(folder)


def unpack(path, into, *, max_bytes, max_pictures=MAX_PICTURES):
    """Writes the zip's pictures under `into` in their folders; returns how many."""
    try:
        with zipfile.ZipFile(path) as archive:
            return write_pictures(archive, into, max_bytes, max_pictures)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BadArchive(f"The pictures file is not a zip that can be read ({error}).") from None
    except (NotImplementedError, RuntimeError) as error:  # an unknown method, a password
        raise BadArchive(f"The pictures zip cannot be unpacked here: {error}") from None


def write_pictures(archive, into, max_bytes, max_pictures):
    count = total = 0
    for info in archive.infolist():
        parts = inside_parts(info.filename)
        if (
            info.is_dir()
            or not parts
            or PurePosixPath(parts[-1]).suffix.lower() not in (PICTURE_SUFFIXES)
        ):
            continue
        count += 1
        if count > max_pictures:
            raise BadArchive(f"The pictures zip holds more than {max_pictures} pictures.")
        target = into.joinpath(*parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, target.open("wb") as out:
                while chunk := source.read(CHUNK):
                    total += len(chunk)
                    if total > max_bytes:
                        raise BadArchive(
                            "The pictures in the zip come to more than "
                            f"{filesizeformat(max_bytes)}. Import them with the import_blog "
                            "command's --media instead."
                        )
                    out.write(chunk)
        except OSError as error:  # a name also used as a folder, or too long for a file
            name = Truncator(info.filename).chars(80)
            raise BadArchive(
                f"The pictures zip holds “{name}”, which cannot be unpacked here "
                f"({error.strerror or error}). Zip the uploads folder again as it is."
            ) from None
    return count


def inside_parts(name):
    """The member's path as folder names within the target, or None when it would climb
    out of it ("..") or names a drive."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if any(part == ".." or ":" in part or "\0" in part for part in parts):
        return None
    return parts
