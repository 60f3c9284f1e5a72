import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from align import bulkload
from align.cache import site
from blog import markdown
from blog.models import Author, Category, Exercise, Post, Step
from comments import services
from comments.models import Comment
from demo import loader, pictures, threads

POSTS_PER_WRITE = 100


class Command(BaseCommand):
    help = (
        "Builds the demo site: the therapist, her categories, exercise library and posts. "
        "Safe to run again. --posts N adds N more published posts for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=0, help="extra published posts")
        parser.add_argument(
            "--comments", type=int, default=0, help="about this many comments on each extra post"
        )

    def handle(self, *args, posts, comments, **options):
        if posts < 0 or comments < 0:
            raise CommandError("--posts and --comments take a number of 0 or more.")
        with transaction.atomic():
            author = self.author()
            categories = {c["slug"]: self.category(c) for c in loader.categories()}
            exercises = {e["slug"]: self.exercise(e) for e in loader.exercises()}
            for data in loader.posts():
                post = self.post(data, author, categories, exercises)
                if not post.comments.exists():
                    threads.add_threads(post, loader.threads(post.slug), author.user)
            if posts:
                self.bench_posts(posts, author, comments)
            # Bulk inserts send no signals: tell the page cache once for all of them.
            site.clear()
        if posts:
            bulkload.analyze(Post, Comment)
        published = Post.objects.published().count()
        username = author.user.username
        login = (
            f"The therapist's login for /admin/: {username} / {self.password}"
            if self.password
            else f"The therapist's login for /admin/: {username}, with the password set "
            f"before (python manage.py changepassword {username} sets a new one)."
        )
        self.stdout.write(
            f"Demo site ready: {published} published posts, {len(exercises)} exercises, "
            f"{Comment.objects.public().count()} comments.\n{login}"
        )

    def author(self):
        data = loader.author()
        first, last = data["name"].split(" ", 1)
        user, created = get_user_model().objects.update_or_create(
            username=data["username"],
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{data['username']}@example.com",
                "is_staff": True,
            },
        )
        # A password of her own when the account is new, printed for local use; kept once
        # set, so running the command again does not lock her out.
        self.password = None
        if created or not user.password or not user.has_usable_password():
            self.password = secrets.token_urlsafe(9)
            user.set_password(self.password)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name="Therapist"))
        author, _ = Author.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "credentials": data["credentials"],
                "bio": data["bio"],
                "user": user,
            },
        )
        return author

    def category(self, data):
        category, _ = Category.objects.update_or_create(
            slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
        )
        return category

    def exercise(self, data):
        exercise, _ = Exercise.objects.update_or_create(
            slug=data["slug"],
            defaults={
                key: data[key]
                for key in (
                    "name",
                    "instructions",
                    "hold_seconds",
                    "each_side",
                    "repetitions",
                    "cautions",
                    "photo_alt",
                )
            },
        )
        if not exercise.photo:
            photo = pictures.exercise_photo(data["pose"])
            # A named ContentFile: Django reads the image's size from it as it saves.
            name = f"{exercise.slug}.jpg"
            exercise.photo.save(name, ContentFile(photo, name=name))
        return exercise

    def post(self, data, author, categories, exercises):
        published_at = loader.local_time(data["published"])
        post, _ = Post.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "author": author,
                "summary": data["summary"],
                "body": data["body"],
                "lead_image_alt": data["lead_alt"],
                "status": Post.Status.PUBLISHED if published_at else Post.Status.DRAFT,
                "published_at": published_at,
            },
        )
        if not post.lead_image:
            name = f"{post.slug}.jpg"
            post.lead_image.save(name, ContentFile(pictures.lead_picture(post.slug), name=name))
        post.categories.set([categories[slug] for slug in data["categories"]])
        post.steps.all().delete()
        Step.objects.bulk_create(
            Step(
                post=post,
                exercise=exercises[step["exercise"]],
                position=position,
                hold_seconds=step["hold_seconds"],
                each_side=step["each_side"],
                note=step["note"],
            )
            for position, step in enumerate(data["steps"], start=1)
        )
        return post

    def bench_posts(self, count, author, comments):
        """Plain published posts, a week apart back from the newest published one, each with
        about `comments` comments."""
        newest = Post.objects.published().latest("published_at").published_at
        body = "Generated text for benchmarks.\n\n" * 8
        # bulk_create sends no pre_save signal: the body is rendered here as a save would.
        body_html = markdown.render(body)
        Post.objects.bulk_create(
            (
                Post(
                    title=f"Benchmark post {number}",
                    slug=f"benchmark-post-{number}",
                    author=author,
                    summary="A generated post for measuring the site under load.",
                    body=body,
                    body_html=body_html,
                    status=Post.Status.PUBLISHED,
                    published_at=newest - timedelta(weeks=number),
                )
                for number in range(1, count + 1)
            ),
            ignore_conflicts=True,
        )
        if not comments:
            return
        bench = Post.objects.filter(slug__startswith="benchmark-post-", comments__isnull=True)
        bench = list(bench.order_by("pk")[:count])
        # Many posts per bulk write: one COPY of some 50,000 comments, not one per post.
        for start in range(0, len(bench), POSTS_PER_WRITE):
            services.add_forests(
                [
                    (post, threads.made_up(post, comments, seed=post.pk))
                    for post in bench[start : start + POSTS_PER_WRITE]
                ]
            )
