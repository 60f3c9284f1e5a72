"""The therapist's Import page and WXR download: admin pages, linked from the admin's index."""

from contextlib import nullcontext

from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from transfer import reading, report, uploads, writer
from transfer.export import Export
from transfer.forms import ImportForm

IMPORT_PERMISSIONS = ("blog.add_post", "comments.add_comment")
EXPORT_PERMISSIONS = ("blog.view_post", "comments.view_comment")


def may_import(user):
    return user.is_active and user.is_staff and user.has_perms(IMPORT_PERMISSIONS)


def may_export(user):
    return user.is_active and user.is_staff and user.has_perms(EXPORT_PERMISSIONS)


def import_blog(request):
    """Preview (a dry run) or import one old blog's file or page text."""
    if not may_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return page(request, ImportForm(user=request.user))
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return page(request, form, status=400)
    dry_run = "import" not in request.POST
    try:
        tally = store(form, dry_run)
    except DatabaseError as error:
        form.add_error(
            None,
            "The database refused the import: the post it was on was not stored, those "
            f"before it were. Importing the same file again adds what is missing. ({error})",
        )
        return page(request, form, status=400)
    shown = {
        "dry_run": dry_run,
        "summary": list(report.summary(tally)),
        "notes": report.notes([form.cleaned_data["source"]], tally),
        "outlines": [(title, nested(lines)) for title, lines in tally.outlines],
        "created": tally.created,
    }
    if dry_run:
        form.keep()
        return page(request, form, **shown)
    uploads.forget(form.token, request.user)
    LogEntry.objects.log_actions(
        request.user.pk, tally.created, ADDITION, change_message=f"Imported from {form.chosen[0]}."
    )
    # The import is done: the page offers a new one rather than the same again.
    return page(request, ImportForm(user=request.user), **shown)


def store(form, dry_run):
    """The import, or its dry run, which rolls everything back (a new author profile too)."""
    data = form.cleaned_data
    with transaction.atomic() if dry_run else nullcontext():
        author = reading.author_for(data["author"].get_username())
        options = writer.Options(author=author, author_names=data["author_names"], dry_run=dry_run)
        tally = writer.store([data["source"]], options)
        if dry_run:
            transaction.set_rollback(True)
    return tally


def nested(outline):
    """(level, line) rows in tree order as [{"line", "replies": [...]}], for nested lists."""
    top = []
    path = [(-1, top)]  # (level, its replies) from the top down to the last row
    for level, line in outline:
        while path[-1][0] >= level:
            path.pop()
        item = {"line": line, "replies": []}
        path[-1][1].append(item)
        path.append((level, item["replies"]))
    return top


def page(request, form, status=200, **shown):
    context = {
        **admin.site.each_context(request),
        "title": "Import a blog",
        "form": form,
        **shown,
    }
    return TemplateResponse(request, "admin/transfer/import.html", context, status=status)


def download(request):
    """Every post and comment as one WXR file, streamed as it is written."""
    if not may_export(request.user):
        raise PermissionDenied
    response = StreamingHttpResponse(
        Export().chunks(), content_type="application/xml; charset=utf-8"
    )
    name = f"align-{timezone.localdate():%Y-%m-%d}.xml"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
