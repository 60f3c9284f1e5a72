import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import Exercise
from tests.factories import image_upload

pytestmark = pytest.mark.django_db


def huge_png(width, height):
    """A tiny PNG file whose header claims width x height pixels (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def add_exercise(admin_client, photo):
    return admin_client.post(
        "/admin/blog/exercise/add/",
        {
            "name": "Supported bridge",
            "slug": "supported-bridge",
            "instructions": "Lie on your back.",
            "hold_seconds": 60,
            "photo": photo,
            "photo_alt": "A person lying with a block under the pelvis",
        },
    )


def test_a_good_photo_is_accepted(admin_client):
    response = add_exercise(admin_client, image_upload("bridge.png"))

    assert response.status_code == 302
    exercise = Exercise.objects.get()
    assert (exercise.photo_width, exercise.photo_height) == (1200, 800)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.jpg", b"these are my notes, not a photo"),
            "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.",
        ),
        (
            image_upload("old.gif"),
            "GIF images are not accepted. Upload a JPEG, PNG or WebP photo.",
        ),
        (
            SimpleUploadedFile("huge.png", huge_png(7000, 7000)),
            "This image has too many pixels (7000 × 7000); the limit is 40 megapixels.",
        ),
        (
            SimpleUploadedFile("bomb.png", huge_png(60000, 60000)),
            "This image has too many pixels (far above the limit); the limit is 40 megapixels.",
        ),
    ],
    ids=["not-an-image", "gif", "too-many-pixels", "decompression-bomb"],
)
def test_a_bad_photo_is_refused_with_a_message(admin_client, upload, message):
    response = add_exercise(admin_client, upload)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Exercise.objects.exists()


def test_an_oversized_file_is_refused(admin_client, settings):
    settings.IMAGE_MAX_BYTES = 1000
    photo = image_upload("bridge.png")
    size = f"{photo.size / 1024:.1f}\xa0KB"

    response = add_exercise(admin_client, photo)

    message = f"This file is {size}; images can be at most 1000\xa0bytes."
    assert message in response.content.decode()
    assert not Exercise.objects.exists()
