import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.defaults import server_error

from align.cache import site
from blog.models import Post
from tests.factories import make_category, make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db
DENVER = ZoneInfo("America/Denver")


def denver(*args):
    return datetime(*args, tzinfo=DENVER)


def test_home_lists_published_posts_newest_first(client):
    old = make_post(title="Older hip post", published_at=timezone.now() - timedelta(days=9))
    new = make_post(title="Newer spine post")
    make_post(title="Unfinished draft", status=Post.Status.DRAFT, published_at=None)
    make_post(title="Next week's post", published_at=timezone.now() + timedelta(days=7))

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(new.title) < html.index(old.title)
    assert new.summary in html
    assert "Unfinished draft" not in html
    assert "Next week" not in html


def test_home_is_paginated(client):
    for day in range(12):
        make_post(title=f"Daily post {day}", published_at=timezone.now() - timedelta(days=day + 1))

    first = client.get("/").content.decode()
    second = client.get("/?page=2").content.decode()

    assert "Daily post 9<" in first and "Daily post 10<" not in first
    assert "Daily post 10<" in second and "Daily post 11<" in second
    assert "Page 2 of 2" in second
    assert client.get("/?page=3").status_code == 404


def test_post_page_shows_the_exercise_sequence(client):
    post = make_post(title="Unwinding the hips", body="Start **slowly**.\n\n## Why it helps")
    first = make_exercise(name="Figure four", each_side=True)
    second = make_exercise(name="Constructive rest", hold_seconds=300)
    make_step(post, second, position=2, note="Let the floor hold you.")
    make_step(post, first, position=1)

    response = client.get(post.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<strong>slowly</strong>" in html and "<h2>Why it helps</h2>" in html
    local = post.published_at.astimezone(DENVER).replace(microsecond=0)
    assert (
        f'<time datetime="{local.isoformat()}">{local:%B} {local.day}, {local.year}</time>' in html
    )
    assert post.author.bio in html
    sequence = html[html.index('<ol class="steps">') :]
    assert sequence.index("Figure four") < sequence.index("Constructive rest")
    assert "Hold 1 minute each side" in sequence
    assert "Hold 5 minutes" in sequence
    assert "Let the floor hold you." in sequence


def test_post_page_shows_the_body_stored_when_saved_without_rendering_it_again(client):
    post = make_post(body="Breathe *in*.\n\n<script>alert(1)</script>")
    # update() saves no post: a page rendering Markdown per request would show this body.
    Post.objects.filter(pk=post.pk).update(body="Rendered *per request*.")

    html = client.get(post.get_absolute_url()).content.decode()

    assert '<div class="post__body"><p>Breathe <em>in</em>.</p>' in html
    assert "per request" not in html and "alert(1)" not in html


def test_post_page_links_its_neighbours(client):
    first = make_post(title="First one", published_at=timezone.now() - timedelta(days=3))
    middle = make_post(title="Middle one", published_at=timezone.now() - timedelta(days=2))
    last = make_post(title="Last one", published_at=timezone.now() - timedelta(days=1))

    html = client.get(middle.get_absolute_url()).content.decode()

    assert re.search(rf'rel="prev" href="{first.get_absolute_url()}"', html)
    assert re.search(rf'rel="next" href="{last.get_absolute_url()}"', html)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Post.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
)
def test_drafts_and_scheduled_posts_are_not_found(client, fields):
    post = make_post(**fields)
    local = timezone.localtime(post.published_at)

    url = f"/blog/{local:%Y/%m/%d}/{post.slug}/"

    assert client.get(url).status_code == 404
    assert post.get_absolute_url() == f"/preview/{post.pk}/"


def test_a_post_url_with_the_wrong_date_is_not_found(client):
    make_post(published_at=denver(2016, 5, 10, 7, 30), slug="reset")

    assert client.get("/blog/2016/05/10/reset/").status_code == 200
    assert client.get("/blog/2016/05/11/reset/").status_code == 404


def test_a_post_is_found_on_its_day_in_denver_not_in_utc(client):
    make_post(published_at=denver(2016, 5, 10, 23, 30), slug="late")  # the 11th in UTC

    assert client.get("/blog/2016/05/10/late/").status_code == 200
    assert client.get("/blog/2016/05/11/late/").status_code == 404


@pytest.mark.parametrize(
    "date", ["2016/13/10", "2016/02/30", "2016/00/10", "0/05/10", "99999999999999999999/05/10"]
)
def test_a_post_url_with_no_such_date_is_not_found(client, date):
    make_post(published_at=denver(2016, 5, 10, 7, 30), slug="reset")

    response = client.get(f"/blog/{date}/reset/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_post_metadata_for_search_engines_and_sharing(client):
    post = make_post(title="Hip <openers> & more", summary="Why hips & backs agree.")

    html = client.get(post.get_absolute_url()).content.decode()

    url = f"http://testserver{post.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Hip &lt;openers&gt; &amp; more">' in html
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(script.group(1))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Hip <openers> & more"
    assert data["author"]["name"] == post.author.name
    assert data["mainEntityOfPage"] == url
    assert "<openers>" not in script.group(1)


def test_month_archive_follows_denver_time(client):
    # 23:30 on Oct 31 in Denver is already November in UTC.
    late = make_post(title="Halloween night post", published_at=denver(2012, 10, 31, 23, 30))
    november = make_post(title="November post", published_at=denver(2012, 11, 1, 0, 30))

    october_page = client.get("/blog/2012/10/").content.decode()
    november_page = client.get("/blog/2012/11/").content.decode()

    assert late.title in october_page and november.title not in october_page
    assert november.title in november_page and late.title not in november_page
    assert late.get_absolute_url() == "/blog/2012/10/31/" + late.slug + "/"


def test_month_archive_links_neighbouring_months(client):
    make_post(published_at=denver(2012, 1, 17, 9))
    make_post(published_at=denver(2012, 3, 2, 9))

    html = client.get("/blog/2012/03/").content.decode()

    assert 'href="/blog/2012/01/">← January 2012' in html


def test_empty_month_and_bad_month_are_not_found(client):
    make_post(published_at=denver(2012, 1, 17, 9))

    assert client.get("/blog/2012/02/").status_code == 404
    assert client.get("/blog/2012/13/").status_code == 404


def test_year_archive_lists_its_posts_and_months(client):
    make_post(title="Spring post", published_at=denver(2014, 4, 2, 9))
    make_post(title="Autumn post", published_at=denver(2014, 9, 20, 9))
    make_post(title="Other year", published_at=denver(2015, 1, 2, 9))

    html = client.get("/blog/2014/").content.decode()

    assert "Spring post" in html and "Autumn post" in html and "Other year" not in html
    assert '<a href="/blog/2014/04/">April</a>' in html


def sidebar_months(html):
    """The sidebar archive's months: (year/month in the link, its name, its count)."""
    return [
        (path, f"{name} {year}", count)
        for path, name, year, count in re.findall(
            r'<li><a href="/blog/(\d{4}/\d{2})/">([A-Za-z]+)'
            r'<span class="visually-hidden"> (\d{4})</span></a> <span class="count">\((\d+)\)',
            html,
        )
    ]


def sidebar_years(html):
    """The sidebar archive's years: (year, its post count, whether it is open)."""
    return [
        (year, count, bool(is_open))
        for is_open, year, count in re.findall(
            r'<details class="archive-year"( open)?>\s*<summary>(\d{4}) <span class="count">'
            r"\((\d+)",
            html,
        )
    ]


NINETY_MONTHS = [(2012 + i * 130 // 89 // 12, 1 + i * 130 // 89 % 12) for i in range(90)]


def test_ninety_archive_months_fold_into_years_with_the_newest_open(client):
    assert len(set(NINETY_MONTHS)) == 90
    assert NINETY_MONTHS[0] == (2012, 1) and NINETY_MONTHS[-1] == (2022, 11)
    for year, month in NINETY_MONTHS:
        make_post(published_at=denver(year, month, 3, 9))
    make_post(published_at=denver(2022, 11, 20, 9))

    html = client.get("/").content.decode()

    years = sidebar_years(html)
    assert [year for year, _, _ in years] == [str(year) for year in range(2022, 2011, -1)]
    assert [is_open for _, _, is_open in years] == [True] + [False] * 10
    assert sum(int(count) for _, count, _ in years) == 91
    assert years[0][1] == str(sum(1 for y, _ in NINETY_MONTHS if y == 2022) + 1)
    months = sidebar_months(html)
    assert len(months) == 90
    assert months[0] == ("2022/11", "November 2022", "2")
    assert months[-1] == ("2012/01", "January 2012", "1")


@pytest.mark.parametrize("url", ["/blog/2014/", "/blog/2014/08/", "/blog/2014/08/05/in-2014/"])
def test_the_year_being_viewed_is_open_in_the_sidebar(client, url):
    make_post(published_at=denver(2022, 11, 3, 9))
    make_post(published_at=denver(2014, 8, 5, 9), slug="in-2014")
    make_post(published_at=denver(2012, 1, 5, 9))

    years = sidebar_years(client.get(url).content.decode())

    assert [(year, is_open) for year, _, is_open in years] == [
        ("2022", False),
        ("2014", True),
        ("2012", False),
    ]


def test_sidebar_lists_months_newest_first_with_counts(client):
    make_post(published_at=denver(2012, 1, 17, 9))
    make_post(published_at=denver(2022, 11, 3, 9))
    make_post(published_at=denver(2022, 11, 20, 9))
    make_post(published_at=denver(2019, 6, 1, 9), status=Post.Status.DRAFT)

    html = client.get("/").content.decode()

    months = sidebar_months(html)
    assert months == [("2022/11", "November 2022", "2"), ("2012/01", "January 2012", "1")]


def test_sidebar_months_cost_one_query_then_none(client):
    from django.template.loader import get_template

    for year in range(2012, 2023):
        make_post(published_at=denver(year, 3, 1, 9))
    template = get_template("blog/_archive_months.html")

    with CaptureQueriesContext(connection) as first:
        html = template.render({})
    with CaptureQueriesContext(connection) as second:
        again = template.render({})

    grouped = [q["sql"] for q in first.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1
    assert len(sidebar_months(html)) == 11 and again == html
    assert len(second) == 0


def test_sidebar_shows_a_new_post_at_once(client):
    make_post(published_at=denver(2012, 1, 17, 9))
    client.get("/")

    make_post(published_at=denver(2013, 2, 3, 9))

    assert ("2013/02", "February 2013", "1") in sidebar_months(client.get("/").content.decode())


def sidebar_topics(html):
    """The sidebar's topics: (link, name, count of published posts), as listed."""
    widget = html.split('id="categories-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="count">\((\d+)\)', widget)


def test_sidebar_lists_topics_by_name_counting_published_posts(client):
    # Made out of alphabetical order: the list is not in the order the database keeps.
    walking = make_category(name="Walking", slug="walking")
    hips = make_category(name="Hips", slug="hips")
    make_category(name="Unused", slug="unused")
    make_post(categories=[walking])
    make_post(categories=[hips, walking])
    make_post(categories=[hips], status=Post.Status.DRAFT)

    topics = sidebar_topics(client.get("/").content.decode())

    assert topics == [("/category/hips/", "Hips", "1"), ("/category/walking/", "Walking", "2")]


def test_category_page_lists_its_published_posts(client):
    series = make_category(name="Feel Good Series", description="Gentle ten-minute routines.")
    inside = make_post(title="In the series", categories=[series])
    make_post(title="Not in it")
    make_post(title="Draft in it", categories=[series], status=Post.Status.DRAFT)

    html = client.get(series.get_absolute_url()).content.decode()

    assert "<h1" in html and "Feel Good Series" in html and "Gentle ten-minute" in html
    assert inside.title in html and "Not in it" not in html and "Draft in it" not in html
    assert client.get("/category/nothing-here/").status_code == 404


def test_exercise_library_and_one_exercise(client):
    exercise = make_exercise(name="Side-lying open book", each_side=True, cautions="Go slowly.")
    used = make_post(title="Thoracic mobility")
    make_step(used, exercise)
    draft = make_post(title="Secret draft", status=Post.Status.DRAFT)
    make_step(draft, exercise)

    library = client.get("/exercises/").content.decode()
    page = client.get(exercise.get_absolute_url()).content.decode()

    assert "Side-lying open book" in library and "Hold 1 minute each side" in library
    assert "Go slowly." in page and "Thoracic mobility" in page and "Secret draft" not in page
    assert client.get("/exercises/no-such-thing/").status_code == 404


def test_exercise_photos_are_responsive_and_lazy_below_the_fold(client):
    post = make_post()
    for _ in range(2):
        make_step(post, make_exercise(photo=True))

    html = client.get(post.get_absolute_url()).content.decode()

    images = re.findall(r"<img [^>]+>", html)
    assert len(images) == 2
    for tag in images:
        assert 'loading="lazy"' in tag
        assert 'width="1200" height="800"' in tag
        assert re.search(r'srcset="[^"]+ 400w, [^"]+ 800w, [^"]+ 1200w"', tag)
        assert 'alt="Drawing of exercise' in tag


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_friendly_not_found_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_friendly_server_error_page(rf):
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def built_from_cold(path):
    """`path` built with every cache emptied: the response and its SQL query count."""
    cache.clear()
    site.forget()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    return response, len(queries)


def test_a_post_page_built_from_cold_asks_the_database_ten_questions_at_most():
    """The post, its topics, sequence and neighbours, the comment pages and thread, the
    two sidebar lists and the next scheduled post: each asked once, whatever the size."""
    short, long = make_post(categories=[make_category()]), make_post()
    make_step(short)
    make_comment(short)
    for _ in range(130):  # two comment pages
        make_comment(long)

    short_page, short_queries = built_from_cold(short.get_absolute_url())
    long_page, long_queries = built_from_cold(long.get_absolute_url())

    assert short_queries == long_queries <= 9
    assert '<a class="post__count" href="#comments">1 comment</a>' in short_page.content.decode()
    assert "130 comments</a>" in long_page.content.decode()


def test_sidebar_links_lead_to_each_month_and_topic():
    topic = make_category(name="Hips")
    make_post(published_at=denver(2016, 5, 4, 9), categories=[topic])
    make_post(published_at=denver(2017, 1, 2, 9))

    html, _ = built_from_cold("/")
    html = html.content.decode()

    assert '<a href="/blog/2016/05/">May<span class="visually-hidden"> 2016</span></a>' in html
    assert '<a href="/blog/2017/01/">January<span class="visually-hidden"> 2017</span></a>' in html
    assert f'<a href="{topic.get_absolute_url()}">Hips</a> <span class="count">(1)</span>' in html
