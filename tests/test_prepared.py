"""Prepared queries (align/prepared.py): compiled by the ORM once, run with new values."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count, DateTimeField, IntegerField
from django.db.models.functions import ExtractMonth, ExtractYear
from django.db.models.sql.compiler import SQLCompiler
from django.test import override_settings
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


def test_a_change_of_use_tz_gets_its_own_sql():
    """Without time zones Django writes the SQL otherwise (SQLite counts the month the
    stored UTC time falls in): the prepared query answers as the queryset built anew does."""
    make_post(published_at=datetime(2024, 1, 31, 20, tzinfo=DENVER))  # 1 February in UTC

    assert months_counted(now=timezone.now()) == [(2024, 1, 1)]
    with override_settings(USE_TZ=False):
        now = datetime.now()
        anew = (
            Post.objects.published(now)
            .annotate(year=ExtractYear("published_at"), month=ExtractMonth("published_at"))
            .values_list("year", "month")
            .annotate(count=Count("id"))
            .order_by("-year", "-month")
        )
        assert months_counted(now=now) == list(anew)


def test_a_shape_that_can_answer_nothing_answers_nothing():
    make_post()

    assert published_before(0, now=timezone.now(), before=timezone.now()) == []
