"""The import's report, as text: counts by status, then every guess with where it was made."""


def lines(sources, tally, *, dry_run):
    yield (
        "Dry run: nothing was stored. This is what an import would do."
        if dry_run
        else ("Import finished.")
    )
    yield from summary(tally)
    found = notes(sources, tally)
    if found:
        yield f"Guesses and repairs ({len(found)}):"
        for where, text in found:
            yield f"  {where}: {text}"


def summary(tally):
    yield "Posts: " + counts(tally.posts)
    yield "Comments: " + counts(tally.comments)
    if tally.tags:
        yield f"Tags: {len(tally.tags)} kept on their posts, not listed as topics"
    if tally.skipped:
        yield "Skipped from the source: " + counts(tally.skipped)


def notes(sources, tally):
    """Every guess and repair as (where, text): the parsers' in source order, then the
    writer's."""
    return [(note.where, note.text) for source in sources for note in source.notes] + tally.notes


def counts(counter):
    if not counter:
        return "none"
    return ", ".join(f"{count} {what}" for what, count in sorted(counter.items()))
