import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from transfer.export import write_wxr


class Command(BaseCommand):
    help = (
        "Writes every post and every comment but spam as a WordPress export (WXR 1.2), "
        "which WordPress's importer and import_blog read. To standard output unless --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="the file to write (replaced whole)")

    def handle(self, *args, output=None, **options):
        try:
            if output is None:
                self.to_stdout()
                return
            export = write_file(Path(output))
        except DatabaseError as error:
            raise CommandError(f"The database could not be read: {error}") from None
        posts, comments = counted(export.posts, "post"), counted(export.comments, "comment")
        self.stderr.write(f"Wrote {posts} and {comments} to {output}.")

    def to_stdout(self):
        binary = getattr(self.stdout, "buffer", None)  # a terminal or a pipe, not StringIO
        if binary is not None:
            self.stdout.flush()
            write_wxr(binary)
            binary.flush()
        else:
            write_wxr(TextOut(self.stdout))


def write_file(path):
    """Writes the export beside `path`, then puts it in place: a failed export leaves no
    half file behind, and an earlier file stays as it was."""
    if path.is_dir():
        raise CommandError(f"{path}: is a folder; name a file to write.")
    try:
        # Readable by its owner only (mkstemp's mode): it holds commenters' emails and IPs.
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CommandError(f"{path}: cannot write there ({error.strerror}).") from None
    try:
        with open(descriptor, "wb") as temporary:
            export = write_wxr(temporary)
            temporary.flush()
            os.fsync(temporary.fileno())
        os.replace(name, path)
    except OSError as error:
        raise CommandError(f"{path}: cannot write it ({error.strerror}).") from None
    finally:
        if os.path.exists(name):
            os.unlink(name)
    return export


def counted(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


class TextOut:
    """A binary file's write() onto a text stream (each chunk is whole UTF-8)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data):
        self.stream.write(data.decode(), ending="")
