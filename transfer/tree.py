"""Comment threads put in the order the writer stores them: parents before replies."""


def thread_order(records, parents, note):
    """The records (id -> CommentRecord, `parents`: id -> parent id or None) with parents
    before replies and oldest first among siblings, each record's parent_key set. A reply
    whose parent is not there (missing from the file, or left out as a pingback) or that
    loops back on itself goes to the top level, and `note(where, text)` says so."""
    for comment_id, parent in parents.items():
        if parent is not None and parent not in records:
            missing = f"reply to comment {parent}, which is not in the file or was left out"
            note(records[comment_id].where, f"{missing}: placed at the top level")
            parents[comment_id] = None
    children = {}
    for comment_id in sorted(records, key=lambda c: (records[c].created_at, len(c), c)):
        children.setdefault(parents[comment_id], []).append(comment_id)
    order, placed = [], set()

    def place(top):
        stack = [top]
        while stack:
            comment_id = stack.pop()
            if comment_id not in placed:
                placed.add(comment_id)
                order.append(comment_id)
                stack.extend(reversed(children.get(comment_id, ())))

    for top in children.get(None, ()):
        place(top)
    for comment_id in records:
        if comment_id not in placed:  # only comments in or below a loop of parents
            top = _in_loop(comment_id, parents)
            note(records[top].where, "its replies lead back to it: placed at the top level")
            parents[top] = None
            place(top)
    for comment_id in order:
        parent = parents[comment_id]
        records[comment_id].parent_key = records[parent].key if parent else None
    return [records[comment_id] for comment_id in order]


def _in_loop(comment_id, parents):
    """A comment on the loop of parents that `comment_id` hangs from."""
    seen = set()
    while comment_id not in seen:
        seen.add(comment_id)
        comment_id = parents[comment_id]
    return comment_id
