"""Small make_* helpers: each builds one valid object, with overrides as keywords."""

import io
from datetime import timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from blog.models import Author, Category, Exercise, Post, Step
from comments import services

numbers = count(1)


def image_bytes(size=(1200, 800), kind="JPEG", colour=(47, 111, 106)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def image_upload(name="photo.jpg", **kwargs):
    kind = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "bmp": "BMP"}
    return SimpleUploadedFile(name, image_bytes(kind=kind[name.rsplit(".", 1)[1]], **kwargs))


def make_author(**fields):
    n = next(numbers)
    return Author.objects.create(
        **{
            "name": f"Therapist {n}",
            "slug": f"therapist-{n}",
            "bio": "Helps people move.",
            **fields,
        }
    )


def make_category(**fields):
    n = next(numbers)
    return Category.objects.create(**{"name": f"Topic {n}", "slug": f"topic-{n}", **fields})


def make_post(lead_image=False, **fields):
    """A published post from a day ago unless told otherwise."""
    n = next(numbers)
    categories = fields.pop("categories", [])
    if "author" not in fields:
        fields["author"] = make_author()
    post = Post.objects.create(
        **{
            "title": f"Post number {n}",
            "slug": f"post-number-{n}",
            "summary": f"Summary of post {n}.",
            "body": f"Body of post {n}.",
            "status": Post.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(days=1),
            **fields,
        }
    )
    post.categories.set(categories)
    if lead_image:
        post.lead_image_alt = post.lead_image_alt or f"Lead picture of post {n}"
        post.lead_image = image_upload(f"lead-{n}.jpg", size=(1600, 900))
        post.save()
    return post


def make_exercise(photo=False, **fields):
    n = next(numbers)
    exercise = Exercise.objects.create(
        **{
            "name": f"Exercise {n}",
            "slug": f"exercise-{n}",
            "instructions": f"Lie down and breathe ({n}).\n\nThen rest.",
            **fields,
        }
    )
    if photo:
        exercise.photo_alt = exercise.photo_alt or f"Drawing of exercise {n}"
        exercise.photo = image_upload(f"exercise-{n}.jpg")
        exercise.save()
    return exercise


def make_step(post, exercise=None, **fields):
    position = fields.pop("position", post.steps.count() + 1)
    return Step.objects.create(
        post=post, exercise=exercise or make_exercise(), position=position, **fields
    )


def make_comment(post, parent=None, status="approved", **fields):
    """A comment written through the one write path, approved unless told otherwise."""
    n = next(numbers)
    return services.post_comment(
        post,
        parent=parent,
        status=status,
        name=fields.pop("author_name", f"Reader {n}"),
        email=fields.pop("author_email", f"reader{n}@example.com"),
        url=fields.pop("author_url", ""),
        body=fields.pop("body", f"Comment number {n}."),
        **fields,
    )
