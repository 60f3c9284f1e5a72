"""One preview or import from the admin's Import page, done by a background job
(transfer.jobs): the form's choices (plain data the job keeps) -> sources -> pictures ->
writer -> what the page shows (transfer.results). A kept WXR file is read as the writer
stores it, post by post."""

from contextlib import ExitStack, contextmanager
from datetime import date
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.db import DatabaseError

from transfer import archive, reading, results, uploads, weebly_site, writer, wxr
from transfer.fetch import Fetcher, FetchError, open_location
from transfer.forms import PASTED
from transfer.pictures import Pictures
from transfer.records import UnreadableSource

# Pictures barely compress: a zip that unpacks to more than this many times the largest
# upload is not a folder of pictures.
UNPACKED_PER_UPLOADED = 2
# What stops an import with a message for a person (ValueError: reading.author_for's).
PROBLEMS = (
    UnreadableSource,
    FetchError,
    archive.BadArchive,
    uploads.UnsafeFolder,
    uploads.ChangedFile,
    ValueError,
    DatabaseError,
)
HEAD = 8192  # as much as wxr.looks_like reads
NO_ADDRESS = (
    "{name} does not say where the old site is, so its pictures cannot be fetched from it: "
    "add a zip of its pictures instead."
)


def perform(user, choices, *, dry_run, say=lambda text: None):
    """Runs the import, or its preview (everything rolled back, a new author profile too);
    returns what the page shows. `say(text)` is told what it is doing. PROBLEMS say why it
    could not be done."""
    zone = ZoneInfo(choices["timezone"])
    crawler = None
    with ExitStack() as stack:
        if choices["address"]:
            crawler = open_location(choices["address"], **politely())
            sources = [crawl(crawler, choices, zone, say)]
        else:
            sources = [stack.enter_context(read(user, choices, zone, say))]
        media = stack.enter_context(pictures(user, choices, sources, crawler, dry_run=dry_run))
        say("Storing posts, comments and pictures")
        options = writer.Options(
            # Found in each post's transaction: a preview's new author profile is rolled back.
            author=partial(reading.author_for, username(choices["author"])),
            author_names=tuple(choices["author_names"]),
            media=media,
            dry_run=dry_run,
        )
        tally = writer.store(sources, options, progress=stored(say))
    if not dry_run:
        for token in (choices["kept"], choices["kept_pictures"]):
            uploads.forget(token, user)
        LogEntry.objects.log_actions(
            user.pk, tally.created, ADDITION, change_message=f"Imported from {choices['name']}."
        )
    return results.result(sources, tally, dry_run=dry_run, zone=zone)


def message(error):
    """What the page says when PROBLEMS stopped the import."""
    if isinstance(error, DatabaseError):
        return (
            "The database refused the import: the post it was on was not stored, those "
            f"before it were. Importing the same file again adds what is missing. ({error})"
        )
    return f"Nothing was imported. {error}"


def politely():
    """How the Import page reads an old site: the set delay; what it read is kept in the
    fetcher's own private folder, so a preview's pages are not asked for again by its
    import; this server and its private network only when the site allows it."""
    return {
        "delay": settings.IMPORT_CRAWL_DELAY,
        "allow_private": settings.IMPORT_ALLOW_PRIVATE_ADDRESSES,
    }


def username(pk):
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        raise ValueError("The author chosen is no longer a user here: choose another.")
    return user.get_username()


def crawl(crawler, choices, zone, say):
    """The Weebly blog at the chosen address, read page by page."""
    say(f"Reading {choices['address']}")
    return weebly_site.read(
        crawler,
        timezone=zone,
        date_order=choices["date_order"],
        progress=lambda done, known: say(f"Read {done} of {known} pages found so far"),
    )


def stored(say):
    """The writer's progress as words: how many comments are stored so far."""
    count = 0

    def told(done):
        nonlocal count
        count += done
        say(f"Stored {count} comments")

    return told


@contextmanager
def read(user, choices, zone, say):
    """The Source the choices name: the file kept from the form (open while its posts are
    read), or pasted text."""
    if not choices["kept"]:
        say(f"Reading {PASTED}")
        yield whole(choices["text"].encode(), PASTED, choices, zone)
        return
    with uploads.opened(choices["kept"], user) as found:
        if found is None:
            raise UnreadableSource("The file from your preview is no longer here: choose it again.")
        name, file = found
        say(f"Reading {name}")
        head = file.read(HEAD)
        if head.startswith(reading.GZIP):
            file.seek(0)
            file = reading.Unpacked(file, name)  # read as it is unpacked, never whole
            head = file.read(HEAD)
        if reading.detected(head, choices["format"] or None) != "wxr":
            file.seek(0)
            yield whole(file.read(), name, choices, zone)
            return
        try:
            source = wxr.read(file, timezone=zone, where_prefix=f"{name}: ")
        except reading.BadGzip:
            raise
        except UnreadableSource as error:
            raise UnreadableSource(f"{name}: {error}") from None
        yield source


def whole(data, name, choices, zone):
    published = choices["published"]
    return reading.read(
        data,
        name=name,
        format=choices["format"] or None,
        title=choices["title"],
        published=date.fromisoformat(published) if published else None,
        timezone=zone,
        author_names=choices["author_names"],
    )


@contextmanager
def pictures(user, choices, sources, crawler, *, dry_run):
    """Where the posts' pictures come from: the uploaded zip of the old uploads folder,
    then the old site itself (always for a blog read by its address, else when asked);
    None when neither."""
    address = next((source.address for source in sources if source.address), "")
    if choices["fetch_pictures"] and not address:
        raise UnreadableSource(NO_ADDRESS.format(name=choices["name"]))
    asked = choices["fetch_pictures"] and address
    fetcher = crawler or (Fetcher(address, **politely()) if asked else None)
    if not choices["kept_pictures"]:
        yield Pictures(fetcher=fetcher, dry_run=dry_run) if fetcher else None
        return
    found = uploads.path_of(choices["kept_pictures"], user)
    if found is None:
        raise archive.BadArchive(
            "The pictures zip from your preview is no longer here: choose it again."
        )
    limit = settings.IMPORT_MAX_BYTES * UNPACKED_PER_UPLOADED
    with archive.unpacked(found[1], max_bytes=limit) as folder:
        yield Pictures(folder, fetcher=fetcher, dry_run=dry_run)
