"""The demo's comment threads, and generated ones for benchmarks."""

import random
from datetime import timedelta
from functools import cache

from comments import services, text
from comments.models import Comment
from demo.loader import local_time

WORDS = (
    "hip", "spine", "breath", "floor", "knee", "stretch", "hold", "minute", "side", "gentle",
    "slowly", "morning", "desk", "chair", "walk", "ski", "hike", "back", "shoulder", "neck",
    "pillow", "strap", "block", "wall", "mat", "rest", "sequence", "relief", "tight", "easy",
    "better", "today", "week", "routine", "posture", "pelvis", "rib", "exhale", "inhale",
)  # fmt: skip


def add_threads(post, threads, therapist, parent=None):
    """Hand-written threads from data/threads/, through the one write path."""
    for data in threads:
        author = data.get("author", False)
        comment = services.post_comment(
            post,
            parent=parent,
            name=therapist.get_full_name() if author else data["name"],
            email=therapist.email if author else data["email"],
            url="" if author else data.get("url", ""),
            body=data["body"],
            status=Comment.Status.APPROVED,
            user=therapist if author else None,
            created_at=local_time(data["date"]),
        )
        add_threads(post, data.get("replies", []), therapist, parent=comment)


def generate(post, count, seed=0):
    """About `count` approved comments in threads shaped like real ones, stored in bulk
    through services.add_forests, not one by one; returns how many."""
    return len(services.add_forests([(post, made_up(post, count, seed))]))


def made_up(post, count, seed=0):
    """The threads of generate(), as services.add_trees takes them.

    40% start a thread, the rest answer a comment of the last few threads, down to
    level 4; bodies run 20 to 120 words, drawn from a pool rendered once.
    """
    rng = random.Random(seed)
    pool = bodies()
    trees, recent = [], []
    when = post.published_at
    for number in range(count):
        when += timedelta(minutes=rng.randint(5, 600))
        body, body_html = rng.choice(pool)
        node = {
            "author_name": f"Reader {number}",
            "author_email": f"reader{number}@example.com",
            "body": body,
            "body_html": body_html,
            "status": Comment.Status.APPROVED,
            "created_at": when,
            "children": [],
            "level": 0,
        }
        if not trees or rng.random() < 0.4:
            trees.append(node)
            recent = [node, *recent[:2]]  # replies land in the three newest threads
        else:
            candidates = [n for tree in recent for n in walk(tree) if n["level"] < 4]
            parent = rng.choice(candidates)
            node["level"] = parent["level"] + 1
            parent["children"].append(node)
    return [strip_levels(tree) for tree in trees]


@cache
def bodies(count=1000):
    """Generated comment texts with their HTML, the same in every run."""
    rng = random.Random(0)
    texts = (
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120))).capitalize() + "."
        for _ in range(count)
    )
    return [(body, text.render(body)) for body in texts]


def walk(node):
    yield node
    for child in node["children"]:
        yield from walk(child)


def strip_levels(node):
    """The nested data services.add_trees takes: model fields plus "children"."""
    data = {k: v for k, v in node.items() if k not in ("level", "children")}
    data["children"] = [strip_levels(child) for child in node["children"]]
    return data
