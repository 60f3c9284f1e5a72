import re
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone
from tqdm import tqdm

from transfer import reading, report, writer
from transfer.media import MediaFinder
from transfer.records import UnreadableSource

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = (
        "Imports posts and comments from WordPress export files (WXR) or the copied text of "
        "Weebly post pages. Safe to run again: what is already here is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=reading.FORMATS, help="detected when left out")
        parser.add_argument("--author", metavar="USERNAME", help="the staff user who wrote them")
        parser.add_argument(
            "--author-name",
            action="append",
            default=[],
            metavar="NAME",
            help="a name she signs comments with in the source (repeat for each)",
        )
        parser.add_argument("--title", default="", help="the post's title, if the text lacks it")
        parser.add_argument("--published", metavar="YYYY-MM-DD", help="the post's date")
        parser.add_argument("--timezone", metavar="TZ", help="the source's local time zone")
        parser.add_argument("--media", metavar="DIR", help="a local copy of the old uploads")
        parser.add_argument("--dry-run", action="store_true", help="report only, store nothing")

    def handle(self, *args, files, **options):
        try:
            author = reading.author_for(options["author"])
        except ValueError as error:
            raise CommandError(error) from None
        sources = [self.read(Path(name), options) for name in files]
        media = options["media"]
        if media and not Path(media).is_dir():
            raise CommandError(f"--media {media}: no such folder.")
        chosen = writer.Options(
            author=author,
            author_names=tuple(options["author_name"]),
            media=media and MediaFinder(media, dry_run=options["dry_run"]),
            dry_run=options["dry_run"],
        )
        total = sum(len(post.comments) for source in sources for post in source.posts)
        bar = tqdm(total=total, unit="comment", disable=not sys.stderr.isatty() or total < 500)
        try:
            with bar:
                tally = writer.store(sources, chosen, progress=bar.update)
        except DatabaseError as error:
            raise CommandError(
                f"The database refused the import; the post it was on was not stored: {error}"
            ) from None
        for line in report.lines(sources, tally, dry_run=options["dry_run"]):
            self.stdout.write(line)

    def read(self, path, options):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read it ({error.strerror}).") from None
        try:
            return reading.read(
                data,
                name=path.name,
                format=options["format"],
                title=options["title"],
                published=published(options["published"]),
                timezone=zone(options["timezone"]),
                author_names=options["author_name"],
            )
        except UnreadableSource as error:
            raise CommandError(f"Nothing was imported. {error}") from None


def published(value):
    if value is None:
        return None
    try:
        if not DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published {value}: write the date as YYYY-MM-DD.") from None


def zone(name):
    if not name:
        return timezone.get_default_timezone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(
            f"--timezone {name}: not a time zone name (e.g. America/Denver)."
        ) from None
