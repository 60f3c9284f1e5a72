"""The comments on a Weebly post's own page, as records.

In `#commentArea` the comments are a flat list in document order, each with a class
`blogCommentLevel0`, `1` or `2` (its depth: a reply follows its parent, so the tree is
rebuilt from the levels), its author (`.blogCommentAuthor`, a link when they gave a
website), its date (`.blogCommentDate`, read by transfer.weebly_dates), its text
(`.blogCommentText`) and a reply button whose `onclick` holds `comment_id=<number>`. The
deepest comments have no reply button: each is known by its parent's id and its date.
"""

import re
from collections import Counter

from transfer import html
from transfer.records import CommentRecord
from transfer.weebly_dates import ORDERS

COMMENT_ID = re.compile(r"comment_id\s*=\s*['\"]?(\d+)")
LEVEL = re.compile(r"blogCommentLevel(\d+)")


def read(page, *, post_key, url, day, site, dates, source):
    """The comments on `page` (the post's parsed page at `url`, dated `day` or None) as
    CommentRecords, parents before replies. `site` names the blog in keys, `dates` is a
    weebly_dates.Dates; what cannot be read is noted in `source`. Which are hers the writer
    decides, by her names: the page itself does not say."""
    area = page.find(id="commentArea") or page.select_one('[id*="commentArea"]')
    if area is None:
        return []
    records, path, seconds = [], [], Counter()
    other_order = dates.counts["other"]
    for position, wrap in enumerate(area.find_all(class_=LEVEL), 1):
        where = f"{url} (comment {position})"
        level = int(next(LEVEL.search(c)[1] for c in wrap["class"] if LEVEL.search(c)))
        if level > len(path):
            source.note(where, f"at level {level} with no comment above it there")
            level = len(path)
        parent = path[level - 1] if level else None
        text = _own(wrap, '[class*="blogCommentText"]')
        body = html.to_plain_text(text.decode_contents()) if text else ""
        if not body:
            source.note(where, "no text found: left out")
            source.skip("empty comment")
            del path[level:]
            continue
        written = _own(wrap, '[class*="blogCommentDate"]')
        stamp = dates.stamp(" ".join(written.get_text().split()) if written else "", where)
        if stamp is None:
            if records or day:
                stamp = records[-1].created_at if records else dates.noon(day)
                like = "as the one above" if records else "with its post"
                source.note(where, f"its date cannot be read: dated {like}")
            else:
                source.note(where, "its date cannot be read, nor the post's: left out")
                source.skip("undated comment")
                del path[level:]
                continue
        author = _own(wrap, '[class*="blogCommentAuthor"]')
        name = " ".join(author.get_text().split()) if author else ""
        website = author and author.find("a", href=True)
        number = next(
            (
                COMMENT_ID.search(e["onclick"])[1]
                for e in wrap.find_all(onclick=COMMENT_ID)
                if e.find_parent(class_=LEVEL) is wrap
            ),
            None,
        )
        if number:
            key = f"weebly-site:{site}/comment/{number}"
        else:
            above = parent.key if parent else f"{post_key}/comment"
            key = f"{above}/{stamp:%Y-%m-%dT%H:%M:%S}"
            seconds[key] += 1
            key += f"#{seconds[key]}" if seconds[key] > 1 else ""
        href = website["href"].strip() if website else ""
        record = CommentRecord(
            key,
            parent and parent.key,
            name,
            body,
            stamp,
            author_url=href if href.startswith(("http://", "https://")) else "",
            where=where,
        )
        records.append(record)
        del path[level:]
        path.append(record)
    if dates.counts["other"] > other_order:
        count = dates.counts["other"] - other_order
        source.note(
            url,
            f"{count} comment dates cannot be {ORDERS[dates.order]}: read the other way "
            "(--date-order)",
        )
    return records


def _own(wrap, selector):
    """The first element matching `selector` in this comment, not in a reply nested in it."""
    return next((e for e in wrap.select(selector) if e.find_parent(class_=LEVEL) is wrap), None)
