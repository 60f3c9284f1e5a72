from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from blog.models import Post


class LatestPosts(Feed):
    title = settings.SITE_NAME
    description = settings.SITE_TAGLINE
    link = reverse_lazy("blog:index")

    def items(self):
        return Post.objects.published().select_related("author")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name


class LatestPostsAtom(LatestPosts):
    feed_type = Atom1Feed
    subtitle = LatestPosts.description
