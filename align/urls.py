from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from align.health import healthz

urlpatterns = [
    path("", include("blog.urls")),
    path("comments/", include("comments.urls")),
    path("", include("comments.privacy_urls")),
    path("follow/", include("subscriptions.urls")),
    # Before the admin's own, which answers every other address under admin/.
    path("admin/transfer/", include("transfer.urls")),
    path("admin/", include("staffauth.urls")),
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("healthz", healthz, name="healthz"),
]

if settings.SERVE_MEDIA:
    # Uploaded photos straight from Django: for the quick start and tests. In production
    # the proxy in front of gunicorn serves MEDIA_ROOT instead.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    )
