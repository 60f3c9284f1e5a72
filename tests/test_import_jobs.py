"""Previews and imports of an uploaded file run as background jobs any runner may claim
(one whose runner stopped is claimed again); a WordPress export is read post by post; the
kept file waits in a folder only the server may enter and is read only if it is the one
previewed."""

import gzip
import os
import re
import tracemalloc
from datetime import UTC, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from blog.models import Post
from comments.models import Comment
from tests import test_transfer_admin as admin_page
from tests.test_transfer_admin import IMPORT, KEPT, WXR, form, nothing_stored, submitted, upload
from tests.test_transfer_jobs import JOB
from transfer import jobs, wxr
from transfer.models import ImportJob

pytestmark = pytest.mark.django_db
dana, kept_files = admin_page.dana, admin_page.kept_files  # its fixtures, here too
HEAD = b"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Many</title><link>https://many.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
"""
ITEM = """<item><title>Post {n}</title><dc:creator>dana</dc:creator>
<content:encoded><![CDATA[<p>{words}</p>]]></content:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{comments}</item>
"""
COMMENT = """<wp:comment><wp:comment_id>{n}</wp:comment_id>
<wp:comment_author>Reader {n}</wp:comment_author>
<wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content>{words}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
</wp:comment>"""


def many_posts(path, posts, comments):
    """A WordPress export of `posts` posts with `comments` comments each, written a post
    at a time."""
    words = "Hold the stretch for a slow breath, then ease off gently. " * 20
    with path.open("wb") as file:
        file.write(HEAD)
        for n in range(1, posts + 1):
            thread = "".join(COMMENT.format(n=n * 1000 + c, words=words) for c in range(comments))
            file.write(ITEM.format(n=n, words=words, comments=thread).encode())
        file.write(b"</channel></rss>\n")
    return path


def posted(client, data):
    """Posts the Import form; returns the job it queued, not yet run."""
    response = client.post(IMPORT, data)
    assert response.status_code == 302
    return ImportJob.objects.get(pk=JOB.match(response["Location"])[1])


def test_a_file_is_previewed_and_imported_by_jobs_the_page_polls(client, dana):
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    # The request answered before reading the file: the job waits for a runner.
    assert job.state == ImportJob.State.QUEUED and job.result is None
    waiting = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Previewing movewell-1.2.xml" in waiting
    assert '<meta http-equiv="refresh" content="2">' in waiting
    assert client.get(f"{IMPORT}{job.pk}/state/").json()["state"] == "queued"

    jobs.run(jobs.claim())

    preview = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Preview: nothing is stored yet" in preview and "http-equiv" not in preview
    assert "Posts: 2 created (draft), 2 created (published), 1 created (scheduled)" in preview
    assert nothing_stored()
    token = KEPT.search(preview)[1]

    imported = posted(client, {**form(dana), "kept": token, "import": "Import"})
    jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{imported.pk}/").content.decode()
    assert '<h2 id="import-report-heading">Imported</h2>' in html
    assert Post.objects.filter(title="Three hip openers for desk days").exists()


def test_a_job_whose_runner_stopped_is_claimed_again_and_finishes(
    client, dana, django_capture_on_commit_callbacks
):
    job = posted(client, {**form(dana), "upload": upload(WXR), "import": "Import"})
    assert jobs.claim().pk == job.pk  # a runner took it up, then its process was killed
    assert jobs.claim() is None  # nobody else may take it while it beats
    ImportJob.objects.filter(pk=job.pk).update(seen_at=timezone.now() - timedelta(minutes=3))

    with django_capture_on_commit_callbacks() as woken:
        page = client.get(f"{IMPORT}{job.pk}/").content.decode()

    # Not given up: still under way, and this process's runner was woken for it.
    assert "Importing movewell-1.2.xml" in page and "errornote" not in page
    assert woken and all(callback == jobs.wake for callback in woken)
    jobs.run_pending()  # what the woken runner does

    job.refresh_from_db()
    assert (job.state, job.attempts) == (ImportJob.State.DONE, 2)
    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert '<h2 id="import-report-heading">Imported</h2>' in html
    assert Post.objects.count() == 5 and Comment.objects.exists()


def test_a_job_that_stops_its_runner_every_time_is_given_up(client, dana):
    job = posted(client, {**form(dana), "upload": upload(WXR), "import": "Import"})
    long_ago = timezone.now() - timedelta(minutes=3)
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.RUNNING, attempts=jobs.MOST_ATTEMPTS, seen_at=long_ago
    )

    assert jobs.claim() is None

    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "The import stopped before it finished, 3 times" in html
    assert 'id="import-form"' in html and nothing_stored()


def test_the_runner_command_runs_what_waits(client, dana):
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    call_command("run_import_jobs", "--once")

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.result["dry_run"]


def test_an_export_is_read_one_post_at_a_time(tmp_path):
    path = many_posts(tmp_path / "many.xml", posts=600, comments=10)
    size = path.stat().st_size
    with path.open("rb") as file:
        source = wxr.read(file, timezone=UTC)
        tracemalloc.start()
        try:
            count = 0
            for post in source.posts:  # each is dropped before the next is read
                count += 1
                assert len(post.comments) == 10
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert count == 600 and size > 8_000_000
    # The whole file's records would take several times its size; a post's, a sliver.
    assert peak < size / 8, (peak, size)


def test_an_export_that_breaks_after_its_first_posts_hands_on_none(tmp_path):
    path = many_posts(tmp_path / "cut.xml", posts=5, comments=1)
    path.write_bytes(path.read_bytes()[:-200])

    with path.open("rb") as file, pytest.raises(wxr.UnreadableSource, match="cut off"):
        wxr.read(file, timezone=UTC)


def pre_made(kept_files, mode):
    kept_files.mkdir()
    kept_files.chmod(mode)
    return kept_files


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o705])
def test_a_folder_others_may_use_is_refused(client, dana, kept_files, mode):
    pre_made(kept_files, mode)

    response = client.post(IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    html = response.content.decode()
    assert response.status_code == 400
    assert f"The server&#x27;s folder for uploaded files, {kept_files}, was not made" in html
    assert list(kept_files.iterdir()) == [] and not ImportJob.objects.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a folder to another user")
def test_a_folder_another_user_made_is_refused(client, dana, kept_files):
    os.chown(pre_made(kept_files, 0o700), 65534, 65534)

    response = client.post(IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    assert response.status_code == 400
    assert "was not made by this site or others may use it" in response.content.decode()
    assert list(kept_files.iterdir()) == []


def test_a_link_in_place_of_the_folder_is_refused(client, dana, kept_files, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    kept_files.symlink_to(elsewhere)

    response = client.post(IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    assert response.status_code == 400
    assert "was not made by this site" in response.content.decode()
    assert list(elsewhere.iterdir()) == []


def test_the_folder_is_made_private(client, dana, kept_files):
    submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    assert kept_files.stat().st_mode & 0o777 == 0o700


def swapped(kept_files):
    """Puts other bytes in the place of the one kept file, as someone might."""
    (kept,) = kept_files.iterdir()
    other = kept_files.parent / "other.xml"
    other.write_bytes(WXR.read_bytes().replace(b"Three hip openers", b"Swapped openers"))
    other.replace(kept)


def test_a_file_swapped_after_its_preview_is_not_imported(client, dana, kept_files):
    preview = submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "1"})
    token = KEPT.search(preview.content.decode())[1]
    swapped(kept_files)

    response = client.post(IMPORT, {**form(dana), "kept": token, "import": "Import"})

    assert response.status_code == 400
    assert "has changed since it was previewed" in response.content.decode()
    assert nothing_stored()


def test_a_file_swapped_before_its_job_runs_is_not_read(client, dana, kept_files):
    job = posted(client, {**form(dana), "upload": upload(WXR), "import": "Import"})
    swapped(kept_files)

    jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert '<p class="errornote">Nothing was imported. The file kept from your preview' in html
    assert nothing_stored()


def test_the_page_of_a_waiting_job_is_valid_html(client, dana, html_errors):
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    assert html_errors({"queued": client.get(f"{IMPORT}{job.pk}/").content.decode()}) == []


def test_a_preview_keeps_its_result_in_the_job(client, dana):
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    jobs.run(jobs.claim())

    job.refresh_from_db()
    assert re.search(r"Posts: .*created", " ".join(job.result["summary"]))
    assert job.result["outlines"] and not Post.objects.exists()


def test_the_import_page_answers_at_once_for_a_big_file(client, dana, tmp_path, settings):
    big = many_posts(tmp_path / "big.xml", posts=40, comments=20)
    settings.IMPORT_MAX_BYTES = big.stat().st_size + 1

    job = posted(client, {**form(dana), "upload": upload(big), "import": "Import"})

    assert job.state == ImportJob.State.QUEUED and not Post.objects.exists()
    jobs.run(jobs.claim())
    assert Post.objects.count() == 40 and Comment.objects.count() == 800


def test_a_preview_of_many_comments_draws_the_first_of_them(client, dana, tmp_path, settings):
    many = many_posts(tmp_path / "many.xml", posts=3, comments=800)
    settings.IMPORT_MAX_BYTES = many.stat().st_size + 1

    html = submitted(client, IMPORT, {**form(dana), "upload": upload(many), "preview": "1"})

    html = html.content.decode()
    assert "Comments: 2400 created (approved)" in html
    assert "The threads below show their first 2000 comments" in html
    assert len(re.findall(r"<li>Reader \d+, ", html)) == 2000


@pytest.mark.parametrize("format", ["wxr", ""])
def test_a_gzipped_export_is_previewed_whether_named_or_detected(client, dana, format):
    packed = SimpleUploadedFile("movewell.xml.gz", gzip.compress(WXR.read_bytes()))

    html = submitted(
        client, IMPORT, {**form(dana, format=format), "upload": packed, "preview": "1"}
    )

    html = html.content.decode()
    assert "Posts: 2 created (draft), 2 created (published), 1 created (scheduled)" in html
    assert "unpack it" not in html and nothing_stored()


def test_a_gzipped_export_is_read_as_it_is_unpacked(client, dana, tmp_path, settings):
    export = many_posts(tmp_path / "many.xml", posts=5, comments=2).read_bytes()
    # Between its posts, much the reader passes over: the file is big, its records few.
    aside = b"<!-- %b -->\n" % (b"kept by the exporter " * 500) * 4000
    unpacked = export.replace(b"<item>", aside + b"<item>", 1)
    settings.IMPORT_MAX_BYTES = len(unpacked) + 1
    packed = SimpleUploadedFile("many.xml.gz", gzip.compress(unpacked))
    job = posted(client, {**form(dana), "upload": packed, "preview": "1"})

    tracemalloc.start()
    try:
        jobs.run(jobs.claim())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.error
    assert "Posts: 5 created (published)" in job.result["summary"]
    # Unpacked whole, the file alone would take its size.
    assert peak < len(unpacked) / 4, (peak, len(unpacked))


def test_a_gzipped_export_that_unpacks_too_big_is_refused(client, dana, settings):
    settings.IMPORT_MAX_BYTES = 100_000
    bomb = gzip.compress(WXR.read_bytes() + b" " * 10_000_000)
    packed = SimpleUploadedFile("bomb.xml.gz", bomb)

    html = submitted(client, IMPORT, {**form(dana, format="wxr"), "upload": packed, "preview": "1"})

    assert "bomb.xml.gz unpacks to more than 97.7" in html.content.decode() and nothing_stored()
