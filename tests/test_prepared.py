"""Prepared queries (align/prepared.py): compiled by the ORM once, run with new values."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import DateTimeField, IntegerField
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from align.prepared import Parameter, prepared
from blog.models import NOW, Post, Step
from blog.templating import months_counted
from tests.factories import make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db
DENVER = ZoneInfo("America/Denver")


@prepared
def steps_of():
    return Step.objects.filter(post_id=Parameter("post", IntegerField())).select_related("exercise")


@prepared
def published_before(count):
    moment = Parameter("before", DateTimeField())
    return Post.objects.published(NOW).filter(published_at__lt=moment)[:count]


@pytest.fixture
def compilations(monkeypatch):
    """How many times the ORM compiles a query into SQL, from here on."""
    seen = []
    compile_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        seen.append(self.query.model)
        return compile_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return seen


def test_each_call_gives_the_rows_for_its_own_values(compilations):
    stretch, bridge = make_exercise(name="Stretch"), make_exercise(name="Bridge")
    first, second = make_post(), make_post()
    make_step(first, exercise=stretch, position=1)
    make_step(first, exercise=bridge, position=2)
    make_step(second, exercise=bridge, position=1)
    compilations.clear()

    for post in (first, second, first):
        steps = steps_of(post=post.pk)

        assert steps == list(post.steps.select_related("exercise"))
        assert [step.exercise.name for step in steps] == [
            step.exercise.name for step in post.steps.all()
        ]
    # Three calls, one compilation; the checks above compiled a query each of their own.
    assert compilations.count(Step) == 1 + 3 * 2


def test_the_shape_is_compiled_apart_and_values_bind_as_the_field_would(compilations):
    older = make_post(published_at=datetime(2020, 1, 5, 12, tzinfo=DENVER))
    newer = make_post(published_at=datetime(2021, 1, 5, 12, tzinfo=DENVER))
    make_post(published_at=timezone.now() + timedelta(days=3))  # scheduled
    now = timezone.now()
    compilations.clear()

    assert published_before(1, now=now, before=now) == [newer]
    assert published_before(5, now=now, before=now) == [newer, older]
    assert published_before(5, now=now, before=newer.published_at) == [older]
    assert published_before(5, now=newer.published_at, before=now) == [newer, older]
    assert published_before(5, now=older.published_at, before=now) == [older]
    assert compilations == [Post, Post]


def test_a_value_missing_or_unknown_is_refused():
    with pytest.raises(TypeError, match=r"takes \['post'\], not \[\]"):
        steps_of()
    with pytest.raises(TypeError, match=r"takes \['post'\], not \['pk', 'post'\]"):
        steps_of(post=1, pk=2)


def test_each_time_zone_gets_its_own_sql():
    """The archive's months are counted in the current time zone, which the database's
    date functions are given in the SQL: a late evening in Denver is the next day, and here
    the next month, in Auckland."""
    make_post(published_at=datetime(2024, 1, 31, 20, tzinfo=DENVER))
    now = timezone.now()

    assert months_counted(now=now) == [(2024, 1, 1)]
    with timezone.override(ZoneInfo("Pacific/Auckland")):
        assert months_counted(now=now) == [(2024, 2, 1)]
    assert months_counted(now=now) == [(2024, 1, 1)]
