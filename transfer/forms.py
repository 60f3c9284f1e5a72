from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat

from comments.admin import author_name_for
from transfer import reading, uploads
from transfer.records import UnreadableSource

FORMAT_CHOICES = [
    ("", "Detect it"),
    ("wxr", "WordPress export (WXR)"),
    ("weebly-text", "Weebly page text"),
]
# Four bytes a character at most: pasted text stays under DATA_UPLOAD_MAX_MEMORY_SIZE.
TEXT_MAX_CHARACTERS = 1_000_000
PASTED = "the pasted text"


class AuthorChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{author_name_for(user)} ({user.get_username()})"


class ImportForm(forms.Form):
    """One old blog's file or page text, and how to read it. Valid when it can be read:
    `cleaned_data["source"]` is then the parsed Source."""

    upload = forms.FileField(
        label="File",
        required=False,
        help_text="A WordPress export (.xml), or a Weebly post page saved as text (.txt).",
    )
    text = forms.CharField(
        label="Or paste the page text",
        required=False,
        max_length=TEXT_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        help_text="On the Weebly post page, select everything from the title to the last "
        "comment, copy, and paste it here.",
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, required=False)
    title = forms.CharField(
        required=False, max_length=200, help_text="For page text: the post’s title, if missing."
    )
    published = forms.DateField(
        label="Date",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="For page text: the post’s date. Left empty, the post is dated a minute "
        "before its first comment.",
    )
    author = AuthorChoice(
        queryset=get_user_model().objects.none(),
        empty_label=None,
        help_text="Whose posts these become. Her comments become author replies.",
    )
    author_names = forms.CharField(
        label="Her names on the old blog",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        help_text="One per line: each name she signed comments with there.",
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=[(name, name) for name in sorted(available_timezones())],
        help_text="The old blog’s local time.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        staff = get_user_model().objects.filter(is_staff=True, is_active=True)
        self.fields["author"].queryset = staff.filter(
            Q(author_profile__isnull=False) | Q(pk=user.pk)
        ).select_related("author_profile")
        self.fields["author"].initial = user.pk
        self.fields["author_names"].initial = author_name_for(user)
        self.fields["timezone"].initial = settings.TIME_ZONE
        self.chosen = None  # (name, bytes) of what was read
        self.token = ""  # the kept file's, once there is one

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        limit = settings.IMPORT_MAX_BYTES
        if upload and upload.size > limit:
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; the Import page reads files up "
                f"to {filesizeformat(limit)}. Import it with the import_blog command instead."
            )
        return upload

    def clean_timezone(self):
        return ZoneInfo(self.cleaned_data["timezone"])

    def clean_author_names(self):
        names = (name.strip() for name in self.cleaned_data["author_names"].splitlines())
        return tuple(name for name in names if name)

    def clean(self):
        cleaned = super().clean()
        if self.errors:  # reading needs every option
            return cleaned
        name, data = self.chosen = self.choose(cleaned)
        try:
            cleaned["source"] = reading.read(
                data,
                name=name,
                format=cleaned["format"] or None,
                title=cleaned["title"],
                published=cleaned["published"],
                timezone=cleaned["timezone"],
                author_names=cleaned["author_names"],
            )
        except UnreadableSource as error:
            raise ValidationError(f"Nothing was imported. {error}") from None
        return cleaned

    def choose(self, cleaned):
        """(name, bytes): a new file or pasted text, else the file kept from the preview."""
        upload, text, kept = cleaned["upload"], cleaned["text"], cleaned["kept"]
        if upload and text:
            raise ValidationError("Choose a file or paste the page text, not both.")
        if upload:
            return upload.name, upload.read()
        if text:
            return PASTED, text.encode()
        if kept:
            found = uploads.take(kept, self.user)
            if found is None:
                raise ValidationError(
                    "The file from your preview is no longer here: choose it again."
                )
            self.token = kept
            return found
        raise ValidationError("Choose a file to upload, or paste the page text.")

    def keep(self):
        """Keeps a new upload for the import step; returns the token to send with the page."""
        if self.cleaned_data["upload"]:
            self.token = uploads.keep(*self.chosen, self.user)
        return self.token

    @property
    def kept_token(self):
        """The token the page sends back: the read file's, or as it came when nothing was read."""
        if self.chosen is not None:
            return self.token
        return self.data.get("kept", "") if self.is_bound else ""

    @property
    def kept_name(self):
        """The name of the file the page still holds, to say so next to the file field."""
        return uploads.name_of(self.kept_token, self.user)
