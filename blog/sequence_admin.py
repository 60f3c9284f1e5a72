"""The admin's sequence builder: a post's proposed steps (blog/sequences.py) as cards to tick,
edit, reorder and merge before "Save sequence"; and restoring a post's earlier text."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.forms import formset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from blog import sequences
from blog.models import Exercise, Post, PostRevision

SIDES = [("", "Not said"), ("yes", "Yes, each side"), ("no", "No, once")]
NEW = ""
FIRST = "This is the first step: there is no step above to merge with."
DOSAGE = ["hold_seconds", "each_side", "sets", "repetitions", "repetitions_max"]


def number(label, most, least=0, required=False, **options):
    """A whole number typed as text: a browser's number box sends nothing for "1 min", and
    the page would save the step without its hold; as text, the server names the mistake
    and the typed words are drawn back."""
    return forms.IntegerField(
        label=label,
        min_value=least,
        max_value=most,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5, "autocomplete": "off"}),
        error_messages={
            "invalid": "Type a whole number, like 60.",
            "required": "Give it a number, like 1.",
        },
        **options,
    )


class ProposalForm(forms.Form):
    """One proposed step, as the therapist leaves it."""

    use = forms.BooleanField(label="Use as a step", required=False)
    name = forms.CharField(
        label="Name",
        max_length=120,
        required=False,
        help_text="Used for a new exercise.",
    )
    exercise = forms.ChoiceField(label="Exercise", required=False)
    instructions = forms.CharField(
        label="Instructions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    hold_seconds = number("Hold (seconds)", 3600)
    each_side = forms.TypedChoiceField(
        label="Each side",
        choices=SIDES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    sets = number("Sets", 99, least=1)
    repetitions = number("Repetitions", 999, least=1)
    repetitions_max = number("Repetitions max", 999, least=1, help_text='"10" of "8-10 times".')
    position = number("Position", 999, least=1, required=True)
    merge = forms.BooleanField(label="Merge with the step above", required=False)

    def __init__(self, *args, proposal, library, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.proposal = proposal
        self.fields["exercise"].choices = [
            (NEW, "New exercise"),
            *((str(pk), name) for pk, name in library.items()),
        ]
        match = proposal.exercise
        self.fields["exercise"].help_text = (
            f"Matches “{match.name}” in your library."
            if match
            else "No close match in your library."
        )

    def dosage_fields(self):
        return [self[name] for name in DOSAGE]

    def clean_exercise(self):
        value = self.cleaned_data["exercise"]
        return Exercise.objects.filter(pk=int(value)).first() if value else None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("repetitions"), cleaned.get("repetitions_max")
        if high is not None and low is None:
            self.add_error("repetitions", 'Give the lower count too: "8" of "8-10 times".')
        elif high is not None and high < low:
            self.add_error("repetitions_max", f"Make it {low} or more, the repetitions' count.")
        new = cleaned.get("use") and not cleaned.get("merge") and "exercise" in cleaned
        if new and not cleaned["exercise"] and not cleaned.get("name"):
            self.add_error("name", "A new exercise needs a name.")
        return cleaned

    def picture_url(self):
        picture = self.proposal.picture
        return default_storage.url(picture) if picture else ""


class ProposalFormSet(forms.BaseFormSet):
    def __init__(self, *args, proposals, library, **kwargs):
        self.proposals = proposals
        self.library = library
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"proposal": self.proposals[index], "library": self.library}

    def matches(self):
        """Whether the cards sent are this post's proposals, one card each."""
        management = self.management_form
        return management.is_valid() and self.total_form_count() == len(self.proposals)

    def ordered(self):
        """The cards' cleaned values in the order of their positions (ties: as proposed)."""
        cards = [(form.cleaned_data, form.proposal.index) for form in self.forms]
        return sorted(cards, key=lambda card: (card[0]["position"], card[1]))

    def clean(self):
        # Checked beside the cards' own mistakes, so that one redraw names them all; the
        # order is known once every position is a number.
        if any("position" not in form.cleaned_data for form in self.forms):
            return
        steps = 0
        for data, index in self.ordered():
            if data.get("merge"):
                if not steps:
                    self.forms[index].add_error("merge", FIRST)
            elif data.get("use"):
                steps += 1
        if not steps:
            raise forms.ValidationError(
                "Nothing is chosen: tick “Use as a step” on at least one card."
            )

    def chosen(self):
        """The steps to save (sequences.Choice), merged cards joined to the step above."""
        made = []
        for data, index in self.ordered():
            if data["merge"] and made:
                above = made[-1]
                above.indexes.append(index)
                text = data["instructions"].strip()
                if text:
                    above.instructions = f"{above.instructions.rstrip()}\n\n{text}".strip()
            elif data["use"]:
                made.append(
                    sequences.Choice(
                        indexes=[index],
                        name=data["name"].strip(),
                        instructions=data["instructions"].strip(),
                        exercise=data["exercise"],
                        **{field: data[field] for field in DOSAGE},
                    )
                )
        return made


Cards = formset_factory(ProposalForm, formset=ProposalFormSet, extra=0)


class SequenceForm(forms.Form):
    keep_text = forms.BooleanField(
        label="Keep the text in the article",
        required=False,
        help_text="Leave the instructions' paragraphs in the article; the pictures and "
        "captions taken as steps leave it either way, since the sequence shows them.",
    )
    body = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


def fingerprint(post):
    """The post's text as this page read it: saving against a text changed since then
    would remove the wrong pictures."""
    return hashlib.sha256(post.body.encode()).hexdigest()


def initial(proposal):
    sides = {True: "yes", False: "no", None: ""}[proposal.each_side]
    return {
        "use": proposal.is_step,
        "name": proposal.name,
        "exercise": str(proposal.exercise.pk) if proposal.exercise else NEW,
        "instructions": proposal.instructions,
        "hold_seconds": proposal.hold_seconds,
        "each_side": sides,
        "sets": proposal.sets,
        "repetitions": proposal.repetitions,
        "repetitions_max": proposal.repetitions_max,
        "position": proposal.index + 1,
        "merge": False,
    }


CHANGED = (
    "The post’s text changed since this page was opened, so its proposals are read again "
    "below. Check them, then save."
)


def sequence_view(model_admin, request, post_id):
    """The proposals as editable cards; nothing is stored until "Save sequence"."""
    post = get_object_or_404(Post, pk=post_id)
    if not model_admin.has_change_permission(request, post):
        raise PermissionDenied
    found = sequences.propose(post)
    library = dict(Exercise.objects.order_by("name").values_list("pk", "name"))
    kwargs = {"proposals": found.proposals, "library": library, "prefix": "proposals"}
    form = SequenceForm(request.POST or None, initial={"body": fingerprint(post)})
    cards = Cards(request.POST or None, initial=[initial(p) for p in found.proposals], **kwargs)
    problems = []
    if request.method == "POST":
        sent = form.is_valid() and form.cleaned_data["body"] == fingerprint(post)
        if not (sent and cards.matches()):
            problems.append(CHANGED)
            form = SequenceForm(initial={"body": fingerprint(post)})
            cards = Cards(initial=[initial(p) for p in found.proposals], **kwargs)
        elif cards.is_valid():
            keep_text = form.cleaned_data["keep_text"]
            steps = sequences.save(post, found, cards.chosen(), keep_text=keep_text)
            saved(model_admin, request, post, len(steps))
            return redirect("admin:blog_post_change", post.pk)
        else:
            problems.extend(cards.non_form_errors())
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Build a sequence from “{post.title}”",
        "post": post,
        "found": found,
        "form": form,
        "cards": cards,
        "problems": problems,
        "card_errors": cards.is_bound and any(cards.errors),
        "existing_steps": post.steps.count(),
    }
    return TemplateResponse(request, "admin/blog/post/sequence.html", context)


def saved(model_admin, request, post, count):
    steps = f"{count} step{'' if count == 1 else 's'}"
    model_admin.log_change(request, post, f"Built a sequence of {steps}.")
    if post.is_public():
        url, text = post.get_absolute_url() + "practice/", "See its practice page"
    else:
        # A draft's practice page opens when it is published; its preview shows the steps.
        url, text = post.get_absolute_url(), "Preview the post"
    message = format_html('Saved a sequence of {}. <a href="{}">{}</a>.', steps, url, text)
    model_admin.message_user(request, message, messages.SUCCESS)


def restore_view(model_admin, request, post_id, revision_id):
    """Puts back the post's text as a revision kept it (the current text kept in turn)."""
    post = get_object_or_404(Post, pk=post_id)
    if not model_admin.has_change_permission(request, post):
        raise PermissionDenied
    revision = get_object_or_404(PostRevision, pk=revision_id, post=post)
    revision.restore()
    when = date_format(timezone.localtime(revision.saved_at), "DATETIME_FORMAT")
    model_admin.log_change(request, post, f"Restored the text kept on {when}.")
    model_admin.message_user(
        request,
        f"Restored the article’s text kept on {when} ({revision.reason}). The text it "
        "replaced is kept in the history below; the post’s steps are unchanged.",
        messages.SUCCESS,
    )
    return redirect("admin:blog_post_change", post.pk)


def revisions(post):
    """The post's earlier texts, newest first, for its change page."""
    return PostRevision.objects.filter(post=post).order_by("-saved_at", "-pk")


def urls(model_admin):
    """The builder's and restore's addresses, for PostAdmin.get_urls()."""
    view = model_admin.admin_site.admin_view

    def build(request, post_id):
        return sequence_view(model_admin, request, post_id)

    def restore(request, post_id, revision_id):
        return restore_view(model_admin, request, post_id, revision_id)

    return [
        path("<int:post_id>/sequence/", view(build), name="blog_post_sequence"),
        path(
            "<int:post_id>/revisions/<int:revision_id>/restore/",
            view(require_POST(restore)),
            name="blog_post_restore",
        ),
    ]
