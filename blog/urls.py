from functools import partial

from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from align.pagecache import reader_page
from blog import feeds, views
from blog.sitemaps import sitemaps


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigits, "dd")

app_name = "blog"
listing = partial(reader_page, paginated=True)

urlpatterns = [
    path("", listing(views.PostIndex.as_view()), name="index"),
    path("blog/<int:year>/", listing(views.PostYear.as_view()), name="archive-year"),
    path("blog/<int:year>/<dd:month>/", listing(views.PostMonth.as_view()), name="archive-month"),
    path(
        "blog/<int:year>/<dd:month>/<dd:day>/<slug:slug>/",
        reader_page(views.PostDetail.as_view(), parts=True),  # its comment pages
        name="post",
    ),
    path(
        "blog/<int:year>/<dd:month>/<dd:day>/<slug:slug>/practice/",
        reader_page(views.PostPractice.as_view()),
        name="practice",
    ),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("category/<slug:slug>/", listing(views.CategoryPosts.as_view()), name="category"),
    path("exercises/", reader_page(views.ExerciseList.as_view()), name="exercises"),
    path("exercises/<slug:slug>/", reader_page(views.ExerciseDetail.as_view()), name="exercise"),
    path("search/", views.search, name="search"),
    path("feed/", feeds.LatestPosts(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtom(), name="feed-atom"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]
