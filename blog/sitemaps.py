from django.contrib.sitemaps import Sitemap

from blog.models import Category, Exercise, Post


class PostSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published().order_by("published_at")

    def lastmod(self, item):
        return item.updated_at


class ExerciseSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Exercise.objects.all()


class CategorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Category.objects.all()


sitemaps = {"posts": PostSitemap, "exercises": ExerciseSitemap, "categories": CategorySitemap}
