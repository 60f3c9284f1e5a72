"""Reads the demo site's data files under data/ into plain dicts and lists."""

from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import yaml
from django.utils import timezone

DATA = Path(__file__).resolve().parent / "data"
# libyaml's parser, which PyYAML's wheels include, reads the prose faster than PyYAML's own.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STEP = {"hold_seconds": None, "each_side": None, "note": ""}


def read(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def author():
    return read(DATA / "author.yaml")


def categories():
    return read(DATA / "categories.yaml")


def exercises():
    return read(DATA / "exercises.yaml")


def posts():
    """Every post: posts/<slug>.md is a YAML header between --- lines, then the Markdown."""
    return [post(path) for path in sorted((DATA / "posts").glob("*.md"))]


def post(path):
    _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.load(header, Loader=LOADER)
    data["slug"] = path.stem
    data["body"] = body.strip("\n")
    data["steps"] = [{**STEP, **step} for step in data["steps"]]
    return data


def threads(slug):
    """The comments under a post: readers' questions, each with its replies."""
    path = DATA / "threads" / f"{slug}.yaml"
    return read(path) if path.exists() else []


@cache
def poses():
    return read(DATA / "poses.yaml")


def local_time(value):
    """'2016-05-10 07:30' in the site's time zone, '+14' days from now, or None."""
    if value is None:
        return None
    if value.startswith("+"):
        later = timezone.now() + timedelta(days=int(value[1:]))
        return later.replace(second=0, microsecond=0)
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M"))
