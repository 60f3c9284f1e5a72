"""What strangers type or send, however odd: an answer or a clear message, never an error
page, and never a way to pass for the therapist."""

import codecs
import gzip
import io
import random
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from blog.models import Post
from comments.models import Comment
from comments.moderation import Submission, judge
from tests.factories import make_author, make_comment, make_post
from tests.test_comment_views import send

pytestmark = pytest.mark.django_db
WXR = Path(__file__).parent / "data" / "wxr" / "movewell-1.2.xml"
DASHES = "-" * 33


@pytest.fixture
def posts():
    psoas = make_post(title="Releasing the psoas", body="The hip flexor. 50% less pain.")
    make_comment(psoas, body="The psoas again.")
    return make_post(title="Shoulders at the desk", body="Roll them back gently.")


def found(client, text):
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "text",
    [
        DASHES, "- " * 40, "-(" * 40, "-)" * 40, "-|" * 40, "-&" * 40, "-<" * 40, "-!" * 40,
        "-\u3000" * 40, "-\u2003" * 40, "-\t" * 40, "-\x0b" * 40, "-" * 200, '"' * 200,
        '-"' * 100, "!" * 200, "&|<->" * 40,
        "(" * 200, ")" * 200, "'" * 200, "😀" * 200, ".,;:?!", "—", "\u200b" * 50,
    ],
)  # fmt: skip
def test_no_query_is_an_error(client, posts, text):
    assert "Nothing matches" in found(client, text)


def test_dashes_around_words_still_search_them(client, posts):
    assert "Releasing the psoas" in found(client, f"psoas {DASHES}")
    assert "Releasing the psoas" in found(client, f"{DASHES} psoas --")


def test_only_punctuation_matches_nothing(client, posts):
    html = found(client, "%")

    assert "Nothing matches “%”." in html and "Releasing the psoas" not in html


def test_a_long_query_searches_its_first_words_and_says_so(client, posts):
    html = found(client, "psoas " * 12 + "ski " * 10)

    assert "Releasing the psoas" in html
    assert "Only the first 12 words were searched." in html


@pytest.mark.parametrize("raw", ["q=%00", "q=hip%00--", "q=" + "-" * 10_000, "q=%FF%FE"])
def test_a_raw_query_string_gets_a_page(client, posts, raw):
    assert client.get(f"/search/?{raw}").status_code == 200


def test_random_runs_of_search_syntax_never_break_the_page(client, posts):
    syntax = "-----  !()<|&\t\u3000\u2003"  # what PostgreSQL skips after a "-"
    words = [*"\"'>:*", "psoas", "or", "\u200b"]
    rng = random.Random(24)
    for _ in range(150):
        pieces = (rng.choice(words if rng.random() < 0.05 else syntax) for _ in range(200))
        text = "".join(pieces)[:200]
        assert client.get("/search/", {"q": text}).status_code == 200, repr(text)


@pytest.fixture
def holt():
    """The therapist, and a reader who once had a comment approved under a name that shows
    as hers."""
    user = get_user_model().objects.create_user(
        "maren", "maren@example.com", first_name="Maren", last_name="Holt", is_staff=True
    )
    make_author(user=user, name="Maren Holt")
    return user


@pytest.mark.parametrize(
    "name",
    [
        "Ma\u200bren Holt",
        "\u202aMaren Holt\u202c",
        "\u2066Maren Holt\u2069",
        "\u200fMAREN\u200e HOLT",
        "Ｍａｒｅｎ Ｈｏｌｔ",
        "Ma\u00adren\u2060 Holt",
        "Ma\ufeffren\u3164 Holt",
        "Maren\u00a0Holt",
    ],
)
def test_her_name_with_hidden_characters_is_still_hers(holt, name):
    make_comment(make_post(), author_name=name, author_email="mallory@example.com")

    verdict = judge(
        Submission(
            name=name,
            email="mallory@example.com",
            url="",
            body="Stop all your exercises.",
            ip_address="198.51.100.9",
            form_seconds=40.0,
        )
    )

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == "uses the name or email of the staff"


def test_a_disguised_name_waits_and_is_stored_as_it_shows(client, holt, settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    post = make_post()
    disguised = "\u200eMa\u200bren\t Holt\u202e"
    make_comment(post, author_name=disguised, author_email="mallory@example.com")

    send(client, post, name=disguised, email="mallory@example.com")

    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    assert comment.author_name == "Maren Holt"


def test_a_name_of_only_invisible_characters_is_no_name(client):
    post = make_post()

    response = send(client, post, name="\u200b\u200e\u2066")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.fixture
def dana():
    user = get_user_model().objects.create_user("dana", is_staff=True)
    return make_author(name="Dana Reyes", slug="dana-reyes", user=user)


def run(path):
    call_command("import_blog", str(path), "--author", "dana", stdout=io.StringIO())


@pytest.mark.parametrize(
    "mark, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_a_wordpress_export_saved_as_utf16_is_detected(dana, tmp_path, mark, codec):
    text = WXR.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "export.xml"
    path.write_bytes(mark + text.encode(codec))

    run(path)

    assert Post.objects.filter(title="Three hip openers for desk days").exists()


def test_a_gzipped_export_is_read(dana, tmp_path):
    path = tmp_path / "export.xml.gz"
    path.write_bytes(gzip.compress(WXR.read_bytes()))

    run(path)

    assert Post.objects.filter(title="Three hip openers for desk days").exists()


def test_an_archive_that_unpacks_too_big_is_refused(dana, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100_000
    path = tmp_path / "bomb.xml.gz"
    path.write_bytes(gzip.compress(WXR.read_bytes() + b" " * 10_000_000))

    with pytest.raises(CommandError, match=r"bomb\.xml\.gz unpacks to more than 97\.7\sKB"):
        run(path)
    assert not Post.objects.exists()


def test_a_damaged_archive_gets_a_clear_message(dana, tmp_path):
    path = tmp_path / "export.xml.gz"
    path.write_bytes(gzip.compress(WXR.read_bytes())[:500])

    with pytest.raises(CommandError, match=r"export\.xml\.gz: the gzip archive is damaged"):
        run(path)


def test_an_imported_name_with_hidden_characters_is_stored_as_it_shows(dana, tmp_path):
    from tests.test_dates_out_of_range import export_file, gmt, wxr_post

    def comment(number, name):
        return (
            f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
            f"<wp:comment_author><![CDATA[{name}]]></wp:comment_author>"
            f"{gmt('2019-03-02 10:00:00', 'comment_date')}"
            f"<wp:comment_content><![CDATA[Words {number}.]]></wp:comment_content>"
            "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
        )

    comments = comment(1, "Da\u200bna\u200e Reyes") + comment(2, "\u2067Sam\u2069 Lee")
    run(export_file(tmp_path, [wxr_post(1, gmt("2019-03-01 08:00:00"), comments=comments)]))

    hers = Comment.objects.get(body="Words 1.")
    assert hers.author_name == "Dana Reyes" and hers.user == dana.user
    assert Comment.objects.get(body="Words 2.").author_name == "Sam Lee"
