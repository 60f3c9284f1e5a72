"""The therapist's Import page and WXR download: admin pages, linked from the admin's index."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

from comments.notifications import site_url
from transfer import jobs, results, uploads
from transfer.export import ExportFailed, build
from transfer.forms import ImportForm
from transfer.models import ImportJob

logger = logging.getLogger(__name__)
IMPORT_PERMISSIONS = ("blog.add_post", "comments.add_comment")
EXPORT_PERMISSIONS = ("blog.view_post", "comments.view_comment")


def may_import(user):
    return user.is_active and user.is_staff and user.has_perms(IMPORT_PERMISSIONS)


def may_export(user):
    return user.is_active and user.is_staff and user.has_perms(EXPORT_PERMISSIONS)


def import_blog(request):
    """Preview (a dry run) or import one old blog, as a background job whose page this
    answers with at once: reading a big file or a whole site takes longer than a request
    may."""
    if not may_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return page(request, ImportForm(user=request.user))
    form = ImportForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return page(request, form, status=400)
    try:
        form.keep()
    except uploads.UnsafeFolder as error:
        form.add_error(None, str(error))
        return page(request, form, status=400)
    job = jobs.start(request.user, form.choices(), dry_run="import" not in request.POST)
    return redirect("transfer:import-job", job.pk)


def import_job(request, pk):
    """A background import as it goes (the page polls import_job_state), then its result;
    an import that is done offers a new one rather than the same again."""
    job = her_job(request, pk)
    if job.waiting:
        return page(request, None, job=job)
    again = ImportForm.from_choices(job.choices, request.user)
    if job.state == ImportJob.State.FAILED:
        return page(request, again, job=job)
    if job.dry_run:
        return page(request, again, job=job, result=job.result)
    return page(
        request, ImportForm(user=request.user), job=job, result=results.with_links(job.result)
    )


def import_job_state(request, pk):
    """How the job is going, for the page's script: it reads nothing an import writes."""
    job = her_job(request, pk)
    return JsonResponse({"state": job.state, "progress": job.progress or "Starting"})


def her_job(request, pk):
    if not may_import(request.user):
        raise PermissionDenied
    return jobs.current(get_object_or_404(ImportJob, pk=pk, user=request.user))


def page(request, form, status=200, **shown):
    context = {
        **admin.site.each_context(request),
        "title": "Import a blog",
        "form": form,
        # Her comments in the outline, marked as on the site.
        "badge": mark_safe(render_to_string("comments/_author_badge.html")),
        **shown,
    }
    return TemplateResponse(request, "admin/transfer/import.html", context, status=status)


def download(request):
    """Every post and comment as one WXR file, built whole before any of it is sent: an
    export that cannot be finished is a message on the admin's index, never half a file."""
    if not may_export(request.user):
        raise PermissionDenied
    try:
        # Its links on the address she downloads from, unless SITE_URL says otherwise.
        export, whole = build(site_url(request))
    except ExportFailed as error:
        logger.exception("The WXR download could not be built")
        messages.error(request, f"{error}; nothing was downloaded (the server's log says more).")
        return redirect("admin:index")
    for note in export.notes:  # shown on her next admin page
        messages.warning(request, f"In the download, {note}")
    name = f"align-{timezone.localdate():%Y-%m-%d}.xml"
    return FileResponse(
        whole, as_attachment=True, filename=name, content_type="application/xml; charset=utf-8"
    )
