import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import ExifTags, Image

from blog.models import Exercise
from tests.factories import image_upload, make_exercise, make_post, make_step

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


def add_exercise(admin_client, photo, alt="A person lying with a block under the pelvis"):
    return admin_client.post(
        "/admin/blog/exercise/add/",
        {
            "name": "Supported bridge",
            "slug": "supported-bridge",
            "instructions": "Lie on your back.",
            "hold_seconds": 60,
            "photo": photo,
            "photo_alt": alt,
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


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>40,45N</exif:GPSLatitude></x:xmpmeta>'


def phone_photo(kind):
    """A 1200 x 800 photo as a phone stores it: sideways (Orientation 6, turn it a quarter
    clockwise to view) with where it was taken in its EXIF, and XMP where the format has it.
    Its top left corner is red, the rest green."""
    image = Image.new("RGB", (1200, 800), (0, 160, 0))
    image.paste((255, 0, 0), (0, 0, 300, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (40.0, 45.0, 39.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (111.0, 53.0, 28.0),
        }
    )
    extra = {"JPEG": {"comment": b"Home", "xmp": XMP}, "WEBP": {"xmp": XMP}, "PNG": {}}[kind]
    buffer = io.BytesIO()
    image.save(buffer, kind, exif=exif, **extra)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "name"), [("JPEG", "knee.jpg"), ("PNG", "knee.png"), ("WEBP", "knee.webp")]
)
def test_a_stored_photo_keeps_its_picture_and_loses_where_it_was_taken(admin_client, kind, name):
    original = Image.open(io.BytesIO(phone_photo(kind)))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test's photo has them

    response = add_exercise(admin_client, SimpleUploadedFile(name, phone_photo(kind)))

    assert response.status_code == 302
    exercise = Exercise.objects.get()
    with exercise.photo.open() as stored_file, Image.open(stored_file) as stored:
        assert stored.format == kind
        assert not stored.getexif() and "exif" not in stored.info
        assert "xmp" not in stored.info and "comment" not in stored.info
        assert stored.size == (800, 1200)
        pixels = stored.convert("RGB")
    # Turned upright: the red corner is now the top right one.
    (red, green, _), (_, other_green, _) = pixels.getpixel((790, 10)), pixels.getpixel((10, 10))
    assert red > 200 and green < 60
    assert other_green > 120
    # As stored, so pages lay it out upright (loading it would measure the file again).
    assert Exercise.objects.values_list("photo_width", "photo_height").get() == (800, 1200)


def test_described_images_declare_what_the_migrations_made():
    # Fields and columns come from DescribedImage, the constraints from each model's Meta.
    call_command("makemigrations", "blog", check=True, dry_run=True, verbosity=0)


def test_a_photo_without_its_description_comes_back_with_a_message(admin_client):
    response = add_exercise(admin_client, image_upload("bridge.png"), alt="")

    assert response.status_code == 200
    message = "Add the image’s description: readers who cannot see it need one."
    assert message in response.content.decode()
    assert not Exercise.objects.exists()


def test_a_replaced_photo_shows_with_its_own_renditions(client):
    """Rendition addresses are worked out once per file (blog/images.py): a new photo
    still gets its own, the ones imagekit names and stores."""
    exercise = make_exercise(photo=True)
    post = make_post()
    make_step(post, exercise)
    before = client.get(post.get_absolute_url()).content.decode()
    old = exercise.picture()

    exercise.photo = image_upload("replaced.jpg", size=(800, 600))
    exercise.save()
    exercise = Exercise.objects.get(pk=exercise.pk)
    after = client.get(post.get_absolute_url()).content.decode()

    assert old.src in before
    new = exercise.picture()
    assert new.srcset == f"{exercise.photo_400.url} 400w, {exercise.photo_800.url} 800w"
    assert f'src="{new.src}" srcset="{new.srcset}"' in after
    assert old.src not in after
