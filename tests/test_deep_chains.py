"""Reply chains deeper than Python's recursion: imported whole, and previewed in the admin
as nested lists."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from comments.models import Comment
from tests.test_dates_out_of_range import author, export_file, gmt, wxr_comment, wxr_post
from tests.test_transfer_admin import IMPORT, dana, form, kept_files, submitted, upload

__all__ = ["author", "dana", "kept_files"]  # fixtures used here

pytestmark = pytest.mark.django_db


def chain(tmp_path, depth):
    """One post whose comments each answer the one before."""
    dated = gmt("2019-03-02 10:00:00", "comment_date")
    comments = "".join(wxr_comment(n, dated, parent=n - 1) for n in range(1, depth + 1))
    return export_file(tmp_path, [wxr_post(7, gmt("2019-03-01 08:00:00"), comments=comments)])


def test_a_chain_deeper_than_recursion_is_imported_whole(author, tmp_path):
    out = io.StringIO()
    call_command("import_blog", str(chain(tmp_path, 1200)), "--author", "dana", stdout=out)

    assert "1200 created (approved)" in out.getvalue()
    deepest = Comment.objects.get(author_name="Reader 1200")
    assert deepest.level == 1199 and deepest.parent.author_name == "Reader 1199"
    exported = tmp_path / "site.xml"
    call_command("export_wxr", "--output", str(exported), stderr=io.StringIO())
    assert exported.read_text().count("<wp:comment_parent>") == 1200
    call_command("check_comment_trees", stdout=io.StringIO())


def test_the_preview_draws_a_deep_chain_as_nested_lists(client, dana, tmp_path):
    path = chain(tmp_path, 200)
    response = submitted(
        client, IMPORT, {**form(dana), "upload": upload(path), "preview": "Preview"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    outline = html[html.index('<ul class="import-outline">') :]
    assert outline.count('<ul class="import-outline">') == 200
    assert len(re.findall(r"<li>Reader \d+,", outline)) == 200
    # Every list and item closes, in order: Reader 200 sits 199 lists below Reader 1.
    tail = outline[outline.index("Reader 200,") :]
    assert tail.count("</li>") == 200 and tail.count("</ul>") >= 200


def test_a_deep_chain_below_a_stored_comment_is_imported_whole(author, tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("stored one reply at a time: too slow for this depth on PostgreSQL")
    call_command("import_blog", str(chain(tmp_path, 1)), "--author", "dana", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_blog", str(chain(tmp_path, 1100)), "--author", "dana", stdout=out)

    assert "1099 created (approved)" in out.getvalue()
    assert Comment.objects.get(author_name="Reader 1100").level == 1099


@pytest.fixture
def deep_chain(author, tmp_path):
    """A post whose 1,200 comments each answer the one before, imported."""
    call_command(
        "import_blog", str(chain(tmp_path, 1200)), "--author", "dana", stdout=io.StringIO()
    )
    return Comment.objects.get(author_name="Reader 1200")


def test_the_post_page_draws_a_deep_chain_nested_on_pages_that_hold_it_all(client, deep_chain):
    url = deep_chain.post.get_absolute_url()
    first = client.get(url)
    count = int(re.search(r"Page 1 of (\d+)", first.content.decode())[1])

    assert first.status_code == 200 and count > 1
    seen = []
    for number in range(1, count + 1):
        html = client.get(f"{url}?cpage={number}" if number > 1 else url).content.decode()
        thread = html[html.index('id="comments"') : html.index('id="respond"')]
        drawn = re.findall(r'<article id="comment-(\d+)"', thread)
        # Each reply inside the one it answers: every article opens before any closes.
        assert "</article>" not in thread[: thread.rindex("<article")]
        assert thread.count("<article") == len(drawn) == thread.count("</article>")
        seen += map(int, drawn)
    assert seen == list(Comment.objects.order_by("lft").values_list("pk", flat=True))
    landing = client.get(deep_chain.get_absolute_url())["Location"]
    assert f'<article id="comment-{deep_chain.pk}"' in client.get(landing).content.decode()


def test_a_page_that_continues_a_long_thread_says_whom_its_first_reply_answers(client, deep_chain):
    html = client.get(f"{deep_chain.post.get_absolute_url()}?cpage=2").content.decode()

    first = int(re.search(r'<article id="comment-(\d+)"', html)[1])
    answered = Comment.objects.get(pk=first).parent
    to = html[html.index('class="comment__to"') :]
    assert to.startswith(
        f'class="comment__to">In reply to <a class="in-reply-to" '
        f'href="/comments/{answered.pk}/">{answered.author_name}</a>'
    )


def test_the_admin_draws_a_deep_chain_whole(client, therapist, deep_chain):
    response = client.get(f"/admin/comments/comment/{deep_chain.pk}/change/")

    assert response.status_code == 200
    assert response.content.decode().count('<article id="comment-') == 1200


def test_a_damaged_deep_chain_is_rebuilt(deep_chain):
    Comment.objects.filter(author_name="Reader 600").update(lft=1)
    out = io.StringIO()
    call_command("check_comment_trees", "--repair", stdout=out)

    assert "Rebuilt 1 tree" in out.getvalue() and "all sound" in out.getvalue()
    deepest = Comment.objects.get(pk=deep_chain.pk)
    assert (deepest.level, deepest.lft, deepest.rght) == (1199, 1200, 1201)
