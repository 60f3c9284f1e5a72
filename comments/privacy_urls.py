"""The privacy notice sits at the site's root, /privacy/, outside comments/'s own URLs."""

from django.urls import path

from align.pagecache import reader_page
from comments import privacy

app_name = "privacy"

urlpatterns = [
    path("privacy/", reader_page(privacy.notice), name="notice"),
]
