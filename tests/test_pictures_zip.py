"""A zip of the old uploads folder, as the Import page unpacks it: pictures only, never
outside the folder, and within bounds whatever the zip claims."""

import io
import zipfile

import pytest

from tests.factories import image_bytes
from transfer.archive import BadArchive, unpack


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    buffer.seek(0)
    return buffer


def written(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_pictures_are_written_in_their_folders_and_nothing_else(tmp_path):
    into = tmp_path / "into"
    into.mkdir()
    picture = image_bytes(size=(20, 20))
    archive = zipped(
        {
            "uploads/2019/05/bridge.JPG": picture,
            "uploads/2019/05/bridge.php": b"<?php ?>",
            "uploads/readme.txt": b"words",
            "uploads/2019/": b"",
            "../../climbs-out.jpg": picture,
            "uploads/../../also-out.png": picture,
            "/etc/absolute.gif": picture,
            "C:\\Users\\old\\drive.webp": picture,
            "windows\\style\\path.jpeg": picture,
        }
    )

    count = unpack(archive, into, max_bytes=10**6)

    assert written(into) == [
        "etc/absolute.gif",
        "uploads/2019/05/bridge.JPG",
        "windows/style/path.jpeg",
    ]
    assert count == 3
    assert written(tmp_path) == [f"into/{name}" for name in written(into)]


@pytest.mark.parametrize(
    "files, limits, message",
    [
        ({"a.jpg": bytes(5000), "b.jpg": bytes(5000)}, {"max_bytes": 8000}, "more than 7.8"),
        ({f"{n}.png": b"x" for n in range(4)}, {"max_pictures": 3}, "more than 3 pictures"),
    ],
)
def test_a_zip_beyond_the_bounds_is_refused(tmp_path, files, limits, message):
    with pytest.raises(BadArchive, match=message):
        unpack(zipped(files), tmp_path, **{"max_bytes": 10**6, **limits})


def test_a_damaged_zip_is_refused_with_a_message(tmp_path):
    data = bytearray(zipped({"photo.jpg": image_bytes()}).getvalue())
    data[40:60] = bytes(20)  # inside the compressed picture

    with pytest.raises(BadArchive, match="not a zip that can be read"):
        unpack(io.BytesIO(bytes(data)), tmp_path, max_bytes=10**6)


@pytest.mark.parametrize(
    "members",
    [
        ["a.jpg", "a.jpg/b.jpg"],  # a picture, then a folder of the same name
        ["b.jpg/c.png", "b.jpg"],  # a folder, then a picture of the same name
        ["uploads/" + "k" * 300 + ".jpg"],  # a name no file system takes
    ],
)
def test_a_zip_whose_names_cannot_be_files_is_refused_with_a_message(tmp_path, members):
    archive = zipped({member: image_bytes(size=(20, 20)) for member in members})

    with pytest.raises(BadArchive, match="which cannot be unpacked here") as refused:
        unpack(archive, tmp_path, max_bytes=10**6)

    assert "\n" not in str(refused.value) and len(str(refused.value)) < 300
