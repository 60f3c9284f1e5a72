"""A WordPress post's comments (its wp:comment elements, read by transfer.wxr) as records,
parents before replies. Only readers' comments are kept: pingbacks and trackbacks are
counted in Source.skipped, and every guess about a comment is a note naming its id."""

import ipaddress
from datetime import UTC, datetime

from transfer import html
from transfer.records import CommentRecord
from transfer.tree import thread_order

COMMENT_STATUSES = {
    "1": "approved",
    "approve": "approved",
    "0": "pending",
    "hold": "pending",
    "spam": "spam",
    "trash": "removed",
    "post-trashed": "removed",
}
NOTIFICATIONS = {"pingback", "trackback"}


class CommentReader:
    """Comments as records; what is guessed or left out goes into `source`'s notes and
    counts. `date(fields, name, where)` reads a date as the post's reader does (GMT, else
    local in the old site's time zone)."""

    def __init__(self, source, date):
        self.source = source
        self.date = date

    def thread(self, comments, post, author, where):
        """The post's comments (each wp:comment's fields) as records in thread order;
        `author` is the post's Author, or None."""
        records, parents = {}, {}
        for fields in comments:
            comment_id = fields.get("wp:comment_id", "")
            here = f"{where}, wp:comment_id {comment_id}"
            kind = fields.get("wp:comment_type", "") or "comment"
            if kind != "comment":
                self.source.skip(kind)
                if kind not in NOTIFICATIONS:
                    self.source.note(here, f"a “{kind}”, not a reader's comment: left out")
                continue
            if not comment_id or comment_id in records:
                self.source.note(here, "no wp:comment_id, or one used twice: left out")
                self.source.skip("comment without a wp:comment_id of its own")
                continue
            key = f"{post.key}:c{comment_id}"
            records[comment_id] = self.comment(fields, key, post, author, here)
            parent = fields.get("wp:comment_parent", "")
            parents[comment_id] = None if parent in ("", "0") else parent
        return thread_order(records, parents, self.source.note)

    def comment(self, fields, key, post, author, where):
        created_at = self.date(fields, "wp:comment_date", where)
        if created_at is None:
            self.source.note(where, "it has no date; dated with its post")
            created_at = post.published_at or datetime.now(UTC)
        approved = fields.get("wp:comment_approved", "").lower()
        status = COMMENT_STATUSES.get(approved)
        if status is None:
            self.source.note(where, f"unknown wp:comment_approved “{approved}”: held as pending")
            status = "pending"
        return CommentRecord(
            key=key,
            parent_key=None,
            # WordPress itself shows a comment with no name as by "Anonymous".
            author_name=html.to_line(fields.get("wp:comment_author", "")) or "Anonymous",
            body=html.to_plain_text(fields.get("wp:comment_content", "")),
            created_at=created_at,
            status=status,
            author_email=fields.get("wp:comment_author_email", ""),
            author_url=self.web_address(fields.get("wp:comment_author_url", ""), where),
            ip_address=self.ip_address(fields.get("wp:comment_author_IP", ""), where),
            by_author=self.by_author(fields, author, where),
            where=where,
        )

    def by_author(self, fields, author, where):
        """Whether the file says the post's author wrote the comment: her user id, or
        (logged out) her email address."""
        if author is None:
            return False
        user_id = fields.get("wp:comment_user_id", "")
        if user_id not in ("", "0") and user_id == author.id:
            return True
        email = fields.get("wp:comment_author_email", "").casefold()
        if email and email == author.email.casefold():
            self.source.note(where, "written with the post author's email: an author reply")
            return True
        return False

    def web_address(self, address, where):
        if address and not address.startswith(html.WEB_SCHEMES):
            self.source.note(where, f"the commenter's website “{address[:80]}” was left out")
            return ""
        return address

    def ip_address(self, address, where):
        try:
            return str(ipaddress.ip_address(address)) if address else None
        except ValueError:
            self.source.note(where, f"“{address[:60]}” is not an IP address: left out")
            return None
