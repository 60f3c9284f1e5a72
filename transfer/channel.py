"""What a WordPress export's channel lists before its items: the people who wrote (as
WordPress users), the categories and the tags."""

from html import escape

from django.contrib.auth import get_user_model
from django.db.models import Exists, Max, OuterRef

from blog.models import Author, Category, Post
from blog.slugs import ascii_slug
from comments.models import Comment
from transfer.wxr_writing import group

TAG_SLUG_LENGTH = 190  # WordPress's term slugs hold 200 characters; room for a "-2"


class Authors:
    """WordPress user ids and logins: each blog author, then each staff member who wrote
    comments without being one (WordPress ties a reply to its writer by that id)."""

    def __init__(self):
        self.rows = []  # (id, login, email, display name, first name, last name)
        self.by_author = {}  # blog.Author pk -> (id, login)
        self.by_user = {}  # user pk -> id
        for author in Author.objects.select_related("user").order_by("pk"):
            self.by_author[author.pk] = self.add(author.user, author.name, author.slug)
        User = get_user_model()
        writers = User.objects.filter(
            Exists(Comment.objects.filter(user=OuterRef("pk"))),
            is_staff=True,
            author_profile__isnull=True,
        )
        for user in writers.order_by("pk"):
            self.add(user, user.get_full_name() or user.get_username(), user.get_username())

    def add(self, user, name, login):
        number = len(self.rows) + 1
        login = user.get_username() if user else login
        taken = {entry[1] for entry in self.rows}
        if login in taken:  # an author without a login may share a slug with a username
            login = f"{login}-{number}"
        names = (user.email, user.first_name, user.last_name) if user else ("", "", "")
        self.rows.append((number, login, names[0], name, *names[1:]))
        if user:
            self.by_user[user.pk] = number
        return number, login

    def login(self, author_pk):
        return self.by_author[author_pk][1]

    def user_id(self, user_pk):
        return self.by_user.get(user_pk, 0)

    def entries(self):
        for number, login, email, name, first, last in self.rows:
            fields = [
                ("wp:author_id", number),
                ("wp:author_login", login),
                ("wp:author_email", email),
                ("wp:author_display_name", name),
                ("wp:author_first_name", first),
                ("wp:author_last_name", last),
            ]
            yield group(1, "wp:author", fields)


def category_entries():
    for category in Category.objects.order_by("pk"):
        fields = [
            ("wp:term_id", category.pk),
            ("wp:category_nicename", category.slug),
            ("wp:category_parent", ""),
            ("wp:cat_name", escape(category.name, quote=False)),
        ]
        if category.description:
            fields.append(("wp:category_description", escape(category.description, quote=False)))
        yield group(1, "wp:category", fields)


class Tags:
    """Every post's tags as WordPress terms, each tag once whatever its case: a slug of its
    own (WordPress's importer takes two tags with one slug for one tag) and a term id after
    the categories' (WordPress numbers all its terms in one series)."""

    def __init__(self):
        self.terms = {}  # casefolded name -> (term id, slug, name as first written)
        first = Category.objects.aggregate(last=Max("pk"))["last"] or 0
        taken = set()
        texts = Post.objects.exclude(tags="").order_by("pk").values_list("tags", flat=True)
        for text in texts.iterator():
            for name in tag_names(text):
                if name.casefold() in self.terms:
                    continue
                slug = stem = tag_slug(name)
                number = 1
                while slug in taken:
                    number += 1
                    slug = f"{stem}-{number}"
                taken.add(slug)
                self.terms[name.casefold()] = (first + len(self.terms) + 1, slug, name)

    def of(self, post):
        """The post's tags as it lists its categories: ("category", name, attributes)."""
        for name in tag_names(post.tags):
            # A tag saved while the file is written is not in the channel's list; WordPress's
            # importer makes the term from the item alone.
            term = self.terms.get(name.casefold())
            slug = term[1] if term else tag_slug(name)
            yield ("category", escape(name, quote=False), f' domain="post_tag" nicename="{slug}"')

    def entries(self):
        for number, slug, name in self.terms.values():
            fields = [
                ("wp:term_id", number),
                ("wp:tag_slug", slug),
                ("wp:tag_name", escape(name, quote=False)),
            ]
            yield group(1, "wp:tag", fields)


def tag_names(text):
    """A post's tags field (comma-separated, as the importer and the admin leave it) as
    names, each once whatever its case."""
    names = {}
    for name in filter(None, (part.strip() for part in text.split(","))):
        names.setdefault(name.casefold(), name)
    return list(names.values())


def tag_slug(name):
    return ascii_slug(name, TAG_SLUG_LENGTH) or "tag"
