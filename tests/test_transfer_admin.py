"""The admin's Import page (preview, then import, keeping the file between the two) and the
WXR download: what the therapist sees, what is stored, and who may use them."""

import io
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from blog.models import Author, Post
from comments.models import Comment
from tests import test_import_guarantee as guarantee
from tests.factories import image_bytes, make_comment, make_post
from tests.test_transfer_jobs import JOB, started
from transfer import jobs, results, wxr
from transfer.models import ImportedPost, ImportJob

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
WXR = DATA / "wxr" / "movewell-1.2.xml"
MAY = DATA / "weebly" / "hip-hinge-may.txt"
IMPORT = "/admin/transfer/import/"
DOWNLOAD = "/admin/transfer/download/"
KEPT = re.compile(r'name="kept" value="([^"]+)"')
KEPT_PICTURES = re.compile(r'name="kept_pictures" value="([^"]+)"')
UPLOADS = "wp-content/uploads"


@pytest.fixture(autouse=True)
def kept_files(settings, tmp_path):
    """Files kept between preview and import go to this test's own folder."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path / "align-imports"


def therapist_user(username, **fields):
    user = User.objects.create_user(username, f"{username}@movewell-pt.example", **fields)
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


@pytest.fixture
def dana(client):
    """The WXR file's author: in the Therapist group, with her author profile."""
    user = therapist_user("dana", first_name="Dana", last_name="Reyes")
    Author.objects.create(user=user, name="Dana Reyes", slug="dana-reyes", bio="PT.")
    client.force_login(user)
    return user


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/xml")


def zipped(files, name="uploads.zip"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def stored_pictures(media_root):
    return sorted(path.name for path in (Path(media_root) / "imported").glob("*/*"))


def form(client_user, **fields):
    return {
        "format": "",
        "title": "",
        "published": "",
        "author": str(client_user.pk),
        "author_names": "",
        "timezone": "America/Denver",
        **fields,
    }


def submitted(client, address, data):
    """Posts the Import form; when it starts a job, runs the job here (as a runner would)
    and returns the job's page, else the form's answer."""
    response = client.post(address, data)
    if response.status_code != 302:
        return response
    job = ImportJob.objects.get(pk=JOB.match(response["Location"])[1])
    assert job.state == ImportJob.State.QUEUED  # the request did not do it
    jobs.run(jobs.claim())
    return client.get(response["Location"])


def nothing_stored():
    return not (Post.objects.exists() or Comment.objects.exists() or ImportedPost.objects.exists())


def test_the_admin_index_links_to_import_and_download(client, dana):
    html = client.get("/admin/").content.decode()

    assert "Moving in and out" in html
    assert f'href="{IMPORT}">Import a blog</a>' in html
    assert f'href="{DOWNLOAD}">Download everything (WXR)</a>' in html


def test_the_page_offers_her_as_author_with_her_name(client, dana):
    html = client.get(IMPORT).content.decode()

    assert re.search(rf'<option value="{dana.pk}" selected>Dana Reyes \(dana\)</option>', html)
    # Her first name too: her answers on the old blog are often signed with it alone.
    assert re.search(r"<textarea[^>]*author_names[^>]*>\s*Dana\nDana Reyes</textarea>", html)
    assert '<option value="America/Denver" selected>' in html
    assert 'type="date"' in html


def test_preview_shows_the_threads_as_outlines_and_creates_nothing(client, dana, kept_files):
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: nothing is stored yet" in html
    assert "Posts: 2 created (draft), 2 created (published), 1 created (scheduled)" in html
    assert "Three hip openers for desk days" in html
    # A reply's line sits in a list inside its parent's item.
    assert re.search(r'<li>[^<]+<ul class="import-outline">\s*<li>', html)
    assert "<code>movewell-1.2.xml: item 3 (wp:post_id 102), wp:comment_id 302</code>" in html
    assert 'name="import" value="Import"' in html
    assert nothing_stored()
    # The file waits for the import, named by the token the page carries.
    assert KEPT.search(html) and len(list(kept_files.iterdir())) == 1
    assert "Kept from your preview: movewell-1.2.xml." in html


def test_the_preview_badges_her_comments_and_shows_local_times(client, dana):
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"}
    )

    html = response.content.decode()
    lines = re.findall(r"<li>([^<]*(?:<span[^>]*>[^<]*</span>)?[^<]*)", html)
    # Stored at 13:15 and 00:45 UTC; the old blog's clock (Denver, UTC-6 in March) said so.
    assert 'Dana Reyes <span class="badge">Author</span>, 2024-03-13 07:15: ' in html
    mine = [line for line in lines if line.startswith("Dana")]
    assert len(mine) == 2 and all('class="badge"' in line for line in mine)
    assert "Marta Kowalczyk, 2024-03-13 18:45: That fixed it" in html
    assert not any('class="badge"' in line for line in lines if line.startswith("Marta"))
    assert "Comment times are America/Denver time." in html


def test_the_preview_has_the_import_button_at_the_top(client, dana):
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"}
    )

    html = response.content.decode()
    first = html.index('name="import"')
    assert first < html.index("Posts: ") < html.index("The thread of")
    # Outside the form, it sends the form's choices as the bottom button does.
    assert '<input type="submit" form="import-form" name="import" value="Import"' in html
    assert html.count('name="import" value="Import"') == 2
    # Enter in a field submits with the form's first button: that still only previews.
    assert html.index('name="preview" value="Preview again"') < first


def test_the_preview_and_the_command_agree_on_what_is_scheduled(client, dana):
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"}
    )

    html = response.content.decode()
    assert "Posts: 2 created (draft), 2 created (published), 1 created (scheduled)" in html
    assert "<li>Hip hinge week — scheduled for Jan. 6, 2031</li>" in html
    assert "Tags: 2 kept on their posts, not listed as topics" in html


def test_her_first_name_is_one_of_her_names_by_default(client):
    user = therapist_user("maren", first_name="Maren", last_name="Holt")
    client.force_login(user)
    shown = client.get(IMPORT).content.decode()
    names = re.search(r"<textarea[^>]*author_names[^>]*>\s*([^<]*)</textarea>", shown).group(1)
    fields = form(user, text=MAY.read_text(), title="Hip hinge", author_names=names)

    submitted(client, IMPORT, {**fields, "import": "Import"})

    post = Post.objects.get()
    assert names == "Maren\nMaren Holt"
    signed = post.comments.filter(author_name__in=["Maren", "Maren Holt"])
    assert signed.count() > 1 and not signed.filter(user=None).exists()


def test_import_after_preview_uses_the_kept_file(client, dana, kept_files):
    preview = submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})
    token = KEPT.search(preview.content.decode()).group(1)

    response = submitted(client, IMPORT, {**form(dana), "kept": token, "import": "Import"})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Imported" in html
        and "Posts: 2 created (draft), 2 created (published), 1 created (scheduled)" in html
    )
    post = Post.objects.get(title="Three hip openers for desk days")
    assert post.author.user == dana
    assert f'<a href="{post.get_absolute_url()}">Three hip openers for desk days</a>' in html
    assert f'href="/admin/blog/post/{post.pk}/change/"' in html
    answer = post.comments.get(user=dana)  # her reply, recognised as hers
    assert answer.parent is not None
    logged = LogEntry.objects.filter(user=dana, action_flag=ADDITION)
    assert {entry.object_id for entry in logged} == {str(p.pk) for p in Post.objects.all()}
    assert logged.first().change_message == "Imported from movewell-1.2.xml."
    assert list(kept_files.iterdir()) == []  # the kept file is gone
    assert "Kept from your preview" not in html and not KEPT.search(html)


def test_importing_the_same_file_again_adds_nothing(client, dana):
    submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "import": "Import"})
    counts = Post.objects.count(), Comment.objects.count()

    html = submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "import": "Import"})
    html = html.content.decode()

    assert (Post.objects.count(), Comment.objects.count()) == counts
    assert "already there (published)" in html


def test_pasted_weebly_text_with_title_and_date(client, dana):
    fields = form(
        dana,
        text=MAY.read_text(),
        title="Hip hinge",
        published="2016-05-02",
        author_names="Maren\nMaren Holt",
        format="weebly-text",
    )

    response = submitted(client, IMPORT, {**fields, "import": "Import"})

    assert response.status_code == 200
    post = Post.objects.get()
    assert post.title == "Hip hinge"
    assert timezone.localtime(post.published_at).date() == date(2016, 5, 2)
    assert post.comments.count() == 9
    assert post.comments.filter(user=dana, author_name="Maren").exists()  # her answers
    html = response.content.decode()
    assert "<code>the pasted text: line 47</code>: a comment" in html


def test_preview_of_pasted_text_keeps_the_text_not_a_file(client, dana, kept_files):
    fields = form(dana, text=MAY.read_text(), title="Hip hinge")

    html = submitted(client, IMPORT, {**fields, "preview": "Preview"}).content.decode()

    assert "Preview: nothing is stored yet" in html and "Hip hinge" in html
    assert "Dana Whitfield" in html  # the textarea still holds the text for Import
    assert not kept_files.exists() or list(kept_files.iterdir()) == []
    assert nothing_stored()


@pytest.mark.parametrize(
    "name, message",
    [
        ("wxr/truncated.xml", "truncated.xml: "),
        ("wxr/feed-not-wxr.xml", "feed-not-wxr.xml: "),
        ("weebly/binary.bin", "binary"),
        ("weebly/not-a-blog.txt", "not-a-blog.txt: "),
    ],
)
def test_a_bad_file_shows_the_message_and_stores_nothing(client, dana, kept_files, name, message):
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(DATA / name), "preview": "Preview"}
    )

    html = response.content.decode()
    assert response.status_code == 200  # the job's page, which says it failed
    assert '<p class="errornote">Nothing was imported.' in html and message in html
    assert nothing_stored() and not Author.objects.exclude(user=dana).exists()
    assert f"Kept from your preview: {name.rpartition('/')[2]}." in html  # to try another format


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "Choose a file to upload, paste the page text, or give the old blog’s address."),
        ({"text": "Some page text"}, "Choose a file or paste the page text, not both."),
        ({"kept": "made-up"}, "The file from your preview is no longer here"),
        ({"published": "05/02/2016"}, "Enter a valid date."),
        ({"timezone": "Mars/Olympus"}, "Select a valid choice."),
        ({"format": "rss"}, "Select a valid choice."),
    ],
)
def test_unclear_input_gets_a_clear_message(client, dana, fields, message):
    data = {**form(dana), **fields, "preview": "Preview"}
    if fields.get("text"):
        data["upload"] = upload(WXR)

    response = client.post(IMPORT, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_stored()


BLOG = "https://old-blog.example/blog"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"address": BLOG, "text": "Some page text"}, "Choose one: a file, the page text or"),
        ({"format": "weebly-site", "text": "Words"}, "Give the Weebly blog’s address."),
        ({"address": BLOG, "format": "wxr"}, "An address is read as a Weebly blog"),
        ({"address": "old blog, somewhere"}, "Enter a valid URL."),
        (
            {"upload": upload(WXR), "kept_pictures": "made-up"},
            "The pictures zip from your preview is no longer here",
        ),
    ],
)
def test_unclear_choices_of_address_or_pictures_get_a_clear_message(client, dana, fields, message):
    response = client.post(IMPORT, {**form(dana), **fields, "preview": "Preview"})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_stored() and not ImportJob.objects.exists()


def test_pictures_cannot_be_fetched_from_a_site_the_text_does_not_name(client, dana):
    fields = {**form(dana), "text": MAY.read_text(), "fetch_pictures": "on", "import": "1"}

    html = submitted(client, IMPORT, fields).content.decode()

    assert "the pasted text does not say where the old site is" in html
    assert '<p class="errornote">Nothing was imported.' in html and nothing_stored()


def test_a_file_over_the_limit_gets_a_clear_message(client, dana, settings):
    settings.IMPORT_MAX_BYTES = 1000

    response = client.post(IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "the Import page reads files up to 1000\xa0bytes" in html
    assert nothing_stored()


def test_a_kept_file_is_only_for_who_uploaded_it(client, dana):
    preview = submitted(client, IMPORT, {**form(dana), "upload": upload(WXR), "preview": "Preview"})
    token = KEPT.search(preview.content.decode()).group(1)
    other = therapist_user("maren", first_name="Maren")
    client.force_login(other)

    response = submitted(client, IMPORT, {**form(other), "kept": token, "import": "Import"})

    assert response.status_code == 400
    assert "The file from your preview is no longer here" in response.content.decode()
    assert nothing_stored()


def test_the_author_is_one_with_a_profile_or_herself(client, dana):
    stranger = User.objects.create_user("office", is_staff=True)  # no author profile

    response = client.post(
        IMPORT, {**form(dana, author=str(stranger.pk)), "upload": upload(WXR), "preview": "1"}
    )

    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()


def test_preview_makes_no_author_profile_and_import_does(client):
    user = therapist_user("maren", first_name="Maren", last_name="Holt")
    client.force_login(user)
    fields = {**form(user, text=MAY.read_text(), title="Hip hinge")}

    submitted(client, IMPORT, {**fields, "preview": "Preview"})
    assert not Author.objects.exists()

    submitted(client, IMPORT, {**fields, "import": "Import"})
    assert Post.objects.get().author == Author.objects.get(user=user, name="Maren Holt")


def test_staff_without_the_permissions_are_refused(client):
    user = User.objects.create_user("desk", is_staff=True)
    client.force_login(user)

    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"upload": upload(WXR), "import": "Import"}).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403
    assert "Import a blog" not in client.get("/admin/").content.decode()
    assert nothing_stored()


@pytest.mark.parametrize("staff", [False, None])
def test_readers_are_sent_to_the_login(client, staff):
    if staff is False:
        client.force_login(User.objects.create_user("reader"))

    for address in (IMPORT, DOWNLOAD):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_download_is_a_wxr_file_of_the_whole_site(client, dana):
    post = make_post(title="Ten-minute hip reset", author=dana.author_profile)
    question = make_comment(post, author_name="Wes", body="Every morning?")
    make_comment(post, parent=question, author_name="Dana Reyes", body="Yes.", user=dana)
    make_post(title="A draft", status="draft", published_at=None, author=dana.author_profile)

    response = client.get(DOWNLOAD)

    assert response.status_code == 200 and response.streaming
    name = f"align-{timezone.localdate():%Y-%m-%d}.xml"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"].startswith("application/xml")
    source = wxr.parse(b"".join(response.streaming_content), timezone=UTC)
    by_title = {record.title: record for record in source.posts}
    assert set(by_title) == {"Ten-minute hip reset", "A draft"}
    first, reply = by_title["Ten-minute hip reset"].comments
    assert reply.body == "Yes." and reply.parent_key == first.key


def test_the_pages_are_valid_html(client, dana, html_errors):
    pages = {"empty": client.get(IMPORT).content.decode()}
    fields = {**form(dana), "upload": upload(WXR)}
    pages["preview"] = submitted(client, IMPORT, {**fields, "preview": "1"}).content.decode()
    pages["imported"] = submitted(client, IMPORT, {**fields, "import": "1"}).content.decode()
    bad = {**form(dana), "upload": upload(DATA / "wxr" / "truncated.xml"), "preview": "1"}
    pages["refused"] = submitted(client, IMPORT, bad).content.decode()
    pages["index"] = client.get("/admin/").content.decode()

    assert html_errors(pages) == []


def as_job(client, data, capture):
    """The page of the background job the form starts (a zip of pictures takes longer than
    a request may), once the job has run."""
    job = started(client, data, capture)
    jobs.run(jobs.claim())
    return client.get(f"{IMPORT}{job.pk}/")


def test_pictures_come_from_a_zip_of_the_old_uploads(
    client, dana, media_root, kept_files, django_capture_on_commit_callbacks
):
    pictures = zipped(
        {
            f"{UPLOADS}/2024/03/ninety-ninety.jpg": image_bytes(colour=(200, 90, 40)),
            f"{UPLOADS}/2024/04/rib-breathing.jpg": image_bytes(colour=(40, 90, 200)),
            f"{UPLOADS}/2024/04/notes.txt": b"not a picture",
            "../outside.jpg": image_bytes(),
        }
    )
    fields = {**form(dana), "upload": upload(WXR), "pictures": pictures}
    capture = django_capture_on_commit_callbacks

    preview = as_job(client, {**fields, "preview": "Preview"}, capture).content.decode()

    assert "would store the picture ninety-ninety.jpg" in preview
    assert "Kept from your preview: uploads.zip." in preview
    assert stored_pictures(media_root) == []
    kept = {"kept": KEPT.search(preview)[1], "kept_pictures": KEPT_PICTURES.search(preview)[1]}

    response = as_job(client, {**form(dana), **kept, "import": "Import"}, capture)

    assert '<h2 id="import-report-heading">Imported</h2>' in response.content.decode()
    openers = Post.objects.get(title="Three hip openers for desk days")
    # The featured image is the lead picture; the body's resized copy is the same file.
    assert openers.lead_image.name.startswith("imported/")
    assert f"]({openers.lead_image.url})" in openers.body
    assert UPLOADS not in openers.body
    assert stored_pictures(media_root) == ["ninety-ninety.jpg", "rib-breathing.jpg"]
    assert not (kept_files.parent / "outside.jpg").exists()
    assert list(kept_files.iterdir()) == []  # the export and the zip are gone


def test_a_damaged_picture_in_the_zip_is_left_out_and_the_rest_comes_in(
    client, dana, media_root, django_capture_on_commit_callbacks
):
    sitting = image_bytes(colour=(200, 90, 40))
    pictures = zipped(
        {
            f"{UPLOADS}/2024/03/ninety-ninety.jpg": sitting[: len(sitting) // 2],  # cut off
            f"{UPLOADS}/2024/04/rib-breathing.jpg": image_bytes(colour=(40, 90, 200)),
        }
    )
    fields = {**form(dana), "upload": upload(WXR), "pictures": pictures, "import": "Import"}

    html = as_job(client, fields, django_capture_on_commit_callbacks).content.decode()

    assert '<h2 id="import-report-heading">Imported</h2>' in html
    assert "not a picture we can read, left out: ninety-ninety.jpg" in html
    assert not Post.objects.get(title="Three hip openers for desk days").lead_image
    assert stored_pictures(media_root) == ["rib-breathing.jpg"]


@pytest.mark.parametrize(
    "pictures, message",
    [
        (SimpleUploadedFile("uploads.zip", b"PK not really"), "is not a zip that can be read"),
        # Zeros compress well: a small zip that would unpack to more than it may.
        (zipped({"a.jpg": bytes(70_000), "b.jpg": bytes(70_000)}), "come to more than"),
    ],
)
def test_a_pictures_zip_that_cannot_be_used_is_refused(
    client, dana, settings, media_root, pictures, message, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_BYTES = 60_000
    fields = {**form(dana), "upload": upload(WXR), "pictures": pictures, "import": "Import"}

    response = as_job(client, fields, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert '<p class="errornote">Nothing was imported. The pictures' in html
    assert message in html
    assert nothing_stored() and stored_pictures(media_root) == []


def test_a_new_post_whose_link_cannot_be_built_is_listed_by_its_title(dana):
    fine = make_post(title="Still fine", author=dana.author_profile)
    # A date no local time can hold (year 1, west of UTC), stored around the importer.
    odd = make_post(title="Year one", published_at=datetime(1, 1, 1, tzinfo=UTC))
    shown = {"created": [{"pk": odd.pk}, {"pk": fine.pk}, {"pk": fine.pk + odd.pk}]}

    created = results.with_links(shown)["created"]

    assert created[0]["url"] == "" and created[0]["edit"] == f"/admin/blog/post/{odd.pk}/change/"
    assert created[1]["url"] == fine.get_absolute_url()
    assert created[2]["url"] == created[2]["edit"] == ""  # deleted since


def test_every_fixture_ends_on_its_result_page_with_links_that_open(client, dana, tmp_path):
    """What stored 22 posts and then answered with an error page: building the link of a
    post whose address held an emoji (unusual-addresses.xml has such posts)."""
    for path in [*guarantee.FIXTURES, guarantee.unusual_addresses(tmp_path)]:
        fields = {**form(dana, format=""), "upload": upload(path), "title": "A post"}
        response = submitted(client, IMPORT, {**fields, "import": "Import"})

        html = response.content.decode()
        if path.name in guarantee.REFUSED:  # a file that cannot be read: said so, nothing else
            said = (guarantee.REFUSED[path.name], "The submitted file is empty.")
            # An empty upload is refused by the form; the others by the job, on its page.
            assert response.status_code == 400 or 'class="errornote"' in html, path.name
            assert any(message in html for message in said), path.name
            continue
        assert response.status_code == 200, path.name
        assert '<h2 id="import-report-heading">Imported</h2>' in html, path.name
        links = re.findall(r'<li><a href="([^"]+)">', html)
        assert links or "Posts: 0" in html or "already there" in html, path.name
        for link in links:
            assert client.get(link).status_code == 200, (path.name, link)
