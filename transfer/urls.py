"""The admin's Import page and download, under /admin/transfer/ with the admin's login."""

from django.contrib import admin
from django.urls import path

from transfer.admin import download, import_blog

app_name = "transfer"
urlpatterns = [
    path("import/", admin.site.admin_view(import_blog), name="import"),
    path("download/", admin.site.admin_view(download), name="download"),
]
