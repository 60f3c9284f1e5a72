"""Imports from the admin's Import page that read another site run as background jobs: a
Weebly blog by its address, pictures fetched from the old site. Each blog is served from
127.0.0.1 by a local server; the page polls the job and ends on its result."""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from blog.models import Author, Post
from comments.models import Comment
from tests.factories import image_bytes
from tests.weebly_site_fixture import serve, story_site
from transfer import jobs
from transfer.models import ImportJob

pytestmark = pytest.mark.django_db
WXR = Path(__file__).parent / "data" / "wxr" / "movewell-1.2.xml"
IMPORT = "/admin/transfer/import/"
JOB = re.compile(r"^/admin/transfer/import/(\d+)/$")
BADGE = ' <span class="badge">Author</span>'


@pytest.fixture(autouse=True)
def quick(settings, tmp_path):
    """No wait between requests to the local server, which is on this machine; kept files
    and the crawl's cache in this test's own folder."""
    settings.IMPORT_CRAWL_DELAY = 0
    settings.IMPORT_ALLOW_PRIVATE_ADDRESSES = True
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)


@pytest.fixture
def wren(client):
    user = User.objects.create_user(
        "wren", "wren@wren-alder-pt.example", "lilac-plank-hallway", first_name="Wren"
    )
    user.last_name = "Alder"
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Therapist"))
    Author.objects.create(user=user, name="Wren Alder", slug="wren-alder", bio="PT.")
    client.force_login(user)
    return user


@pytest.fixture
def blog(tmp_path):
    root = tmp_path / "site"
    facts = story_site(root)
    with serve(root) as server:
        server.facts = facts
        yield server


def fields(user, **more):
    return {
        "format": "",
        "author": str(user.pk),
        "author_names": "Wren\nWren Alder",
        "timezone": "America/Denver",
        "date_order": "mdy",
        **more,
    }


def started(client, data, django_capture_on_commit_callbacks):
    """Posts the form; returns the job it started, its thread not yet run (the test runs
    the job itself, in its own transaction)."""
    with django_capture_on_commit_callbacks() as launched:
        response = client.post(IMPORT, data)
    assert response.status_code == 302 and len(launched) == 1
    return ImportJob.objects.get(pk=JOB.match(response["Location"])[1])


def test_a_weebly_blog_by_its_address_previews_then_imports(
    client, wren, blog, django_capture_on_commit_callbacks
):
    address = f"{blog.url}/blog"
    job = started(
        client, fields(wren, address=address, preview="Preview"), django_capture_on_commit_callbacks
    )

    running = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in running
    assert f"Previewing {address}" in running and 'id="import-form"' not in running

    jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Preview: nothing is stored yet" in html and "http-equiv" not in html
    assert html.index('name="import" value="Import"') < html.index("Posts: ")
    assert f'value="{address}"' in html  # the form holds the address for the import
    # Her answers, signed "Wren", badged; times as the blog's clock showed them.
    assert f"Wren{BADGE}, 2012-10-25 14:40: " in html
    assert "Tamsin Greaves, 2012-10-25 12:40: Question 0" in html
    assert not Post.objects.exists()

    imported = started(
        client,
        fields(wren, address=address, **{"import": "Import"}),
        django_capture_on_commit_callbacks,
    )
    jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{imported.pk}/").content.decode()
    assert '<h2 id="import-report-heading">Imported</h2>' in html
    big = Post.objects.get(title="Hip hinge with a broom handle")
    assert f'<a href="{big.get_absolute_url()}">Hip hinge with a broom handle</a>' in html
    assert big.lead_image.name.startswith("imported/")
    assert big.comments.filter(user=wren).count() == 36
    assert client.get(big.get_absolute_url()).status_code == 200


def test_a_new_post_deleted_since_is_listed_without_its_link(
    client, wren, blog, django_capture_on_commit_callbacks
):
    job = started(
        client,
        fields(wren, address=f"{blog.url}/blog", **{"import": "Import"}),
        django_capture_on_commit_callbacks,
    )
    jobs.run(jobs.claim())
    gone = Post.objects.get(title="Ankle circles")
    gone.delete()

    response = client.get(f"{IMPORT}{job.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<li>Ankle circles</li>" in html
    assert "Side-lying clams</a>" in html


def test_an_address_that_is_not_a_blog_fails_with_a_message(
    client, wren, blog, django_capture_on_commit_callbacks
):
    job = started(
        client,
        fields(wren, address=f"{blog.url}/no-such-blog", preview="Preview"),
        django_capture_on_commit_callbacks,
    )

    jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert '<p class="errornote">Nothing was imported.' in html
    assert "no-such-blog: the site has no such page (404)" in html
    assert 'id="import-form"' in html and "http-equiv" not in html


def test_a_job_is_only_for_who_started_it(client, wren):
    job = ImportJob.objects.create(user=wren, dry_run=True, choices={}, seen_at=timezone.now())
    other = User.objects.create_user("desk", is_staff=True)
    other.groups.add(Group.objects.get(name="Therapist"))
    client.force_login(other)

    assert client.get(f"{IMPORT}{job.pk}/").status_code == 404


def test_pictures_left_on_the_old_wordpress_site_are_fetched_when_asked(
    client, wren, tmp_path, media_root, django_capture_on_commit_callbacks
):
    root = tmp_path / "old-site"
    uploads = root / "wp-content" / "uploads"
    (uploads / "2024" / "03").mkdir(parents=True)
    (uploads / "2024" / "04").mkdir(parents=True)
    sitting = image_bytes(size=(80, 60), colour=(9, 9, 9))
    (uploads / "2024" / "03" / "ninety-ninety.jpg").write_bytes(sitting)
    (uploads / "2024" / "03" / "ninety-ninety-1024x683.jpg").write_bytes(sitting)
    (uploads / "2024" / "04" / "rib-breathing.jpg").write_bytes(image_bytes(size=(80, 60)))
    with serve(root) as old:
        export = WXR.read_bytes().replace(b"https://www.movewell-pt.example", old.url.encode())
        upload = SimpleUploadedFile("movewell.xml", export, content_type="application/xml")
        data = fields(wren, upload=upload, fetch_pictures="on", **{"import": "Import"})
        job = started(client, data, django_capture_on_commit_callbacks)
        jobs.run(jobs.claim())

    html = client.get(f"{IMPORT}{job.pk}/").content.decode()
    assert "Imported" in html, re.findall(r'errornote">([^<]*)', html)
    openers = Post.objects.get(title="Three hip openers for desk days")
    assert openers.lead_image.name.startswith("imported/")
    pictures = f"{old.url}/wp-content/uploads"
    assert pictures not in openers.body + Post.objects.get(title__startswith="Twenty-four").body
    # The body's copy and the featured image are the same picture: one file.
    assert f"]({openers.lead_image.url})" in openers.body
    assert sorted(p.name for p in (Path(media_root) / "imported").glob("*/*")) == [
        "ninety-ninety-1024x683.jpg",
        "rib-breathing.jpg",
    ]
    assert Comment.objects.filter(post=openers).exists()


@pytest.mark.django_db(transaction=True)
def test_the_page_follows_a_running_job_until_it_is_done(client, wren, blog):
    response = client.post(IMPORT, fields(wren, address=f"{blog.url}/blog", preview="Preview"))
    page = response["Location"]

    running = client.get(page).content.decode()
    state = re.search(r'data-job-state="([^"]+)"', running)[1]
    assert 'src="/static/js/import-job.js"' in running
    deadline, answers = time.monotonic() + 60, []
    while time.monotonic() < deadline:
        answer = client.get(state)
        # 503: SQLite's in-memory test database locks a table while the job writes it.
        answers.append(answer.json() if answer.status_code == 200 else answer.status_code)
        if answers[-1] not in (503,) and answers[-1]["state"] not in ("queued", "running"):
            break
        time.sleep(0.2)

    assert answers[-1] == {"state": "done", "progress": "Done"}
    html = client.get(page).content.decode()
    assert "Preview: nothing is stored yet" in html
    assert "Posts: " in html and not Post.objects.exists()


def test_the_job_pages_are_valid_html(
    client, wren, blog, html_errors, django_capture_on_commit_callbacks
):
    job = started(
        client,
        fields(wren, address=f"{blog.url}/blog", preview="Preview"),
        django_capture_on_commit_callbacks,
    )
    pages = {"running": client.get(f"{IMPORT}{job.pk}/").content.decode()}
    jobs.run(jobs.claim())
    pages["previewed"] = client.get(f"{IMPORT}{job.pk}/").content.decode()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.FAILED, error="It broke.")
    pages["failed"] = client.get(f"{IMPORT}{job.pk}/").content.decode()

    assert html_errors(pages) == []


def test_ended_jobs_go_after_a_week(client, wren, django_capture_on_commit_callbacks):
    week_ago = timezone.now() - timedelta(days=8)
    for state in ImportJob.State.DONE, ImportJob.State.RUNNING:
        old = ImportJob.objects.create(
            user=wren, dry_run=True, choices={}, seen_at=week_ago, state=state
        )
        ImportJob.objects.filter(pk=old.pk).update(started_at=week_ago)

    new = started(
        client,
        fields(wren, address="https://old-blog.example/blog"),
        django_capture_on_commit_callbacks,
    )

    assert set(ImportJob.objects.values_list("state", flat=True)) == {"queued", "running"}
    assert ImportJob.objects.count() == 2 and ImportJob.objects.filter(pk=new.pk).exists()


def test_an_address_on_this_server_is_refused_unless_allowed(client, wren, blog, settings):
    settings.IMPORT_ALLOW_PRIVATE_ADDRESSES = False

    response = client.post(IMPORT, fields(wren, address=f"{blog.url}/blog", preview="Preview"))

    assert response.status_code == 400
    assert (
        "127.0.0.1 is on this server or a private network (127.0.0.1), which the Import page "
        "does not read (IMPORT_ALLOW_PRIVATE_ADDRESSES)." in response.content.decode()
    )
    assert blog.requests == [] and not ImportJob.objects.exists()


def test_an_address_with_a_password_is_refused(client, wren, blog):
    address = blog.url.replace("://", "://wren:lilac-plank@") + "/blog"

    response = client.post(IMPORT, fields(wren, address=address, preview="Preview"))

    assert response.status_code == 400
    assert "Give the address without a user name or password" in response.content.decode()
    assert blog.requests == [] and not ImportJob.objects.exists()
