"""A post's steps proposed from its body, and saved as its sequence.

Where the steps come from, first found first: a gallery's captioned pictures (an imported
Weebly post keeps each picture as a paragraph `![caption](address)` followed by a paragraph
holding its caption, and a gallery is a run of those); else pictures with a caption or a
paragraph after them; else numbered list items; else headings followed by text. Pictures
that are not steps are proposed unticked ("not a step"). The body's blocks are read one by
one (blog/post_blocks.py); the dosage from each step's words (blog/dosage.py).
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from blog import dosage, post_blocks
from blog.exercise_names import name_and_instructions, name_key
from blog.models import Exercise, Post, PostRevision, Step
from blog.post_blocks import Piece, normal
from blog.slugs import ascii_slug, unique_slug

DEFAULT = re.compile(r"\bunless\s+(?:\w+\s+){0,2}otherwise\b", re.I)
SENTENCE = re.compile(r"[^.!?]+[.!?]*")
REVISION_REASON = "Before building the sequence"


@dataclass
class Proposal:
    index: int  # position in Found.proposals, stable for the same post body
    kind: str  # "gallery" | "picture" | "list" | "heading" | "illustration"
    is_step: bool  # False: "not a step" (an illustration), unticked by default
    name: str
    instructions: str  # plain text, blank line between paragraphs
    picture: str  # default-storage name of a picture stored on this site, or ""
    picture_alt: str
    words: str  # the words the dosage was read from
    hold_seconds: int | None
    each_side: bool | None
    sets: int | None
    repetitions: int | None
    repetitions_max: int | None
    parsed: list[str]
    flagged: list[str]
    from_default: bool
    exercise: Exercise | None
    # The body's parts it was made from, which leave the body when it is saved as a step.
    pieces: list[Piece] = field(default_factory=list, repr=False)


@dataclass
class Found:
    proposals: list[Proposal]
    summary: str
    default_words: str  # the post-wide default sentence, "" if none


@dataclass
class Choice:
    indexes: list[int]  # the proposals it is made from (two or more: merged), in order
    name: str
    instructions: str
    exercise: Exercise | None  # an existing exercise to use, else a new one is made
    hold_seconds: int | None
    each_side: bool | None
    sets: int | None
    repetitions: int | None
    repetitions_max: int | None


@dataclass
class Candidate:
    """A proposal before its name, dosage and exercise are worked out."""

    kind: str
    text: str  # the words naming the exercise and saying how to do it
    pieces: list[Piece]
    src: str = ""
    alt: str = ""
    heading: str = ""  # a heading naming it, when one stands just above it


def propose(post):
    """What `post`'s body offers as steps, in order, with a line saying what was found."""
    blocks = post_blocks.split(post.body)
    default_words, default = post_default(blocks)
    steps, others, summary = candidates(blocks)
    library = {}
    for exercise in Exercise.objects.order_by("pk"):
        library.setdefault(name_key(exercise.name), exercise)
    proposals = []
    for candidate in sorted(steps + others, key=lambda c: c.pieces[0].block):
        proposals.append(
            build(len(proposals), candidate, candidate in steps, default_words, default, library)
        )
    unnamed = [p for p in proposals if p.kind == "illustration" and p.name == "Picture"]
    for number, proposal in enumerate(unnamed, 1):
        # Told apart, so ticking two makes two exercises, not one.
        proposal.name = proposal.picture_alt = f"Picture {number}"
    return Found(proposals=proposals, summary=summary, default_words=default_words)


def candidates(blocks):
    """(the step candidates, the other pictures, the summary line), as the rules above say."""
    pictures = post_blocks.pictures(blocks)
    galleries = [run for run in post_blocks.runs(pictures) if len(run) >= 2]
    in_gallery = {id(p) for run in galleries for p in run}
    singles = [p for p in pictures if id(p) not in in_gallery]
    lone = [picture_candidate(p, blocks) for p in singles]
    illustrations = [c for c in lone if c.kind == "illustration"]
    described = [c for c in lone if c.kind == "picture"]
    found_steps, what = [], ""
    if galleries:
        found_steps = [gallery_candidate(p) for run in galleries for p in run]
        sizes = [len(run) for run in galleries]
        what = (
            f"a gallery of {sizes[0]} pictures with captions"
            if len(sizes) == 1
            else f"{len(sizes)} galleries of {and_list(sizes)} pictures with captions"
        )
        leftover = lone
    elif len(described) >= 2:
        found_steps = described
        what = f"{len(described)} pictures with a caption or a paragraph after them"
        leftover = illustrations
    else:
        leftover = lone
        items = [c for b in blocks if b.kind == "list" for c in list_candidates(b)]
        sections = heading_candidates(blocks)
        if len(items) >= 2 and reads_as_exercises(items, blocks):
            found_steps = items
            what = f"a numbered list of {len(items)} items"
        elif len(sections) >= 2 and reads_as_exercises(sections, blocks):
            found_steps = sections
            what = f"{len(sections)} headings followed by text"
    if not found_steps:
        what = "nothing that reads as a sequence (no gallery, captioned pictures, exercise list"
        what += " or exercise headings)"
    count = len(leftover) + sum(b.pictures for b in blocks)
    if count:
        other = "other " if found_steps else ""
        what += f"; {count} {other}picture{'s' if count != 1 else ''} left in the text"
    return found_steps, leftover, what


def and_list(numbers):
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def gallery_candidate(picture):
    caption = picture.caption
    return Candidate(
        "gallery", caption.text, [picture.piece, caption.piece], picture.src, picture.alt
    )


def picture_candidate(picture, blocks):
    """A picture outside a gallery: described by its caption, else by the one paragraph
    after it, and named by a heading just above it; else an illustration."""
    pieces = [picture.piece]
    heading = ""
    before = blocks[picture.block.index - 1] if picture.block.index else None
    if before is not None and before.kind == "heading" and not before.after:
        heading = before.text
        pieces.insert(0, Piece(before.index, "heading", before.source))
    words = []
    after = picture.block.index + 1
    if picture.caption:
        words.append(picture.caption.text)
        pieces.append(picture.caption.piece)
    elif after < len(blocks) and blocks[after].kind == "text":
        words.append(blocks[after].text)
        pieces.append(Piece(after, "text", blocks[after].source))
    kind = "picture" if words else "illustration"
    if kind == "illustration" and heading:
        pieces.pop(0)  # a heading above a bare picture stays with the text
        heading = ""
    return Candidate(kind, "\n\n".join(words), pieces, picture.src, picture.alt, heading)


def list_candidates(block):
    return [
        Candidate("list", text, [Piece(block.index, "item", block.source, item=n)])
        for n, text in enumerate(block.items)
    ]


def heading_candidates(blocks):
    """Each heading with the text paragraphs under it (up to the next block of another kind)."""
    found = []
    for block in blocks:
        if block.kind != "heading":
            continue
        words = [block.after] if block.after else []
        pieces = [Piece(block.index, "heading", block.source)]
        for following in blocks[block.index + 1 :]:
            if following.kind != "text":
                break
            words.append(following.text)
            pieces.append(Piece(following.index, "text", following.source))
        if words:
            found.append(Candidate("heading", "\n\n".join(words), pieces, heading=block.text))
    return found


def reads_as_exercises(found, blocks):
    """Lists and headings are in most posts: they are a sequence only when the post states a
    default dosage or one of them says how long or how often."""
    if post_default(blocks)[0]:
        return True
    return any(not dosage.read(f"{c.heading} {c.text}").is_blank() for c in found)


def post_default(blocks):
    """The sentence stating the dosage for steps that say none, and what it says."""
    for block in blocks:
        for sentence in SENTENCE.findall(block.text if block.kind == "text" else ""):
            if DEFAULT.search(sentence):
                read = dosage.read(sentence)
                if any(value is not None for value in read.values().values()):
                    return normal(sentence), read
    return "", None


def build(index, candidate, is_step, default_words, default, library):
    own = dosage.read(f"{candidate.heading}\n{candidate.text}")
    read, from_default = own, False
    if own.is_blank() and default is not None and candidate.kind != "illustration":
        read, from_default = default, True
    name, instructions = name_and_instructions(candidate)
    flagged = list(read.flagged) if not from_default else []
    picture, trouble = post_blocks.stored_picture(candidate.src) if candidate.src else ("", "")
    if trouble:
        flagged.append(trouble)
    if from_default:
        parsed = [f"{words} (the post's default)" for words in read.parsed]
        words = default_words
    else:
        parsed = read.parsed
        words = dosage_sentences(f"{candidate.heading}\n{candidate.text}", own.spans)
    return Proposal(
        index=index,
        kind=candidate.kind,
        is_step=is_step and candidate.kind != "illustration",
        name=name,
        instructions=instructions,
        picture=picture,
        picture_alt=(candidate.alt or normal(candidate.text) or name)[:250],
        words=words,
        parsed=parsed,
        flagged=flagged,
        from_default=from_default,
        exercise=library.get(name_key(name)),
        pieces=candidate.pieces,
        **read.values(),
    )


def dosage_sentences(text, spans):
    """The sentences of `text` that hold the dosage words at `spans`."""
    chosen = []
    for match in SENTENCE.finditer(text):
        if any(start < match.end() and end > match.start() for start, end in spans):
            chosen.append(normal(match.group(0)))
    return " ".join(dict.fromkeys(chosen))


def choices(found):
    """The default choice: every proposal that is a step, as proposed."""
    return [
        Choice(
            indexes=[p.index],
            name=p.name,
            instructions=p.instructions,
            exercise=p.exercise,
            hold_seconds=p.hold_seconds,
            each_side=p.each_side,
            sets=p.sets,
            repetitions=p.repetitions,
            repetitions_max=p.repetitions_max,
        )
        for p in found.proposals
        if p.is_step
    ]


DOSAGE = ("hold_seconds", "each_side", "sets", "repetitions", "repetitions_max")


def save(post, found, chosen, keep_text=False):
    """The chosen steps appended to `post`'s sequence in one transaction, with new exercises
    for those not in the library, and what they carry taken out of the body (its old body
    kept as a PostRevision): never words that no exercise stores. Returns the steps made."""
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        position = locked.steps.aggregate(Max("position"))["position__max"] or 0
        made, steps, pieces = {}, [], []
        for choice in chosen:
            proposals = [found.proposals[i] for i in choice.indexes]
            exercise = choice.exercise or made.get(name_key(choice.name))
            if exercise is None:
                exercise = made[name_key(choice.name)] = new_exercise(choice, proposals)
                pieces += [piece for proposal in proposals for piece in proposal.pieces]
            else:
                pieces += [piece for proposal in proposals for piece in leaving(proposal, exercise)]
            position += 1
            steps.append(
                Step.objects.create(
                    post=locked, exercise=exercise, position=position, **step_dosage(choice)
                )
            )
        body = post_blocks.without(locked.body, pieces, keep_text=keep_text)
        if body != locked.body:
            PostRevision.objects.create(post=locked, body=locked.body, reason=REVISION_REASON)
            post.body = body
            # Through the model's save, so the body is rendered again and the page cache
            # learns the post changed (blog/apps.py).
            post.save(update_fields=["body", "body_html", "updated_at"])
        elif steps:
            post.save(update_fields=["updated_at"])
    return steps


def leaving(proposal, exercise):
    """What leaves the body when `proposal` becomes a step of an exercise already made: its
    pictures and captions, and its paragraphs only when the exercise's instructions hold
    their words (else they would be lost from the page)."""
    stored = normal(exercise.instructions).casefold()
    if normal(proposal.instructions).casefold() in stored:
        return proposal.pieces
    return [piece for piece in proposal.pieces if piece.role not in post_blocks.TEXT_ROLES]


def new_exercise(choice, proposals, save=True):
    """The exercise `choice` makes, its photo the first of `proposals`' stored pictures;
    saved (with a free slug) unless `save` is False."""
    name = choice.name.strip()[:120] or "Exercise"
    exercise = Exercise(
        name=name,
        instructions=choice.instructions.strip(),
        hold_seconds=choice.hold_seconds or 0,
        each_side=bool(choice.each_side),
        sets=choice.sets,
        repetitions=choice.repetitions,
        repetitions_max=choice.repetitions_max,
    )
    if not save:
        return exercise
    exercise.slug = unique_slug(ascii_slug(name, 120) or "exercise", Exercise.objects.all(), 120)
    with_picture = next((p for p in proposals if p.picture), None)
    if with_picture:
        # The stored file, named as it is: no second, re-encoded copy.
        exercise.photo = with_picture.picture
        exercise.photo_alt = with_picture.picture_alt or name
    exercise.save()
    return exercise


def step_dosage(choice):
    """The step's own dosage: all of it when anything is known, so nothing half comes from
    an exercise that says otherwise; none (the exercise's) when nothing is."""
    values = {name: getattr(choice, name) for name in DOSAGE}
    if all(value is None for value in values.values()):
        return {}
    return {
        "hold_seconds": values["hold_seconds"] or 0,
        "each_side": bool(values["each_side"]),
        "sets": values["sets"] or 1,
        "repetitions": values["repetitions"] or 0,
        "repetitions_max": values["repetitions_max"] or 0,
    }
