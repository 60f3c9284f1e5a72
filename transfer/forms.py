from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat

from comments.admin import author_name_for
from transfer import reading, uploads
from transfer.web import FetchError, check_address, refuse_private

FORMAT_CHOICES = [
    ("", "Detect it"),
    ("wxr", "WordPress export (WXR)"),
    ("weebly-text", "Weebly page text"),
    ("weebly-site", "Weebly blog, by its address"),
]
DATE_ORDERS = [
    ("mdy", "Month/day/year: 10/5/2012 is October 5 (US sites)"),
    ("dmy", "Day/month/year: 10/5/2012 is 10 May"),
]
# Four bytes a character at most: pasted text stays under DATA_UPLOAD_MAX_MEMORY_SIZE.
TEXT_MAX_CHARACTERS = 1_000_000
PASTED = "the pasted text"


class AuthorChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{author_name_for(user)} ({user.get_username()})"


class ImportForm(forms.Form):
    """One old blog's file, page text or address, and how to read it. Valid when the
    choices go together; the job it starts reads the blog (transfer.importing)."""

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
    address = forms.URLField(
        label="Or the old blog’s address",
        required=False,
        assume_scheme="https",
        help_text="A Weebly blog’s address, such as https://www.example.com/blog: every post, "
        "its comments and pictures are read from the live site, a page a second, so this "
        "takes a while. The page shows how far it got.",
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    format = forms.ChoiceField(label="Format", choices=FORMAT_CHOICES, required=False)
    pictures = forms.FileField(
        label="A zip of the old pictures",
        required=False,
        help_text="The old site’s uploads folder (WordPress: wp-content/uploads), zipped: "
        "the pictures the posts show are stored here from it.",
    )
    kept_pictures = forms.CharField(required=False, widget=forms.HiddenInput)
    fetch_pictures = forms.BooleanField(
        label="Bring pictures in from the old site",
        required=False,
        help_text="Pictures still on the old site are downloaded from it, one at a time, and "
        "stored here. Without this (or a zip) they are listed in the report and stay there.",
    )
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
    date_order = forms.ChoiceField(
        label="Its dates",
        choices=DATE_ORDERS,
        initial="mdy",
        required=False,
        help_text="For a Weebly blog by its address: how its pages write dates.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        staff = get_user_model().objects.filter(is_staff=True, is_active=True)
        self.fields["author"].queryset = staff.filter(
            Q(author_profile__isnull=False) | Q(pk=user.pk)
        ).select_related("author_profile")
        self.fields["author"].initial = user.pk
        # Her answers are often signed with her first name alone.
        names = (user.first_name.strip(), user.get_full_name(), author_name_for(user))
        self.fields["author_names"].initial = "\n".join(dict.fromkeys(n for n in names if n))
        self.fields["timezone"].initial = settings.TIME_ZONE
        self.chosen = None  # the name of what is to be read, once cleaned
        self.token = ""  # the kept file's, once there is one
        self.pictures_token = None  # the kept pictures zip's ("": none), once cleaned

    def clean_upload(self):
        return within_limit(self.cleaned_data["upload"], "This file")

    def clean_pictures(self):
        return within_limit(self.cleaned_data["pictures"], "This zip")

    def clean_address(self):
        """An address without a password in it: it would be kept with the job and shown
        in the admin's history."""
        address = self.cleaned_data["address"]
        if address:
            readable(check_address, address)
        return address

    def clean_timezone(self):
        return ZoneInfo(self.cleaned_data["timezone"])

    def clean_author_names(self):
        names = (name.strip() for name in self.cleaned_data["author_names"].splitlines())
        return tuple(name for name in names if name)

    def clean_date_order(self):
        return self.cleaned_data["date_order"] or "mdy"

    def clean(self):
        cleaned = super().clean()
        if self.errors:  # the choices are weighed together once each is valid
            return cleaned
        self.pictures_token = self.pictures_kept(cleaned)
        if not self.by_address(cleaned):
            self.chosen = self.choose(cleaned)
        return cleaned

    def by_address(self, cleaned):
        """Whether a blog's address is what to read."""
        address, format = cleaned["address"], cleaned["format"]
        if not address:
            if format == reading.SITE_FORMAT:
                raise ValidationError("Give the Weebly blog’s address.")
            return False
        if cleaned["upload"] or cleaned["text"]:
            raise ValidationError("Choose one: a file, the page text or the blog’s address.")
        if format not in ("", reading.SITE_FORMAT):
            raise ValidationError(
                "An address is read as a Weebly blog: choose that format, or “Detect it”."
            )
        if not settings.IMPORT_ALLOW_PRIVATE_ADDRESSES:  # this server or its neighbours
            readable(refuse_private, address)
        return True

    def choose(self, cleaned):
        """The name of what to read: a new file or pasted text, else the file kept from
        the preview (the job reads it, and checks it is the one previewed)."""
        upload, text, kept = cleaned["upload"], cleaned["text"], cleaned["kept"]
        if upload and text:
            raise ValidationError("Choose a file or paste the page text, not both.")
        if upload:
            return upload.name
        if text:
            return PASTED
        if kept:
            if kept_path(kept, self.user) is None:
                raise ValidationError(
                    "The file from your preview is no longer here: choose it again."
                )
            self.token = kept
            return uploads.name_of(kept, self.user)
        raise ValidationError(
            "Choose a file to upload, paste the page text, or give the old blog’s address."
        )

    def pictures_kept(self, cleaned):
        """The token of the pictures zip kept from the preview, unless a new one came."""
        token = cleaned["kept_pictures"]
        if cleaned["pictures"] or not token:
            return ""
        if kept_path(token, self.user) is None:
            raise ValidationError(
                "The pictures zip from your preview is no longer here: choose it again."
            )
        return token

    def keep(self):
        """Keeps new uploads for the job, and the import after its preview.
        uploads.UnsafeFolder: there is nowhere safe to keep them."""
        upload = self.cleaned_data["upload"]
        if upload:
            self.token = uploads.keep_chunks(upload.name, upload.chunks(), self.user)
        pictures = self.cleaned_data["pictures"]
        if pictures:
            self.pictures_token = uploads.keep_chunks(pictures.name, pictures.chunks(), self.user)

    def choices(self):
        """The choices as plain data: what a job keeps, and what the import reads."""
        data = self.cleaned_data
        return {
            "name": data["address"] or self.chosen,
            "address": data["address"],
            "kept": self.token,
            "text": data["text"],
            "format": data["format"],
            "title": data["title"],
            "published": data["published"].isoformat() if data["published"] else "",
            "author": data["author"].pk,
            "author_names": list(data["author_names"]),
            "timezone": data["timezone"].key,
            "date_order": data["date_order"],
            "kept_pictures": self.pictures_token,
            "fetch_pictures": data["fetch_pictures"],
        }

    @classmethod
    def from_choices(cls, choices, user):
        """The form as it was sent, to import what a job previewed or try again."""
        names = "\n".join(choices["author_names"])
        return cls(user=user, initial={**choices, "author_names": names})

    @property
    def kept_token(self):
        """The token the page sends back: the chosen file's, or as it came when nothing was
        chosen."""
        return self.sent_back("kept", self.token if self.chosen is not None else None)

    @property
    def kept_name(self):
        """The name of the file the page still holds, to say so next to the file field."""
        return uploads.name_of(self.kept_token, self.user)

    @property
    def kept_pictures_token(self):
        return self.sent_back("kept_pictures", self.pictures_token)

    @property
    def kept_pictures_name(self):
        return uploads.name_of(self.kept_pictures_token, self.user)

    def sent_back(self, name, known):
        """A kept file's token for the page: `known` once the form has it, else as it came
        (or as the form was started)."""
        if known is not None:
            return known
        return self.data.get(name, "") if self.is_bound else self.initial.get(name, "")


def kept_path(token, user):
    """uploads.path_of, its refusals as the form's error."""
    try:
        return uploads.path_of(token, user)
    except (uploads.UnsafeFolder, uploads.ChangedFile) as error:
        raise ValidationError(str(error)) from None


def readable(check, address):
    """`check(address)` (transfer.web's), its FetchError as the form's error."""
    try:
        check(address)
    except FetchError as error:
        raise ValidationError(error.reason[0].upper() + error.reason[1:]) from None


def within_limit(upload, what):
    limit = settings.IMPORT_MAX_BYTES
    if upload and upload.size > limit:
        raise ValidationError(
            f"{what} is {filesizeformat(upload.size)}; the Import page reads files up "
            f"to {filesizeformat(limit)}. Import it with the import_blog command instead."
        )
    return upload
