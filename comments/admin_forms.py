"""The forms of the admin's own comment pages: Reply and Move (comments/admin.py)."""

from django import forms
from django.utils.text import Truncator

from comments.models import Comment


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "autofocus": True}),
        help_text="Plain text: a blank line starts a new paragraph; web addresses become links.",
    )


class MoveForm(forms.Form):
    """Where a comment goes: under another comment of its post, or to the top level."""

    TOP = "top"

    target = forms.ChoiceField(
        label="Move it under",
        help_text="Its replies move with it. It becomes the last reply there.",
    )

    def __init__(self, comment, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are the post's other comments that readers can see, by pk, so a foreign,
        # hidden (pending, spam, removed) or made-up pk is simply not a valid choice; the
        # comment's own replies are left out.
        others = (
            Comment.objects.approved()
            .filter(post=comment.post_id)
            .exclude(tree_id=comment.tree_id, lft__range=(comment.lft, comment.rght))
        )
        self.targets = {str(other.pk): other for other in others.order_by("tree_id", "lft")}
        self.fields["target"].choices = [
            (self.TOP, "The top level: a thread of its own"),
            *((pk, target_label(other)) for pk, other in self.targets.items()),
        ]
        self.fields["target"].initial = str(comment.parent_id or self.TOP)

    def clean_target(self):
        return self.targets.get(self.cleaned_data["target"])


def target_label(comment):
    indent = "— " * comment.level
    return f"{indent}{comment.author_name}: “{Truncator(comment.body).words(8)}”"
