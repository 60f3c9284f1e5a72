import argparse
import math
import re
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone
from tqdm import tqdm

from transfer import reading, report, weebly_site, writer
from transfer.fetch import LONGEST_DELAY, FetchError, open_location
from transfer.pictures import Pictures
from transfer.records import UnreadableSource

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = (
        "Imports posts and comments from WordPress export files (WXR), the copied text of "
        "Weebly post pages, or a whole Weebly blog by its address or a saved copy of it. Safe "
        "to run again: what is already here is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE|URL|FOLDER")
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
        parser.add_argument(
            "--fetch-pictures",
            action="store_true",
            help="fetch pictures not under --media from the old site the file names",
        )
        parser.add_argument("--dry-run", action="store_true", help="report only, store nothing")
        parser.add_argument(
            "--delay",
            type=seconds,
            default=1.0,
            metavar="S",
            help=f"seconds between requests to the old site (default 1, at most {LONGEST_DELAY})",
        )
        parser.add_argument(
            "--cache", metavar="DIR", help="where pages read from the old site are kept"
        )
        parser.add_argument(
            "--date-order",
            choices=("mdy", "dmy"),
            default="mdy",
            help="how the Weebly blog writes dates: 10/5/2012 is October 5 (mdy) or 10 May (dmy)",
        )

    def handle(self, *args, files, **options):
        try:
            author = reading.author_for(options["author"])
        except ValueError as error:
            raise CommandError(error) from None
        media = options["media"]
        if media and not Path(media).is_dir():
            raise CommandError(f"--media {media}: no such folder.")
        sites = [name for name in files if self.is_site(name, options["format"])]
        if len(sites) > 1:
            raise CommandError("Give one blog address or folder at a time.")
        fetcher = self.open(sites[0], options) if sites else None
        sources = [
            self.read_site(fetcher, options) if name in sites else self.read(Path(name), options)
            for name in files
        ]
        if options["fetch_pictures"] and fetcher is None:
            fetcher = self.old_site(sources, options)
        dry_run = options["dry_run"]
        chosen = writer.Options(
            author=author,
            author_names=tuple(options["author_name"]),
            media=Pictures(media, fetcher=fetcher, dry_run=dry_run) if media or fetcher else None,
            dry_run=dry_run,
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
        for line in report.lines(sources, tally, dry_run=dry_run):
            self.stdout.write(line)

    def old_site(self, sources, options):
        address = next((source.address for source in sources if source.address), "")
        if not address:
            raise CommandError("--fetch-pictures: the files do not say where the old site is.")
        return self.open(address, options)

    def is_site(self, name, format):
        if format:
            return format == reading.SITE_FORMAT
        return reading.is_site(name)

    def open(self, location, options):
        try:
            # She typed the address herself: a blog on her own network may be read.
            return open_location(
                location, delay=options["delay"], cache_dir=options["cache"], allow_private=True
            )
        except FetchError as error:
            raise CommandError(f"Nothing was imported. {error}") from None

    def read_site(self, fetcher, options):
        bar = tqdm(unit="page", desc="Reading the blog", disable=not sys.stderr.isatty())

        def progress(done, known):
            bar.total = known
            bar.update(done - bar.n)

        try:
            with bar:
                return weebly_site.read(
                    fetcher,
                    timezone=zone(options["timezone"]),
                    date_order=options["date_order"],
                    progress=progress,
                )
        except UnreadableSource as error:
            raise CommandError(f"Nothing was imported. {error}") from None

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


def seconds(value):
    """--delay: a number of seconds from 0 to LONGEST_DELAY."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= LONGEST_DELAY:  # nan and inf included
        raise argparse.ArgumentTypeError(
            f"give a number of seconds from 0 to {LONGEST_DELAY}, not “{value}”"
        )
    return number


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
