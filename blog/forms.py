from django import forms


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search the blog",
        max_length=200,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "hip flexor, posture…"}),
    )
