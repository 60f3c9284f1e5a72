import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.validators import URLValidator
from django.utils import timezone

from align.numbers import whole_number
from comments import services
from comments.models import STAMP_LIFETIME, Comment
from comments.text import CONTROL_CHARACTERS, visible

TIMESTAMP_SALT = "comments.form-issued"
STAMP_GRACE = timedelta(hours=1)  # a form sent back to its writer has at least this left
EMAIL_LENGTH = 254
# The same text from the same sender within this time is the same comment sent again.
COPY_WINDOW = timedelta(minutes=10)


def no_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise forms.ValidationError(
            "This contains invisible control characters; please remove them (retyping the "
            "text usually does).",
            code="control_characters",
        )


def lowercase_email(value):
    """An email address as stored: lower-cased, and still no longer than the column (a
    few capitals lower-case to two characters)."""
    email = value.lower()
    if len(email) > EMAIL_LENGTH:
        raise forms.ValidationError(
            f"Please give an email address of at most {EMAIL_LENGTH} characters.",
            code="max_length",
        )
    return email


def new_nonce():
    return secrets.token_urlsafe(12)


@dataclass(frozen=True)
class Stamp:
    """When the visitor started writing (the form asked for its stamp, comments.views.
    form_state), so we can tell how long the form was open; a nonce, so it is sent once
    (services.post_comment records it); and whether it came with a form sent back only to
    be sent once more (`resent`), whose text was written before the stamp existed."""

    issued: float
    nonce: str = field(default_factory=new_nonce)
    resent: bool = False

    def signed(self):
        payload = [self.issued, self.nonce, 1] if self.resent else [self.issued, self.nonce]
        return signing.dumps(payload, salt=TIMESTAMP_SALT)

    def age(self):
        return time.time() - self.issued

    def expired(self):
        return self.age() > STAMP_LIFETIME.total_seconds()

    def renewed(self):
        """A stamp for the same form sent back: a new nonce, the same start, some time left."""
        oldest = time.time() - (STAMP_LIFETIME - STAMP_GRACE).total_seconds()
        return Stamp(max(self.issued, oldest), resent=self.resent)


def issued_now(resent=False):
    """A signed stamp for a form sent now."""
    return Stamp(time.time(), resent=resent).signed()


def read_stamp(value):
    """The Stamp signed in `value`, or None when it is not ours."""
    try:
        payload = signing.loads(value or "", salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return None
    try:
        issued, nonce, *resent = payload
    except (TypeError, ValueError):
        # Ours, from before stamps had a nonce (a form open across an upgrade): too old.
        return Stamp(0.0)
    return Stamp(float(issued), nonce, resent=bool(resent))


class StampField(forms.Field):
    """The form's stamp, as a Stamp (None when it is not ours: moderation's business). A
    form sent back to its writer carries it renewed, so sending it again works."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return read_stamp(value)

    def bound_data(self, data, initial):
        stamp = read_stamp(data)
        return stamp.renewed().signed() if stamp else data


def spacing_aside(text):
    return " ".join(text.split())


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
        max_length=EMAIL_LENGTH,
        help_text="Never shown on the site.",
        validators=[no_control_characters],
    )
    url = WebAddressField(label="Website", required=False, max_length=200, assume_scheme="https")
    body = forms.CharField(
        label="Comment",
        min_length=2,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        validators=[no_control_characters],
    )
    parent = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    save_info = forms.BooleanField(
        required=False, label="Save my name, email and website in this browser for next time."
    )
    notify_replies = forms.BooleanField(
        required=False, label="Email me when the therapist replies to my comment."
    )
    follow_thread = forms.BooleanField(
        required=False,
        label="Email me new comments in this conversation.",
        help_text="We email you a link to confirm first.",
    )
    # A field people never see; software that fills in every field gives itself away.
    homepage = forms.CharField(required=False, label="Leave this field empty")
    issued = StampField()

    def __init__(self, post, *args, **kwargs):
        self.post = post
        super().__init__(*args, **{"label_suffix": "", **kwargs})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["url"].widget.attrs["autocomplete"] = "url"
        self.fields["homepage"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_name(self):
        # Stored as it shows: characters that show as nothing can only disguise a name.
        name = visible(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"], "required")
        return name

    def clean_email(self):
        return lowercase_email(self.cleaned_data["email"])

    def clean_parent(self):
        """The comment the reply is stored under (services.reply_parent: at the deepest
        level a thread goes, not the one answered, kept as `answering`)."""
        value = self.cleaned_data["parent"]
        self.answering = None
        if not value:
            return None
        pk = whole_number(value)
        parent = Comment.objects.public().filter(pk=pk, post=self.post).first() if pk else None
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is not available (it may have been removed). "
                "Your text is kept below: you can send it as a new comment.",
                code="invalid_parent",
            )
        self.answering = parent
        return services.reply_parent(parent)

    def depth_note(self):
        """What a visitor whose reply was stored at the deepest level, after the comment
        they answered rather than inside it, is told with their thanks; else ""."""
        answering = self.answering
        if answering is None or answering == self.cleaned_data["parent"]:
            return ""
        return (
            f" Threads here go {services.deepest_level() + 1} levels deep, so your reply to "
            f"{answering.author_name} comes last at the level of that comment, not inside it."
        )

    def clean(self):
        if not self.post.comments_open:
            raise forms.ValidationError(
                "Comments are closed on this post, so this one can't be published. Your text "
                "is kept below if you'd like to copy it.",
                code="closed",
            )
        stamp = self.cleaned_data.get("issued")
        if stamp and stamp.expired():
            raise forms.ValidationError(
                "This form was open for more than a day, so it was not sent. Your text is kept "
                "below: please send it again.",
                code="expired",
            )
        return super().clean()

    def earlier_copy(self, ip_address):
        """The comment this form already made, if it is sent again: the same text (its
        spacing aside), under the same name and email, from the same address, in the same
        place, within COPY_WINDOW; or None. A resend after an error page, or a second press,
        stores nothing new. (The address too, or anyone knowing a reader's name, email and
        words could learn whether she wrote them, and be shown her comment while it waits.)"""
        data = self.cleaned_data
        recent = Comment.objects.filter(
            post=self.post,
            parent=data["parent"],
            author_email=data["email"],
            author_name__iexact=data["name"],
            ip_address=ip_address,
            created_at__gte=timezone.now() - COPY_WINDOW,
        )
        text = spacing_aside(data["body"])
        for comment in recent.select_related("post").order_by("pk"):
            if spacing_aside(comment.body) == text:
                return comment
        return None

    def form_seconds(self):
        """Seconds since the visitor started writing; None if the stamp is not ours."""
        stamp = self.cleaned_data.get("issued")
        return stamp.age() if stamp else None

    def resent(self):
        """The form came back to be sent once more (comments.views.send_once_more)."""
        stamp = self.cleaned_data.get("issued")
        return bool(stamp and stamp.resent)


class EditForm(forms.Form):
    """A comment's writer changing its text: the same rules as when it was written."""

    body = CommentForm.base_fields["body"]
