from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def check(*args):
    """Runs check_comment_trees; returns (its output, its error or None)."""
    out = StringIO()
    try:
        call_command("check_comment_trees", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def rows(tree_id):
    return list(
        Comment.objects.filter(tree_id=tree_id)
        .order_by("pk")
        .values_list("pk", "parent_id", "lft", "rght", "level")
    )


@pytest.fixture
def t():
    """Two posts: a question with nested answers, and another thread."""
    question = make_comment(make_post())
    answer = make_comment(question.post, parent=question)
    make_comment(question.post, parent=answer)
    make_comment(question.post, parent=answer)
    aside = make_comment(question.post, parent=question)
    other = make_comment(make_post())
    make_comment(other.post, parent=other)
    return SimpleNamespace(**locals())


def test_sound_trees_pass(t):
    out, error = check()

    assert error is None
    assert out == "2 trees checked, all sound.\n"


def gap_from_a_queryset_delete(t):
    Comment.objects.filter(pk=t.answer.pk).delete()


def lft_moved(t):
    Comment.objects.filter(pk=t.aside.pk).update(lft=F("lft") + 1)


def level_wrong(t):
    Comment.objects.filter(pk=t.aside.pk).update(level=2)


def numbered_inside_a_sibling(t):
    Comment.objects.filter(pk=t.answer.pk).update(rght=F("rght") + 2)
    Comment.objects.filter(pk=t.aside.pk).update(lft=F("lft") - 1, rght=F("rght") - 1)


@pytest.mark.parametrize(
    ("damage", "what"),
    [
        (
            gap_from_a_queryset_delete,
            "should run 1..4 without gaps: missing 2, 3, 4; repeated or out of range 8, 9, 10",
        ),
        (lft_moved, "lft/rght should run 1..10 without gaps: missing 8"),
        (level_wrong, "level 2 under a parent at level 0"),
        (numbered_inside_a_sibling, "numbered inside comment"),
    ],
)
def test_damage_is_named_and_fails_the_check(t, damage, what):
    damage(t)

    out, error = check()

    assert error == "1 of 2 trees damaged: run with --repair to rebuild them."
    assert f"tree {t.question.tree_id} (post {t.question.post_id}" in out
    assert what in out
    assert f"tree {t.other.tree_id} " not in out


def test_repair_rebuilds_only_the_damaged_tree(t):
    sound = rows(t.question.tree_id)
    untouched = rows(t.other.tree_id)
    Comment.objects.filter(tree_id=t.question.tree_id).update(lft=F("lft") * 3, level=7)

    out, error = check("--repair")

    assert error is None
    assert f"Rebuilt 1 tree: {t.question.tree_id}.\n" in out
    assert out.endswith("2 trees checked, all sound.\n")
    assert rows(t.question.tree_id) == sound
    assert rows(t.other.tree_id) == untouched
    assert check() == ("2 trees checked, all sound.\n", None)


def test_repair_splits_two_threads_that_were_given_one_tree(t):
    Comment.objects.filter(tree_id=t.other.tree_id).update(tree_id=t.question.tree_id)

    out, error = check("--repair")

    assert "2 top-level comments, where one starts each tree" in out
    assert error is None and out.endswith("2 trees checked, all sound.\n")
    t.other.refresh_from_db()
    assert t.other.tree_id != t.question.tree_id
    assert [c.pk for c in t.other.get_descendants()] == [t.other.pk + 1]
