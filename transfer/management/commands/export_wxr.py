import codecs
import os
import shutil
import tempfile
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transfer.export import CHUNK_SIZE, ExportFailed, build, write_wxr


class Command(BaseCommand):
    help = (
        "Writes every post and every comment but spam as a WordPress export (WXR 1.2), "
        "which WordPress's importer and import_blog read. To standard output unless --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="the file to write (replaced whole)")

    def handle(self, *args, output=None, **options):
        try:
            export = self.to_stdout() if output is None else write_file(Path(output))
        except ExportFailed as error:
            raise CommandError(f"{error}; nothing was written.") from None
        for note in export.notes:
            self.stderr.write(note)
        if output is not None:
            posts, comments = counted(export.posts, "post"), counted(export.comments, "comment")
            pictures = counted(export.attachments, "picture")
            self.stderr.write(f"Wrote {posts}, {comments} and {pictures} to {output}.")

    def to_stdout(self):
        """The export built whole first, so a failure sends none of it."""
        export, whole = build()
        with whole:
            binary = getattr(self.stdout, "buffer", None)  # a terminal or a pipe, not StringIO
            if binary is not None:
                self.stdout.flush()
                shutil.copyfileobj(whole, binary)
                binary.flush()
            else:
                for text in codecs.iterdecode(iter(partial(whole.read, CHUNK_SIZE), b""), "utf-8"):
                    self.stdout.write(text, ending="")
        return export


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
