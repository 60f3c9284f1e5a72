"""The admin's "Erase commenter's data" action: a page that counts what will go, then
the therapist's choice, anonymize or remove (comments/privacy.py does the work)."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from comments import privacy, services

ANONYMIZE, REMOVE = "anonymize", "remove"


class EraseForm(forms.Form):
    how = forms.ChoiceField(
        label="What to do with their comments",
        widget=forms.RadioSelect,
        choices=[
            (
                ANONYMIZE,
                "Anonymize: keep the text under the name “Anonymous”; clear the name, "
                "email, website, IP address and user agent.",
            ),
            (
                REMOVE,
                "Remove: delete the comments. One that others answered stays as “This "
                "comment was removed.”, emptied, so their replies keep their place.",
            ),
        ],
    )


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def erase(model_admin, request, queryset):
    """The action: the confirmation page, or, once confirmed, the erasure."""
    emails = privacy.emails_of(queryset)
    if not emails:
        model_admin.message_user(
            request,
            "Nothing to erase: the selected comments are staff replies or already erased.",
            messages.WARNING,
        )
        return None
    comments = list(privacy.comments_of(emails).select_related("post").order_by("-created_at"))
    form = EraseForm(request.POST if "confirm" in request.POST else None)
    if form.is_valid():
        return confirmed(model_admin, request, comments, form.cleaned_data["how"], emails)
    deleted, emptied = services.removal_plan(comments)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Erase commenter's data",
        "emails": emails,
        "comments": comments,
        "posts": plural(len({comment.post_id for comment in comments}), "post"),
        "count": plural(len(comments), "comment"),
        "deleted": len(deleted),
        "emptied": len(emptied),
        "form": form,
        "selected": queryset.values_list("pk", flat=True),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "can_remove": model_admin.has_delete_permission(request),
    }
    return TemplateResponse(request, "admin/comments/comment/erase.html", context)


def confirmed(model_admin, request, comments, how, emails):
    addresses = ", ".join(emails)
    if how == ANONYMIZE:
        count = privacy.anonymize(comments, request.user)
        done = f"{plural(count, 'comment')} of {addresses} anonymized"
    else:
        if not model_admin.has_delete_permission(request):
            raise PermissionDenied
        deleted, emptied = privacy.remove(comments, request.user)
        done = f"{plural(deleted, 'comment')} of {addresses} deleted"
        if emptied:
            done += f", {emptied} kept empty as “This comment was removed.” for the replies"
    followed = sum(
        count for _, count in privacy.commenter_erased.send(model_admin.model, emails=emails)
    )
    if followed:
        done += f"; {plural(followed, 'email subscription')} stopped"
    model_admin.message_user(request, f"Erased: {done}.", messages.SUCCESS)
    return None
