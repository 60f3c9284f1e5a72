"""The polite reader of an old site (transfer.fetch) within its limits: it follows a blog
that moved, never a redirect to somewhere else, reads no private address unless allowed,
shows no password, waits at most a minute between requests, and reads a kept page (or a
picture that was missing) again after a day. Every site is served from 127.0.0.1."""

import io
import os
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from blog.models import Post
from tests.factories import make_author
from tests.test_weebly_site import IMPORTED
from tests.weebly_site_fixture import picture, serve, story_site, write
from transfer.fetch import Fetcher, FetchError
from transfer.pictures import Pictures
from transfer.web import refuse_private
from transfer.writer import Tally

DAY_AND_AN_HOUR = 25 * 60 * 60


@pytest.fixture
def wren(db):
    user = get_user_model().objects.create_user("wren", is_staff=True)
    return make_author(name="Wren Alder", user=user)


@pytest.fixture
def blog(tmp_path):
    root = tmp_path / "site"
    story_site(root)
    with serve(root) as server:
        server.root = root
        yield server


def fetcher(server, tmp_path, path="/blog", **options):
    options = {"delay": 0, "cache_dir": tmp_path / "cache", "allow_private": True, **options}
    return Fetcher(server.url + path, **options)


def age_the_cache(tmp_path, seconds=DAY_AND_AN_HOUR):
    then = time.time() - seconds
    for kept in (tmp_path / "cache").rglob("*"):
        os.utime(kept, (then, then))


def test_a_blog_whose_start_page_moved_is_read_where_it_moved(blog, wren, tmp_path):
    with serve(blog.root) as old:
        old.redirects["/blog"] = f"{blog.url}/blog"  # as http:// to https://, or to www.
        out = io.StringIO()
        call_command(
            "import_blog",
            f"{old.url}/blog",
            *("--author", "wren", "--delay", "0", "--cache", tmp_path / "cache"),
            stdout=out,
        )

    assert set(Post.objects.values_list("title", flat=True)) == IMPORTED
    # Every later page asked for where the blog is now, without a redirect each.
    assert old.requests == ["/robots.txt", "/blog"]
    assert "/blog/ankle-circles" in blog.requests


def test_a_redirect_to_another_port_or_host_is_not_followed(blog, tmp_path):
    port = blog.server_address[1]
    with serve(blog.root) as other:
        blog.redirects.update(
            {
                "/blog/ankle-circles": f"{other.url}/blog/ankle-circles",
                "/blog/side-lying-clams": f"http://localhost:{port}/blog/side-lying-clams",
                "/uploads/7/3/1/wall-slide.jpg": f"{other.url}/uploads/7/3/1/wall-slide.jpg",
            }
        )
        reader = fetcher(blog, tmp_path)
        reader.get(f"{blog.url}/blog")

        for path in ("/blog/ankle-circles", "/blog/side-lying-clams"):
            with pytest.raises(FetchError, match=r"it leads to http://[^ ]+, elsewhere, so not"):
                reader.get(blog.url + path)
        with pytest.raises(FetchError, match="elsewhere"):
            reader.get(f"{blog.url}/uploads/7/3/1/wall-slide.jpg", picture=True)
        assert other.requests == []
    # A page is never sent to a picture host; a picture may be, on its usual port.
    assert not reader.may_follow("https://uploads.weebly.com/a.jpg", picture=False)
    assert reader.may_follow("https://uploads.weebly.com/a.jpg", picture=True)
    assert not reader.may_follow("https://uploads.weebly.com:8443/a.jpg", picture=True)
    assert not reader.may_follow(f"http://wren:lilac@127.0.0.1:{port}/blog/", picture=False)


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1/blog",
        "http://localhost:8000/",
        "http://10.20.30.40/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",  # a cloud server's metadata
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/",
    ],
)
def test_private_addresses_are_refused(address):
    with pytest.raises(FetchError, match="is on this server or a private network"):
        refuse_private(address)


def test_a_blog_on_this_machine_is_not_read_unless_allowed(blog, tmp_path):
    reader = fetcher(blog, tmp_path, allow_private=False)

    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is on this server or a private"):
        reader.get(f"{blog.url}/blog")

    assert blog.requests == []


def test_an_address_with_a_password_is_refused_without_showing_it(wren, tmp_path):
    with pytest.raises(FetchError) as refused:
        Fetcher("http://wren:lilac-plank@127.0.0.1:8000/blog", cache_dir=tmp_path)
    with pytest.raises(CommandError) as command:
        call_command("import_blog", "https://wren:lilac-plank@old-blog.example/blog")

    for error in (refused, command):
        assert "without a user name or password" in str(error.value)
        assert "lilac" not in str(error.value)


def test_an_address_whose_port_is_no_number_gets_one_clear_line_at_once(wren):
    begun = time.monotonic()

    with pytest.raises(CommandError, match=r"127\.0\.0\.1:abc/blog: not a web address"):
        call_command("import_blog", "http://127.0.0.1:abc/blog", "--delay", "1")

    assert time.monotonic() - begun < 1  # not tried again and again


def test_a_crawl_delay_past_a_minute_is_cut_to_one_and_said(tmp_path):
    root = tmp_path / "site"
    picture(root, "knee.jpg", 1)
    write(root, "/robots.txt", "User-agent: *\nCrawl-delay: 100000\nDisallow: /uploads/\n")
    with serve(root) as server:
        reader = fetcher(server, tmp_path, path="/", delay=float("inf"))
        assert reader.delay == 60
        tally = Tally()

        Pictures(fetcher=reader).store(f"{server.url}/uploads/7/3/1/knee.jpg", "knee", tally)

    assert reader.delay == 60
    assert (
        f"{server.url}/robots.txt",
        "its Crawl-delay asks for 100000 seconds between requests: 60 are waited",
    ) in tally.notes
    assert any("robots.txt asks robots not to read it" in text for _, text in tally.notes)


def test_a_kept_page_is_read_again_after_a_day_and_a_missing_picture_too(blog, tmp_path):
    reader = fetcher(blog, tmp_path)
    page, there = f"{blog.url}/blog/ankle-circles", f"{blog.url}/uploads/7/3/1/wall-slide.jpg"
    missing = f"{blog.url}/uploads/7/3/1/late.jpg"
    reader.get(page)
    reader.get(there, picture=True)
    with pytest.raises(FetchError, match="no such page"):
        reader.get(missing, picture=True)
    picture(blog.root, "late.jpg", 5)  # put up since

    reader.get(page)
    with pytest.raises(FetchError, match="no such page"):  # within the day: as kept
        reader.get(missing, picture=True)
    counts = [blog.requests.count(u.removeprefix(blog.url)) for u in (page, there, missing)]
    assert counts == [1, 1, 1]

    age_the_cache(tmp_path)
    reader.get(page)
    reader.get(there, picture=True)
    assert reader.get(missing, picture=True).body

    counts = [blog.requests.count(u.removeprefix(blog.url)) for u in (page, there, missing)]
    assert counts == [2, 1, 2]  # a picture that was had is never asked for again


@pytest.mark.parametrize("mode", [0o777, 0o705])
def test_a_cache_folder_others_may_use_is_refused(blog, wren, settings, tmp_path, mode):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    planted = tmp_path / "align-crawl" / "127.0.0.1"
    planted.mkdir(parents=True)
    planted.parent.chmod(mode)
    write(planted, "planted", "a page another user put here")

    with pytest.raises(
        CommandError, match=r"folder for pages read from old sites, .* was not made"
    ):
        call_command("import_blog", blog.url + "/blog", "--delay", "0")

    assert not Post.objects.exists()


def test_the_pages_read_are_kept_in_a_private_folder(blog, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)

    Fetcher(blog.url + "/blog", delay=0, allow_private=True).get(blog.url + "/blog")

    cache = tmp_path / "align-crawl"
    assert cache.stat().st_mode & 0o777 == 0o700 and any(cache.rglob("*"))
