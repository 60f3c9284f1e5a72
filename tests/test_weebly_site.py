"""import_blog URL|FOLDER (weebly-site): a whole Weebly blog read from a server on 127.0.0.1
or from a saved copy, politely, with its threads whole, its answers as hers, its pictures
stored here once, and nothing twice on a second run."""

import io
import socket
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from blog.models import Post
from comments.models import Comment
from tests.factories import make_author
from tests.weebly_site_fixture import HOST, comment_html, serve, story_site, write
from tests.weebly_site_fixture import Comment as SavedComment
from transfer import weebly_site
from transfer.fetch import Fetcher, FetchError, open_location
from transfer.models import ImportedPost

pytestmark = pytest.mark.django_db
IMPORTED = {
    "Shoulder rolls at the counter",  # listed only by its month's archive
    "Ankle circles",
    "Heel walks and calf raises",
    "Hip hinge with a broom handle",
    "Side-lying clams",
    "Desk stretch for wrists",
}
HINGE = "Hip hinge with a broom handle"


@pytest.fixture
def therapist():
    user = get_user_model().objects.create_user(
        "wren", "wren@alder-pt.example", first_name="Wren", last_name="Alder", is_staff=True
    )
    return make_author(name="Wren Alder", slug="wren-alder", user=user)


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "saved" / HOST
    story = story_site(root)
    with serve(root) as server:
        server.root, server.story = root, story
        yield server


def run(*args):
    out = io.StringIO()
    call_command("import_blog", *map(str, args), stdout=out)
    return out.getvalue()


def crawl(site, cache, *more):
    return run(
        f"{site.url}/blog",
        *("--author", "wren", "--author-name", "Wren", "--timezone", "America/Denver"),
        *("--delay", "0", "--cache", cache, *more),
    )


def snapshot():
    comments = Comment.objects.order_by("pk").values_list(
        "post__slug", "parent_id", "author_name", "created_at", "user_id", "body"
    )
    posts = Post.objects.order_by("pk").values_list("slug", "body", "lead_image")
    return list(posts), list(comments)


def test_a_whole_blog_comes_in_by_its_address(site, therapist, tmp_path):
    output = crawl(site, tmp_path / "cache")

    assert set(Post.objects.values_list("title", flat=True)) == IMPORTED
    assert all(post.is_public() for post in Post.objects.all())
    # Every index page was read, and the post only a month's archive lists.
    assert {"/blog/previous/2", "/blog/previous/3", "/blog/archives/09-2012"} <= set(site.requests)
    # The page that is gone is reported, and the rest came in.
    assert "a-page-that-went-away: the post's page could not be read" in output
    assert "(404)" in output
    # robots.txt is read first and obeyed.
    assert site.requests[0] == "/robots.txt"
    assert not any(path.startswith("/blog/members-only") for path in site.requests)
    assert "members-only-check-in: the post's page could not be read: the site's robots.txt" in (
        output
    )
    # Topics from the post's own topic links and from the topic pages that list it; not
    # from a link in its text to another site's topic page.
    ankle = Post.objects.get(title="Ankle circles")
    assert list(ankle.categories.values_list("name", flat=True)) == ["Feet"]
    hinge = Post.objects.get(title=HINGE)
    assert set(hinge.categories.values_list("name", flat=True)) == {"Hips"}
    assert hinge.slug == "hip-hinge-with-a-broom-handle"
    assert hinge.published_at.astimezone(ZoneInfo("America/Denver")).date().isoformat() == (
        "2012-10-25"
    )


def test_every_comment_comes_whole_in_its_thread_with_her_answers_as_hers(
    site, therapist, tmp_path
):
    crawl(site, tmp_path / "cache")

    hinge = Post.objects.get(title=HINGE)
    stored = list(hinge.comments.order_by("tree_id", "lft"))
    saved = site.story["big"].comments
    assert len(stored) == len(saved) >= 100
    assert {c.level for c in stored} == {0, 1, 2}
    # The same tree as the page's levels say, in the same order, every text whole.
    path, expected = [], []
    for comment in saved:
        del path[comment.level :]
        expected.append((comment.text, path[-1].text if path else None))
        path.append(comment)
    assert [(c.body, c.parent.body if c.parent else None) for c in stored] == expected
    answers = [c for c in stored if c.author_name == "Wren"]
    assert answers and all(c.user_id == therapist.user_id for c in answers)
    assert answers[0].body == (
        "Tamsin,\nSlide it lower on your back.\n\nThen hinge again, slowly (answer 0)."
    )
    assert [c.body for c in stored].count("Same here, thank you!") == 2  # a minute apart
    assert any(c.author_name == "Anonymous" and "No name" in c.body for c in stored)
    bram = next(c for c in stored if c.author_name == "Bram Ketter")
    assert bram.author_url == "https://bram-ketter-studio.example/"
    # The local times of the page, in the blog's time zone.
    first = stored[0].created_at.astimezone(ZoneInfo("America/Denver"))
    assert (first.hour, first.minute) == (12, 40)


def test_pictures_are_stored_here_once_with_every_gallery_picture_in_order(
    site, therapist, tmp_path, media_root
):
    output = crawl(site, tmp_path / "cache")

    for body in Post.objects.values_list("body", flat=True):
        assert "127.0.0.1" not in body and "/uploads/" not in body
    gallery = Post.objects.get(title="Heel walks and calf raises")
    captions = [words for _, words in site.story["slides"] + site.story["grid"]]
    # The lead picture (the first slide) shows above the body: the rest follow in order.
    assert gallery.lead_image_alt == captions[0]
    places = [gallery.body.index(f"![{words}](/media/imported/") for words in captions[1:]]
    assert places == sorted(places)
    # The larger copy the page links to is kept, the small one is never fetched.
    assert "/uploads/7/3/1/broom-hinge_orig.jpg" in site.requests
    assert "/uploads/7/3/1/broom-hinge.jpg" not in site.requests
    # One file per distinct picture: the one used by two posts, and its copy under another
    # name, are stored once.
    files = [p for p in (media_root / "imported").rglob("*") if p.is_file()]
    assert len(files) == 8
    assert "is already here as /media/imported/" in output
    assert site.requests.count("/uploads/7/3/1/breathing-corner.png") == 1


def test_the_first_picture_becomes_the_lead_picture_without_a_second_copy(
    site, therapist, tmp_path, media_root, client
):
    crawl(site, tmp_path / "cache")

    hinge = Post.objects.get(title=HINGE)
    assert hinge.lead_image.name.startswith("imported/")
    assert hinge.lead_image.name.endswith("/broom-hinge_orig.jpg")
    assert hinge.lead_image_alt == "The broom touches head, upper back and tailbone."
    assert (hinge.lead_image_width, hinge.lead_image_height) == (320, 240)
    assert len(list((media_root / "imported").rglob("broom-hinge*"))) == 1
    # Shown once above the body, not again as the body's first picture.
    assert not hinge.body.startswith("![")
    page = client.get(hinge.get_absolute_url())
    assert page.status_code == 200
    assert page.content.decode().count("The broom touches head") >= 1


def test_a_second_run_adds_nothing_and_a_later_one_adds_new_comments(site, therapist, tmp_path):
    crawl(site, tmp_path / "cache")
    before = snapshot()

    output = crawl(site, tmp_path / "cache")

    assert snapshot() == before
    assert "created" not in output.split("Guesses")[0]
    page = site.root / "blog" / "hip-hinge-with-a-broom-handle.html"
    bram = next(c for c in site.story["big"].comments if c.author == "Bram Ketter")
    answer = SavedComment(9903, 1, "Wren", bram.when.replace(hour=23), "Welcome, Bram!")
    html = page.read_text().replace(
        "</div><h2>Leave a Reply.", comment_html(answer) + "</div><h2>Leave a Reply."
    )
    write(site.root, "/blog/hip-hinge-with-a-broom-handle.html", html)

    output = crawl(site, tmp_path / "a-day-later")

    assert "Comments: " in output and "1 created (approved)" in output
    new = Comment.objects.get(body="Welcome, Bram!")
    assert new.parent.author_name == "Bram Ketter" and new.user_id == therapist.user_id


def test_a_failing_page_is_tried_again_and_the_cache_serves_a_run_without_the_site(
    site, therapist, tmp_path
):
    site.fail_once.add("/blog/ankle-circles")

    dry = crawl(site, tmp_path / "cache", "--dry-run")

    assert site.requests.count("/blog/ankle-circles") == 2
    assert "6 created (published)" in dry and not Post.objects.exists()
    site.shutdown()
    site.server_close()

    output = crawl(site, tmp_path / "cache")

    assert set(Post.objects.values_list("title", flat=True)) == IMPORTED
    assert Post.objects.get(title=HINGE).lead_image
    assert "picture not fetched" not in output


def test_the_same_pages_saved_in_a_folder_come_in_too(site, therapist, tmp_path):
    output = run(
        tmp_path / "saved", "--author", "wren", "--author-name", "Wren", "--timezone", "UTC"
    )

    # No robots.txt for a saved copy: the page kept from robots comes in as well.
    assert set(Post.objects.values_list("title", flat=True)) == IMPORTED | {"Members only check-in"}
    assert "a-page-that-went-away: the post's page could not be read: not in the saved copy" in (
        output
    )
    assert Post.objects.get(title=HINGE).comments.count() == len(site.story["big"].comments)
    assert Post.objects.get(title=HINGE).lead_image
    assert ImportedPost.objects.filter(key="weebly-site:wren-alder-pt.example/5").exists()
    assert site.requests == []  # read from the folder only


def test_a_bad_address_or_a_site_that_is_no_blog_gets_one_clear_line(therapist, tmp_path):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(CommandError) as refused:
        run(f"http://127.0.0.1:{port}/blog", "--delay", "0", "--cache", tmp_path)
    assert "refused the connection" in str(refused.value)
    plain = tmp_path / "plain"
    write(plain, "/index.html", "<html><body><p>A bakery's opening hours.</p></body></html>")
    with serve(plain) as server, pytest.raises(CommandError) as not_a_blog:
        run(f"{server.url}/", "--delay", "0", "--cache", tmp_path)
    assert "not a Weebly blog" in str(not_a_blog.value)
    with pytest.raises(CommandError) as neither:
        run("gopher://old.example/blog", "--format", "weebly-site")
    assert "neither a web address" in str(neither.value)
    for error in (refused, not_a_blog, neither):
        assert "\n" not in str(error.value)
    assert not Post.objects.exists()


def test_a_site_that_never_answers_times_out_with_a_clear_reason(tmp_path):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections, answers nothing
        port = silent.getsockname()[1]
        fetcher = Fetcher(
            f"http://127.0.0.1:{port}/blog",
            delay=0,
            retries=0,
            timeout=0.3,
            cache_dir=tmp_path,
            allow_private=True,
        )
        with pytest.raises(FetchError, match="took too long"):
            fetcher.get(f"http://127.0.0.1:{port}/blog")


def test_dates_that_fit_only_the_other_order_are_reported(tmp_path):
    story_site(tmp_path / HOST)

    source = weebly_site.read(open_location(tmp_path), timezone=ZoneInfo("UTC"), date_order="dmy")

    notes = [note.text for note in source.notes]
    assert "“10/25/2012” cannot be day/month/year: read as 25 October 2012 (--date-order)" in (
        notes
    )
    assert any("try --date-order mdy" in text for text in notes)
