import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post, Step
from tests.factories import make_author, make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db
POSTS = "/admin/blog/post/"


def list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(POSTS).status_code == 200
    return len(queries)


def test_post_list_counts_comments_without_a_query_per_row(client, therapist):
    post = make_post(title="Hip reset")
    make_comment(post)
    make_comment(post)
    make_comment(post, status="pending")
    few = list_queries(client)
    for _ in range(25):
        make_comment(make_post(), status="pending")

    html = client.get(POSTS).content.decode()

    assert list_queries(client) == few
    row = html[html.index("Hip reset") :]
    row = row[: row.index("</tr>")]
    assert f'?post__id__exact={post.pk}">2</a>' in row
    assert f'?post__id__exact={post.pk}&amp;status__exact=pending"><strong>1</strong>' in row


def test_post_list_says_draft_scheduled_or_published(client, therapist):
    make_post(title="Draft one", status="draft", published_at=None)
    make_post(title="Next week", published_at=timezone.now() + timedelta(days=7))

    html = client.get(POSTS).content.decode()

    assert re.search(r"Draft one.*?<td class=\"field-state\">Draft</td>", html, re.S)
    assert re.search(r"Next week.*?<td class=\"field-state\">Scheduled</td>", html, re.S)


def post_data(author, **fields):
    return {
        "title": "Breathing into the back ribs",
        "slug": "breathing-into-the-back-ribs",
        "author": author.pk,
        "summary": "Short.",
        "body": "Long enough.",
        "lead_image_alt": "",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
        **fields,
    }


def test_publishing_without_a_date_publishes_now(client, therapist):
    response = client.post(POSTS + "add/", post_data(make_author()))

    assert response.status_code == 302
    post = Post.objects.get()
    assert post.is_public()
    assert timezone.now() - post.published_at < timedelta(minutes=1)


def test_reordering_steps_renumbers_them_in_the_chosen_order(client, therapist):
    author = make_author()
    post = make_post(author=author, slug="breathing-into-the-back-ribs")
    first = make_step(post, make_exercise(name="First"), position=1)
    second = make_step(post, make_exercise(name="Second"), position=2)
    third = make_step(post, make_exercise(name="Third"), position=3)
    steps = {}
    for index, (step, position) in enumerate([(first, 20), (second, 1), (third, 7)]):
        steps.update(
            {
                f"steps-{index}-id": step.pk,
                f"steps-{index}-post": post.pk,
                f"steps-{index}-exercise": step.exercise_id,
                f"steps-{index}-position": position,
            }
        )
    data = post_data(
        author,
        **steps,
        **{"steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "3"},
        published_at_0=timezone.localtime(post.published_at).strftime("%Y-%m-%d"),
        published_at_1="07:00:00",
    )

    response = client.post(f"{POSTS}{post.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    order = list(Step.objects.filter(post=post).values_list("exercise__name", "position"))
    assert order == [("Second", 1), ("Third", 2), ("First", 3)]


def test_markdown_preview_renders_and_sanitizes(client, therapist):
    response = client.post(
        POSTS + "markdown-preview/", {"body": "## Hi\n\n<script>alert(1)</script>**bold**"}
    )

    html = response.json()["html"]
    assert "<h2>Hi</h2>" in html and "<strong>bold</strong>" in html
    assert "<script" not in html


def test_post_form_has_the_markdown_editor_and_image_preview(client, therapist):
    post = make_post(lead_image=True)

    html = client.get(f"{POSTS}{post.pk}/change/").content.decode()

    assert 'class="markdown-editor"' in html and "js/markdown-preview.js" in html
    assert re.search(r'<img src="/media/CACHE/images/[^"]+\.webp" alt="Lead picture', html)
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink">', html).group(1)
    assert client.get(view_on_site)["Location"].endswith(post.get_absolute_url())


def test_draft_preview_is_for_staff_only(client, therapist):
    draft = make_post(title="Kneeling in the garden", status="draft", published_at=None)

    assert draft.get_absolute_url() == f"/preview/{draft.pk}/"
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Preview: readers can’t see this post yet (draft)" in html
    assert "Kneeling in the garden" in html and 'name="robots" content="noindex"' in html
    assert 'id="comment-form"' not in html
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 302


def test_exercise_admin_shows_photos_and_the_posts_using_it(client, therapist):
    exercise = make_exercise(name="Supported bridge", photo=True)
    make_step(make_post(title="Hip reset"), exercise)
    make_step(make_post(title="Garden day", status="draft", published_at=None), exercise)

    listing = client.get("/admin/blog/exercise/?q=bridge").content.decode()
    page = client.get(f"/admin/blog/exercise/{exercise.pk}/change/").content.decode()

    assert 'class="admin-thumb"' in listing
    assert '<td class="field-used_in">2</td>' in listing
    assert "Hip reset</a> (Published)" in page and "Garden day</a> (Draft)" in page


def user_choices(client, url):
    html = client.get(url).content.decode()
    select = re.search(r'<select name="user".*?</select>', html, re.S).group(0)
    return set(re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select))


def test_the_therapist_links_a_profile_only_to_herself_or_fellow_staff(client, therapist):
    User.objects.create_superuser("site-owner", "owner@example.com", "x")
    User.objects.create_user("sam", is_staff=True)
    User.objects.create_user("a-reader")

    assert user_choices(client, "/admin/blog/author/add/") == {"maren", "sam"}


def test_a_superuser_chooses_among_all_accounts(admin_client, therapist):
    User.objects.create_user("a-reader")

    assert user_choices(admin_client, "/admin/blog/author/add/") == {
        "admin",
        "maren",
        "a-reader",
    }


def test_the_therapist_keeps_a_superusers_profile_linked(client, therapist):
    owner = User.objects.create_superuser("site-owner", "owner@example.com", "x")
    author = make_author(user=owner, name="Site Owner")
    url = f"/admin/blog/author/{author.pk}/change/"

    response = client.post(
        url, {"name": "Site Owner", "slug": author.slug, "credentials": "", "bio": "Writes."}
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.user == owner and author.bio == "Writes."
