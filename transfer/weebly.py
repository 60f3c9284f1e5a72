"""Read the copied text of one Weebly blog post page (`--format weebly-text`) into records.

A copied page: the post (its title line is often missing: --title gives it); a line
"12 Comments"; each comment as its author's name (missing for anonymous commenters), a
date "5/3/2016 08:12:40 am" in the blog's local time, its text, and a line "Reply" except
at the deepest level; then "Leave a Reply.", the form and the sidebar, all ignored.

Weebly nests comments three levels deep (0, 1, 2) and lists them depth first: a comment's
replies follow it, oldest first; top-level threads are in date order. Nothing else says
who answers whom, so each comment is placed by the first of these rules that applies (the
"path" runs from the current thread's first comment down to the comment just above):

1. No Reply line: a deepest reply, to the level-1 comment on the path, if dated after it
   and after the replies to it above. Otherwise the copy lost its Reply line: rule 2.
2. A Reply line: a new thread (level 0) or a reply to the thread's first comment (level 1).
   a. Dated before the thread's first comment or its last level-1 reply: a new thread.
   b. The next comment has no Reply line and is dated later: it answers this one, which
      is therefore at level 1.
   c. Dated before the comment just above (a deepest reply): a new thread.
   d. The therapist (named by --author-name) answers the thread above, unless hers.
   e. A reader who already wrote in the thread above is following up there.
   f. Anyone else starts a new thread.
Rules 1, 2a and 2b are certain; any other placement is a guess, noted with its reason.

Repairs, each noted: words run into the next comment's date are split off (that comment
has no name); a missing name becomes "Anonymous"; a name in several cases takes its most
common spelling; a comment posted again within 2 minutes is skipped; stray lines are dropped.

Keys, so that a newer copy adds only what is new: a post's from the start of its text (a
copy may lack the title); a comment's from its date to the second (a copy may lose its
name or cut its text), numbered when two share a second.
"""

import codecs
import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from operator import attrgetter

from transfer.records import CommentRecord, PostRecord, Source, UnreadableSource

STAMP = re.compile(r"(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d:\d\d) ?([ap]m)", re.I)
HEADING = re.compile(r"(\d{1,6}) Comments?", re.I)
SIDEBAR = re.compile(r"Author\S|Archives$")  # its first lines: "AuthorMaren Holt", "Archives"
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BOMS = {codecs.BOM_UTF8: "utf-8-sig", codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}
TWIN_WINDOW, STAMP_OF = timedelta(minutes=2), attrgetter("stamp")


def decode(data: bytes) -> str:
    """The text of a page file: UTF-8 (with or without a BOM), or UTF-16 with a BOM. Others
    are refused, not guessed: a wrong guess garbles accented names without anyone noticing."""
    if not data.strip():
        raise UnreadableSource("The file is empty.")
    codec = next((codec for bom, codec in BOMS.items() if data.startswith(bom)), "utf-8")
    if codec == "utf-8" and b"\0" in data:
        raise UnreadableSource("The file holds binary data, not the text of a page.")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableSource(
            f"The file is not {codec.removesuffix('-sig').upper()} text (line {line}, byte "
            f"0x{data[error.start]:02X}): save the page's text as UTF-8 and try again."
        ) from None


def parse(
    text: str,
    *,
    title: str = "",
    published: date | None = None,
    timezone: tzinfo,
    author_names: Sequence[str] = (),
    where_prefix: str = "",
) -> Source:
    """One post and its comment tree, or UnreadableSource. Dates are local time in `timezone`
    (a zoneinfo zone); `published` means noon there, or just before the first comment."""
    return _Page(text, timezone, author_names, where_prefix).read(title.strip(), published)


@dataclass
class _Item:  # a line of the comments, or a part of one that held a date
    line: int
    text: str = ""
    stamp: datetime | None = None
    joined: bool = False  # cut from a line it shared with a date, so never a name line


@dataclass
class _Comment:
    line: int  # its date's line
    name: str | None
    stamp: datetime  # naive, the blog's local time
    body: list[str] = field(default_factory=list)
    reply_line: bool = False
    by_author: bool = False
    parent: "_Comment | None" = None
    key: str = ""


class _Page:
    def __init__(self, text, timezone, author_names, where_prefix):
        self.lines = _clean_lines(text)
        self.timezone, self.prefix = timezone, where_prefix
        self.authors = {_fold(name) for name in author_names if name.strip()}
        self.known = set(self.authors)  # names seen on a line of their own
        self.notes, self.source = [], Source(format="weebly-text")

    def note(self, line, text):
        self.notes.append((line, text))

    def read(self, title, published):
        dated = (i for i, line in enumerate(self.lines) if any(map(_stamp, STAMP.finditer(line))))
        first = next(dated, None)
        end = self._end(first)
        first = first if first is not None and first < end else None
        before = range(end if first is None else first)
        heading = next((i for i in reversed(before) if HEADING.fullmatch(self.lines[i])), None)
        if heading is None and first is None:
            raise UnreadableSource(
                "This is not the text of a Weebly post page: it has no 'N Comments' line "
                "and no comment dates (M/D/YYYY hh:mm:ss am)."
            )
        start = self._comments_start(heading, first)
        comments = self._read_comments([i for n in range(start, end) for i in self._split(n)])
        said = heading is not None and int(HEADING.fullmatch(self.lines[heading])[1])
        if said is not False and said != len(comments):
            self.note(heading + 1, f"the page counts {said} comments; {len(comments)} read")
        comments = self._distinct(self._named(comments))
        post = self._post(self.lines[: start - (heading is not None)], title, published, comments)
        self._place(comments)
        post.comments = self._records(comments, post.key)
        self.source.posts.append(post)
        for line, text in sorted(self.notes, key=lambda note: note[0]):
            self.source.note(f"{self.prefix}line {line}", text)
        return self.source

    def _end(self, first):
        """Where the page's own text ends: at "Leave a Reply.", or the sidebar without it."""
        for index, line in enumerate(self.lines):
            if line.startswith("Leave a Reply"):
                return index
        for index in range(first or 0, len(self.lines)):
            if SIDEBAR.match(self.lines[index]):
                self.note(index + 1, "no 'Leave a Reply.' line: the sidebar is taken to start here")
                return index
        self.note(len(self.lines), "no 'Leave a Reply.' line: the copy may end early")
        return len(self.lines)

    def _comments_start(self, heading, first):
        if heading is not None:
            return heading + 1
        named = first and STAMP.match(self.lines[first]) and _name_like(self.lines[first - 1])
        start = first - 1 if named else first
        self.note(start + 1, "no 'N Comments' line: the comments are taken to start here")
        return start

    def _split(self, index):
        """A line as items, cut where a date runs together with a comment's words."""
        text, items, at = self.lines[index], [], 0
        for match in STAMP.finditer(text):
            if (stamp := _stamp(match)) is None:
                self.note(index + 1, f"{match[0]!r} looks like a date but is none: read as text")
                continue
            words = _Item(index + 1, text[at : match.start()].strip(), joined=True)
            items += [words, _Item(index + 1, stamp=stamp)]
            at = match.end()
        if not items:
            return [_Item(index + 1, text)]
        items.append(_Item(index + 1, text[at:].strip(), joined=True))
        if any(item.text for item in items):
            self.note(index + 1, "a comment's words and a date ran together on this line: split")
        return [item for item in items if item.stamp or item.text]

    def _read_comments(self, items):
        comments, pending, current = [], [], None
        for item in items:
            if item.stamp:
                current = _Comment(item.line, self._name_before(current, pending), item.stamp)
                comments.append(current)
                pending = []
            elif item.text.casefold() == "reply" and current and not current.reply_line:
                current.body += [line.text for line in pending]
                current.reply_line, pending = True, []
            else:
                pending.append(item)
        self._close(current, pending)
        return comments

    def _name_before(self, current, pending):
        """The next comment's name from the lines after the comment above, which gets the rest:
        after its Reply line, the last line; else one that looks like a name, if any rest."""
        texts = [item for item in pending if item.text]
        last = texts[-1] if texts else None
        if current is None or current.reply_line:
            named = last is not None and len(last.text) <= 80
        else:
            named = len(texts) > 1 and (_fold(last.text) in self.known or _name_like(last.text))
        if not named or last.joined:
            self._close(current, pending)
            return None
        self._close(current, pending[: pending.index(last)])
        self.known.add(_fold(last.text))
        return last.text

    def _close(self, current, pending):
        """Give the lines after a comment to it, or, after its Reply line, leave them out."""
        if current is not None and not current.reply_line:
            current.body += [item.text for item in pending]
        elif texts := [item for item in pending if item.text]:
            what = f"{len(texts)} line(s) that are neither a name nor part of a comment"
            self.note(texts[0].line, f"left out {what}, from {texts[0].text[:60]!r}")

    def _named(self, comments):
        """Anonymous comments noted; each name in its most common spelling."""
        spellings = Counter(" ".join(c.name.split()) for c in comments if c.name)
        # Reversed, so that the most common spelling comes last and stays; of equals, the first.
        best = {_fold(spelling): spelling for spelling, _ in reversed(spellings.most_common())}
        for c in comments:
            if not c.name:
                self.note(c.line, "no name line: 'Anonymous'")
                continue
            spelled, c.name = " ".join(c.name.split()), best[_fold(c.name)]
            if spelled != c.name:
                self.note(c.line, f"{spelled!r} read as {c.name!r}, the same name")
            c.by_author = _fold(c.name) in self.authors
        return comments

    def _distinct(self, comments):
        kept, by_date = [], []  # by_date: the kept in date order, to look for twins nearby
        for c in comments:
            low = bisect_left(by_date, c.stamp - TWIN_WINDOW, key=STAMP_OF)
            near = by_date[low : bisect_right(by_date, c.stamp + TWIN_WINDOW, key=STAMP_OF)]
            if not "".join(c.body).strip():
                self.note(c.line, f"{_label(c)} has no text: left out")
                self.source.skip("empty comment")
            elif twin := next((k for k in near if _twins(k, c)), None):
                twin.body = max(twin.body, c.body, key=lambda body: len(" ".join(body)))
                self.note(c.line, f"{_label(c)} repeats line {twin.line}: skipped")
                self.source.skip("duplicate comment")
            else:
                kept.append(c)
                insort(by_date, c, key=STAMP_OF)
        return kept

    def _place(self, comments):
        path, thread = [], set()  # path: see the module's docstring; thread: names in it
        for c, after in zip(comments, [*comments[1:], None], strict=False):
            level, why = _level(c, path, after, thread)
            del path[level:]
            c.parent, thread = path[-1] if path else None, thread if level else set()
            path.append(c)
            thread.add(_fold(c.name or ""))
            if why:
                placed = f"a reply to {_label(c.parent)}" if c.parent else "a new thread"
                self.note(c.line, f"{_label(c)} placed as {placed}: {why}")

    def _post(self, lines, title, published, comments):
        numbered = [(n, text) for n, text in enumerate(lines, 1) if text]
        for n, text in numbered:
            if HEADING.fullmatch(text):  # some themes also show the count above the post
                self.note(n, f"{text!r} above the post: left out")
        numbered = [(n, text) for n, text in numbered if not HEADING.fullmatch(text)]
        if not numbered:
            raise UnreadableSource("There is no post text before the comments.")
        if not title:
            title, numbered = self._title(numbered)
        elif len(numbered) > 1 and _fold(numbered[0][1]) == _fold(title):
            numbered = numbered[1:]
        texts = [text for _, text in numbered]
        key = hashlib.sha256(_fold(" ".join(texts))[:200].encode()).hexdigest()[:16]
        at, status = self._published(published, comments)
        body = "\n\n".join(_markdown(text) for text in texts)
        where = f"{self.prefix}line {numbered[0][0]}"
        return PostRecord(f"weebly:{key}", title, body, status, at, where=where)

    def _title(self, numbered):
        """The first line when it reads like a title, else a title made of its first words."""
        (n, first), rest = numbered[0], numbered[1:]
        if rest and len(first) <= 100 and len(first.split()) <= 14 and first[-1] not in ".,;:":
            self.note(n, f"title taken from the first line: {first!r} (--title sets it)")
            return first, rest
        title = first if len(first) <= 60 else first[:60].rsplit(" ", 1)[0] + "…"
        self.note(n, f"no title: {title!r} made from the first words (--title sets it)")
        return title, numbered

    def _published(self, published, comments):
        first = min((c.stamp for c in comments), default=None)
        if published is None and first is None:
            self.note(1, "no date and no comments: imported as a draft (--published dates it)")
            return None, "draft"
        at = datetime.combine(published, time(12)) if published else first
        if first is not None and at >= first:
            at = first - timedelta(minutes=1)
            self.note(1, f"dated {_when(at)}, a minute before its first comment")
        return at.replace(tzinfo=self.timezone), "published"

    def _records(self, comments, post_key):
        seconds, records = Counter(), []
        for c in comments:  # parents first, so a parent's key is set before its replies'
            stamp = c.stamp.isoformat(sep=" ")
            seconds[stamp] += 1
            c.key = f"{post_key}/{stamp}" + (f"#{seconds[stamp]}" if seconds[stamp] > 1 else "")
            body = re.sub(r"\n{3,}", "\n\n", "\n".join(c.body)).strip()
            author, when = c.name or "Anonymous", c.stamp.replace(tzinfo=self.timezone)
            record = CommentRecord(c.key, c.parent and c.parent.key, author, body, when)
            record.by_author, record.where = c.by_author, f"{self.prefix}line {c.line}"
            records.append(record)
        return records


def _level(c, path, after, thread):
    """The level of `c` below `path` by the docstring's rules, and why if a guess, else ""."""
    lost = ""
    if not c.reply_line:
        if _fits(c, path, 2):
            return 2, ""
        lost = "no Reply line, yet no deepest place fits it, so the copy lost it; "
    if not path:
        return 0, lost and f"{lost}it is the first comment"
    if not _fits(c, path, 1):
        guess = lost or not _fits(c, path, 0)  # or the page's dates are out of order
        return 0, f"{lost}it is dated before the thread above or its replies" if guess else ""
    if after and not after.reply_line and after.stamp >= c.stamp:
        return 1, lost and f"{lost}the comment after it, with no Reply line, answers it"
    if c.stamp < path[-1].stamp:
        return 0, f"{lost}it is dated before the reply just above it"
    if c.by_author and not path[0].by_author:
        return 1, f"{lost}the therapist answers the thread above"
    if c.name and not c.by_author and _fold(c.name) in thread:
        return 1, f"{lost}{c.name} already wrote in this thread"
    return 0, f"{lost}not the therapist, and not yet in the thread above"


def _fits(c, path, level):
    """Whether `c` can sit at `level`: after what it answers and the earlier replies to it."""
    above = path[max(level - 1, 0) : level + 1]  # what it answers, the reply before it
    return level <= len(path) and all(c.stamp >= other.stamp for other in above)


def _twins(first, second):
    """The same comment posted twice, minutes apart: one name, one text (or one cut short)."""
    short, long = sorted((_fold(" ".join(c.body)) for c in (first, second)), key=len)
    return _fold(first.name or "") == _fold(second.name or "") and long.startswith(short)


def _clean_lines(text):
    if match := CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise UnreadableSource(f"The file holds binary data (line {line}), not page text.")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")
    lines = [line.strip() for line in text.splitlines()]
    if not any(lines):
        raise UnreadableSource("The file is empty.")
    return lines


def _stamp(match):
    try:
        stamp = datetime.strptime(f"{match[1]} {match[2]}", "%m/%d/%Y %I:%M:%S %p")
    except ValueError:
        return None
    return stamp if 1990 <= stamp.year < 3000 else None  # Weebly's years, and room to compute


def _name_like(text):
    """Short, no final mark, all capitalized or none: "Dana Lee", "dana"; not "Thank you"."""
    words = text.split()
    if not 1 <= len(words) <= 4 or len(text) > 40 or text[-1] in ".,;:!?":
        return False
    return len({word[0].isupper() for word in words}) == 1


def _markdown(text):
    """One typed line as a Markdown paragraph that shows exactly as typed."""
    text = re.sub(r"([\\`*_{}\[\]])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)  # a typed "&amp;" stays "&amp;"
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)  # not a tag
    text = re.sub(r"^(\d+)\.(?=\s|$)", r"\1\\.", text)  # "1. Lie down" is not a list
    text = re.sub(r"^([#>+\-|])", r"\\\1", text)  # nor a heading, quote, list or table
    return re.sub(r"^([=:~])", lambda m: f"&#{ord(m[1])};", text)  # these take no backslash


def _fold(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _label(c):
    return f"{c.name or 'Anonymous'}'s comment of {_when(c.stamp)} (line {c.line})"


def _when(stamp):
    return f"{stamp.month}/{stamp.day}/{stamp.year} {stamp:%I:%M %p}".lower()
