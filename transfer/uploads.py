"""A file uploaded to the Import page, kept from the preview to the import so it is chosen once.

It waits in the server's temporary folder, never in MEDIA_ROOT or a bucket (an export holds
readers' email and IP addresses), under a random name. The page carries a token naming it,
signed for the user who uploaded it and good for a day, so a token cannot be made up,
borrowed by another user or pointed at another file.
"""

import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core import signing

KEEP_SECONDS = 24 * 60 * 60
SALT = "transfer.uploads"


def server_temporary():
    """The server's temporary folder, as Django's uploads use it."""
    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())


def folder():
    path = server_temporary() / "align-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def keep(name, data, user):
    """Stores the bytes; returns the token that finds them again."""
    return keep_chunks(name, [data], user)


def keep_chunks(name, chunks, user):
    """Stores the bytes as they come (an uploaded file's chunks, never all in memory)."""
    forget_stale()
    with tempfile.NamedTemporaryFile(dir=folder(), delete=False) as file:  # mode 0600
        for chunk in chunks:
            file.write(chunk)
    value = {"file": Path(file.name).name, "name": name, "user": user.pk}
    return signing.dumps(value, salt=SALT, compress=True)


def take(token, user):
    """(name, bytes) of the kept file, or None when the token is not good or it is gone."""
    found = path_of(token, user)
    if found is None:
        return None
    try:
        return found[0], found[1].read_bytes()
    except OSError:
        return None


def path_of(token, user):
    """(name, path) of the kept file, or None when the token is not good or it is gone."""
    value = unsign(token, user)
    if value is None or not (folder() / value["file"]).is_file():
        return None
    return value["name"], folder() / value["file"]


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
