import time

from django import forms
from django.core import signing
from django.core.validators import URLValidator

from comments.models import Comment
from comments.text import CONTROL_CHARACTERS

TIMESTAMP_SALT = "comments.form-issued"


def no_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            "This contains invisible control characters; please remove them (retyping the "
            "text usually does).",
            code="control_characters",
        )


def issued_now():
    """A signed timestamp for the form, so we can tell how long it was open."""
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


def one_line(value):
    if "\n" in value or "\r" in value:
        raise forms.ValidationError("Please write your name on one line.", code="line_break")


class WebAddressField(forms.URLField):
    """A website link for the commenter's name: http and https only."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": "Enter a web address starting with https://."}


class CommentForm(forms.Form):
    name = forms.CharField(max_length=80, validators=[no_control_characters, one_line])
    email = forms.EmailField(
        max_length=254, help_text="Never shown on the site.", validators=[no_control_characters]
    )
    url = WebAddressField(label="Website", required=False, max_length=200, assume_scheme="https")
    body = forms.CharField(
        label="Comment",
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        validators=[no_control_characters],
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    save_info = forms.BooleanField(
        required=False, label="Save my name, email and website in this browser for next time."
    )
    notify_replies = forms.BooleanField(
        required=False, label="Email me when the therapist replies to my comment."
    )
    # A field people never see; software that fills in every field gives itself away.
    homepage = forms.CharField(required=False, label="Leave this field empty")
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, post, *args, **kwargs):
        self.post = post
        super().__init__(*args, **{"label_suffix": "", **kwargs})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["url"].widget.attrs["autocomplete"] = "url"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial.setdefault("issued", issued_now())

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_parent(self):
        pk = self.cleaned_data["parent"]
        if pk is None:
            return None
        parent = Comment.objects.public().filter(pk=pk, post=self.post).first()
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is not available (it may have been removed). "
                "Your text is kept below: you can send it as a new comment.",
                code="invalid_parent",
            )
        return parent

    def clean(self):
        if not self.post.comments_open:
            raise forms.ValidationError(
                "Comments are closed on this post, so this one can't be published. Your text "
                "is kept below if you'd like to copy it.",
                code="closed",
            )
        return super().clean()

    def form_seconds(self):
        """Seconds since the form was sent to the browser; None if its stamp is not ours."""
        try:
            return time.time() - float(
                signing.loads(self.cleaned_data.get("issued") or "", salt=TIMESTAMP_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None
