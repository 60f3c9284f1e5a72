"""Any import, any content: every page answers. After importing every fixture there is
(WordPress exports, Weebly page text, a saved copy of a whole Weebly blog, and
exports whose addresses are emoji, accented or only symbols), every address a reader or a
feed reader can reach answers without a server error; a post stored with an address the
site cannot use takes no other page down, and the migration gives it a valid one."""

import importlib
import io
import math
import re
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from blog.models import Category, Post
from blog.slugs import is_address
from blog.views import POSTS_PER_PAGE
from tests.factories import make_author, make_category, make_exercise, make_post, make_step
from tests.weebly_site_fixture import story_site

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "wxr").iterdir()) + sorted((DATA / "weebly").iterdir())
WP = "http://wordpress.org/export/1.2/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def item(post_id, title, post_name, moment, category=("", ""), comments=""):
    nicename, name = category
    topic = name and f'<category domain="category" nicename="{nicename}">{name}</category>'
    return (
        f"<item><title>{title}</title>"
        f"<content:encoded><![CDATA[<p>{title}: notes from the clinic.</p>]]></content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{moment}</wp:post_date_gmt>"
        f"<wp:post_name>{post_name}</wp:post_name><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type>{topic}{comments}</item>"
    )


def comment(comment_id, parent, name, moment, words):
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_author>{name}</wp:comment_author>"
        f"<wp:comment_date_gmt>{moment}</wp:comment_date_gmt>"
        f"<wp:comment_content>{words}</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


RECOVERY = ("recovery", "Recovery")
THREAD = [
    (31, 0, "Odile", "2024-09-09 18:00:00", "Does this help after a half marathon?"),
    (32, 31, "Ines Varga", "2024-09-10 08:00:00", "Yes: five minutes, lying down."),
    (33, 0, "Placeholder", "0001-01-01 00:00:00", "A date no calendar page can show."),
]
POSTS = [
    (
        11,
        "Easy breathing after a long run",
        "easy-breathing-after-a-long-run",
        "2024-09-01 15:00:00",
        RECOVERY,
    ),
    (
        12,
        "Slow breathing for recovery 🧘",
        "slow-breathing-for-recovery-%f0%9f%a7%98",
        "2024-09-08 15:00:00",
        RECOVERY,
        "".join(comment(*row) for row in THREAD),
    ),
    (
        13,
        "Stretches for the morning after",
        "stretches-for-the-morning-after",
        "2024-09-15 15:00:00",
        RECOVERY,
    ),
    (
        14,
        "Après-ski stretches for tired calves",
        "apr%c3%a8s-ski-stretches",
        "2024-02-10 15:00:00",
        ("%c3%a9quilibre", "Équilibre"),
    ),
    (15, "🧘✨🌿", "%f0%9f%a7%98%e2%9c%a8%f0%9f%8c%bf", "2024-03-03 15:00:00", ("%e2%9c%a8", "✨")),
    (16, "🌿🌿", "%f0%9f%8c%bf%f0%9f%8c%bf", "2024-03-04 15:00:00"),
    (17, "Dated at the start of time", "dated-at-the-start-of-time", "0001-01-01 00:00:00"),
]


def unusual_addresses(folder):
    """A WordPress export with the addresses WordPress makes of emoji, accents and titles
    of symbols only (percent-encoded UTF-8), and placeholder dates."""
    path = folder / "unusual-addresses.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Clinic notes</title>'
        "<wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:base_site_url>https://clinic-notes.example</wp:base_site_url>"
        f"{''.join(item(*post) for post in POSTS)}</channel></rss>",
        encoding="utf-8",
    )
    return path


def saved_weebly_site(folder):
    """A saved copy of a whole Weebly blog, as `import_blog FOLDER` reads it."""
    story_site(folder / "saved-site")
    return folder / "saved-site"


def run(*args):
    out = io.StringIO()
    call_command("import_blog", *map(str, args), "--author", "ines", stdout=out)
    return out.getvalue()


@pytest.fixture
def ines(django_user_model):
    user = django_user_model.objects.create_user("ines", is_staff=True, first_name="Ines")
    return make_author(name="Ines Varga", slug="ines-varga", user=user)


# The fixtures that are no blog to import, each refused with its plain message.
REFUSED = {
    "binary.xml": "holds binary data",
    "declared-latin1-saved-utf8.xml": "the XML declaration is wrong",
    "declared-utf8-saved-latin1.xml": "it was saved in another encoding",
    "empty.xml": "the file is empty",
    "entities.xml": "It defines XML entities",
    "feed-not-wxr.xml": "This is not the text of a Weebly post page",
    "truncated.xml": "it looks cut off",
    "binary.bin": "holds binary data",
    "cp1252.txt": "The file is not UTF-8 text",
    "empty.txt": "the file is empty",
    "not-a-blog.txt": "This is not the text of a Weebly post page",
}


def import_everything(folder):
    """Every fixture imported, each on its own; the names of those stored. Those in
    REFUSED must be refused with their message, and only those."""
    stored = []
    for path in [*FIXTURES, unusual_addresses(folder), saved_weebly_site(folder)]:
        if path.name not in REFUSED:
            run(path)
            stored.append(path.name)
            continue
        with pytest.raises(CommandError) as refused:
            run(path)
        assert str(refused.value).startswith(f"Nothing was imported. {path.name}: ")
        assert REFUSED[path.name] in str(refused.value)
    return stored


def paged(path, count):
    """A list's address and those of its further pages."""
    pages = max(1, math.ceil(count / POSTS_PER_PAGE))
    return [path] + [f"{path}?page={n}" for n in range(2, pages + 1)]


def local_path(address):
    return re.sub(r"^https?://[^/]+", "", address)


def every_address(client):
    """What readers and feed readers can reach: the sitemap's addresses, every list and its
    pages, the feeds, each post's comment feed and practice page, a search per title."""
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    addresses = [
        local_path(loc.text) for loc in ElementTree.fromstring(sitemap.content).iter(SITEMAP)
    ]
    published = list(Post.objects.published())
    addresses += paged("/", len(published))
    days = [timezone.localtime(post.published_at) for post in published]
    for year in {day.year for day in days}:
        count = sum(day.year == year for day in days)
        addresses += paged(reverse("blog:archive-year", kwargs={"year": year}), count)
    for year, month in {(day.year, day.month) for day in days}:
        count = sum((day.year, day.month) == (year, month) for day in days)
        path = reverse("blog:archive-month", kwargs={"year": year, "month": month})
        addresses += paged(path, count)
    for topic in Category.objects.all():
        addresses += paged(topic.get_absolute_url(), topic.posts.published().count())
    addresses += [reverse("blog:feed"), reverse("blog:feed-atom")]
    for post in published:
        addresses.append(reverse("comments:feed", args=[post.slug]))
        if post.steps.exists():
            addresses.append(post.get_absolute_url() + "practice/")
        word = max(re.findall(r"\w+", post.title), key=len, default=post.title)
        addresses.append(f"/search/?q={word}")
    return addresses


def test_every_page_answers_after_importing_every_fixture(client, ines, tmp_path):
    stored = import_everything(tmp_path)
    published = Post.objects.published()
    # A sequence on an imported post, as the therapist would build one afterwards.
    make_step(published.get(title__startswith="Slow breathing"), make_exercise())

    addresses = every_address(client)

    failures = {address: client.get(address).status_code for address in addresses}
    assert {a: status for a, status in failures.items() if status != 200} == {}
    assert {post.slug for post in Post.objects.all() if not is_address(post.slug)} == set()
    assert len(stored) == len(FIXTURES) + 2 - len(REFUSED)


def test_export_writes_every_imported_post_whole_with_its_pictures(ines, tmp_path):
    import_everything(tmp_path)
    target = tmp_path / "out.xml"

    call_command("export_wxr", "--output", str(target), stdout=io.StringIO(), stderr=io.StringIO())

    channel = ElementTree.parse(target).getroot().find("channel")
    kinds = [item.findtext(f"{{{WP}}}post_type") for item in channel.iter("item")]
    assert kinds.count("post") == Post.objects.count()
    # The crawled blog's pictures were stored here, so they travel as attachments.
    assert kinds.count("attachment") > 0
    assert target.read_text().rstrip().endswith("</rss>")


def test_addresses_become_ascii_and_the_report_says_so(client, ines, tmp_path):
    export = unusual_addresses(tmp_path)

    dry_run = run(export, "--dry-run")
    output = run(export)

    slugs = dict(Post.objects.values_list("title", "slug"))
    assert slugs["Slow breathing for recovery 🧘"] == "slow-breathing-for-recovery"
    assert slugs["Après-ski stretches for tired calves"] == "apres-ski-stretches"
    assert {slugs["🧘✨🌿"], slugs["🌿🌿"]} == {"post", "post-2"}  # never empty, unique
    assert Category.objects.get(name="Équilibre").slug == "equilibre"
    became = "the address “slow-breathing-for-recovery-🧘” became “slow-breathing-for-recovery”"
    assert became in dry_run and became in output
    assert "the address “après-ski-stretches” became “apres-ski-stretches”" in output
    page = client.get("/search/", {"q": "breathing"}).content.decode()
    assert 'href="/blog/2024/09/08/slow-breathing-for-recovery/"' in page


def test_dates_no_page_can_show_are_left_out_and_reported(ines, tmp_path):
    output = run(unusual_addresses(tmp_path))

    out_of_range = "its date 0001-01-01 00:00:00 is not between 1970 and ten years from now"
    assert output.count(f"{out_of_range}: left out") == 2  # the post and the comment
    assert not Post.objects.filter(title="Dated at the start of time").exists()
    post = Post.objects.get(slug="slow-breathing-for-recovery")
    assert not post.comments.filter(author_name="Placeholder").exists()


def test_an_address_too_long_for_the_field_is_cut_and_kept_unique(ines, tmp_path):
    make_post(slug="a" * 200)
    export = tmp_path / "long.xml"
    export.write_text(
        unusual_addresses(tmp_path)
        .read_text()
        .replace("easy-breathing-after-a-long-run", "a" * 300)
    )

    run(export)

    slug = Post.objects.get(title="Easy breathing after a long run").slug
    assert slug == "a" * 198 + "-2"


def stored_around_the_checks():
    """Three neighbouring posts on one topic, the middle one with an emoji in its slug, as
    imports before the fix stored them (the admin would refuse it)."""
    topic = make_category(name="Breath", slug="breath")
    author = make_author()
    now = timezone.now()
    posts = [
        make_post(
            title=title, author=author, categories=[topic], published_at=now - timedelta(days=n)
        )
        for n, title in [(3, "Ribs and breath"), (1, "Breathing on the stairs")]
    ]
    bad = make_post(
        title="Slow breathing for recovery 🧘",
        slug="slow-breathing-for-recovery-🧘",
        author=author,
        categories=[topic],
        published_at=now - timedelta(days=2),
    )
    return topic, posts, bad


def test_a_post_stored_with_a_bad_address_takes_no_other_page_down(client):
    topic, (before, after), bad = stored_around_the_checks()
    days = [timezone.localtime(post.published_at) for post in (before, bad, after)]
    pages = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/search/?q=breathing"]
    pages += [topic.get_absolute_url(), before.get_absolute_url(), after.get_absolute_url()]
    pages += [reverse("comments:feed", args=[post.slug]) for post in (before, after)]
    pages += [f"/blog/{day:%Y}/" for day in days] + [f"/blog/{day:%Y/%m}/" for day in days]

    answers = {page: client.get(page) for page in pages}

    assert {page: r.status_code for page, r in answers.items() if r.status_code != 200} == {}
    # The post is still listed, its link the staff preview until its address is repaired.
    assert (
        f'href="/preview/{bad.pk}/">Slow breathing for recovery 🧘<'
        in answers["/"].content.decode()
    )
    neighbours = answers[after.get_absolute_url()].content.decode()
    assert f'rel="prev" href="/preview/{bad.pk}/"' in neighbours


def migrate_0005():
    """Migration 0005's repair, run on this database with the models as they were then."""
    before = ("blog", "0004_post_search_document")
    apps = MigrationExecutor(connection).loader.project_state(before).apps
    migration = importlib.import_module("blog.migrations.0005_ascii_slugs")
    migration.fix_slugs(apps, connection.schema_editor())


def test_the_migration_gives_bad_addresses_valid_ones_and_the_admin_saves_them(admin_client):
    topic, _, bad = stored_around_the_checks()
    make_post(slug="apres-ski")  # taken: the repaired address must not take it
    accented = make_post(title="Après-ski", slug="après-ski")
    symbols = make_post(title="🌿", slug="🌿")
    change = f"/admin/blog/post/{bad.pk}/change/"
    unchanged = {
        "title": bad.title,
        "slug": bad.slug,
        "author": bad.author_id,
        "summary": bad.summary,
        "body": bad.body,
        "lead_image_alt": "",
        "status": "published",
        "published_at_0": timezone.localtime(bad.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(bad.published_at).strftime("%H:%M:%S"),
        "categories": [topic.pk],
        "comments_open": "on",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
    }
    assert "Enter a valid" in admin_client.post(change, unchanged).content.decode()

    migrate_0005()

    for post in (bad, accented, symbols):
        post.refresh_from_db()
    assert (bad.slug, accented.slug, symbols.slug) == (
        "slow-breathing-for-recovery",
        "apres-ski-2",
        "post",
    )
    response = admin_client.post(change, {**unchanged, "slug": bad.slug})
    assert response.status_code == 302
    assert admin_client.get(bad.get_absolute_url()).status_code == 200
    home = admin_client.get("/").content.decode()
    assert f'href="{bad.get_absolute_url()}">Slow breathing for recovery 🧘<' in home
