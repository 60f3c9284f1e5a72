from django import forms

from comments.forms import EMAIL_LENGTH, lowercase_email, no_control_characters


class FollowForm(forms.Form):
    """The footer's "New posts by email"."""

    email = forms.EmailField(
        label="Your email", max_length=EMAIL_LENGTH, validators=[no_control_characters]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{"label_suffix": "", **kwargs})
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self):
        return lowercase_email(self.cleaned_data["email"])
