"""The admin's Import page and download, under /admin/transfer/ with the admin's login."""

from django.contrib import admin
from django.urls import path

from transfer.admin import download, import_blog, import_job, import_job_state

app_name = "transfer"
urlpatterns = [
    path("import/", admin.site.admin_view(import_blog), name="import"),
    path("import/<int:pk>/", admin.site.admin_view(import_job), name="import-job"),
    path(
        "import/<int:pk>/state/",
        admin.site.admin_view(import_job_state),
        name="import-job-state",
    ),
    path("download/", admin.site.admin_view(download), name="download"),
]
