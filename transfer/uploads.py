"""A file uploaded to the Import page, kept from the preview to the import so it is chosen once.

It waits in the server's temporary folder, never in MEDIA_ROOT or a bucket (an export holds
readers' email and IP addresses), under a random name, in a folder only this server's user
may enter: a folder of that name that someone else made first, or that others may write to,
is refused, never used. The page carries a token naming the file, signed for the user who
uploaded it and good for a day, so a token cannot be made up, borrowed by another user or
pointed at another file; it holds the file's SHA-256 digest too, and a file whose bytes no
longer match it (swapped since the preview) is not read.
"""

import hashlib
import os
import stat
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.core import signing

KEEP_SECONDS = 24 * 60 * 60
SALT = "transfer.uploads"
CHUNK = 1024 * 1024
KEPT, CRAWLED = "align-imports", "align-crawl"  # the folders of kept uploads and read pages
HOLDS = {KEPT: "uploaded files", CRAWLED: "pages read from old sites"}
CHANGED = (
    "The file kept from your preview has changed since it was previewed, so it was not "
    "read: choose it again."
)


class UnsafeFolder(Exception):
    """The folder for kept files is not this server's alone; the message says what to do."""


class ChangedFile(Exception):
    """A kept file whose bytes are not those its token was made for."""


def server_temporary():
    """The server's temporary folder, as Django's uploads use it."""
    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())


def folder(name=KEPT):
    """The server's folder `name` for this site's own files (KEPT uploads, or pages read
    from old sites), made private when missing; UnsafeFolder when the one found is not a
    folder owned by this server's user that nobody else may enter."""
    path = server_temporary() / name
    with suppress(FileExistsError):
        path.mkdir(mode=0o700)
    found = path.lstat()  # a symbolic link is judged itself, never followed
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o077:
        raise UnsafeFolder(
            f"The server's folder for {HOLDS[name]}, {path}, was not made by this site or "
            "others may use it, so it is not used: nothing was kept. Ask whoever runs the "
            "server to remove it; the site makes a private one again."
        )
    return path


def keep_chunks(name, chunks, user):
    """Stores the bytes as they come (an uploaded file's chunks, never all in memory)."""
    forget_stale()
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=folder(), delete=False) as file:  # mode 0600
        for chunk in chunks:
            digest.update(chunk)
            file.write(chunk)
    value = {"file": Path(file.name).name, "name": name, "user": user.pk}
    return signing.dumps({**value, "sha256": digest.hexdigest()}, salt=SALT, compress=True)


@contextmanager
def opened(token, user):
    """(name, file open for reading) of the kept file, its bytes checked against the
    token's digest first (then read from the same open file, so a file put in its place
    after the check is not the one read); None when the token is not good or it is gone.
    ChangedFile when its bytes are not those previewed."""
    value = unsign(token, user)
    try:
        file = (folder() / value["file"]).open("rb") if value else None
    except OSError:
        file = None
    if file is None:
        yield None
        return
    with file:
        if digest_of(file) != value.get("sha256"):
            raise ChangedFile(CHANGED)
        file.seek(0)
        yield value["name"], file


def digest_of(file):
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def path_of(token, user):
    """(name, path) of the kept file, or None when the token is not good or it is gone;
    ChangedFile when its bytes are not those previewed. For what is read by its path (a
    zip): the folder is this server's alone, so nobody else can change it after this."""
    with opened(token, user) as found:
        return found and (found[0], Path(found[1].name))


def name_of(token, user):
    value = unsign(token, user)
    return value["name"] if value else ""


def forget(token, user):
    value = unsign(token, user)
    if value:
        (folder() / value["file"]).unlink(missing_ok=True)


def unsign(token, user):
    try:
        value = signing.loads(token, salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if value.get("user") != user.pk:
        return None
    return value


def forget_stale():
    """Files whose token has expired: a preview never followed by its import."""
    oldest = time.time() - KEEP_SECONDS
    for path in folder().iterdir():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except FileNotFoundError:  # another worker was quicker
            pass
