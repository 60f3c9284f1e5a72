"""The therapist's view of following by email: each address, what it follows, whether it
confirmed and since when; she can remove one subscription, or an address and all it
follows, and export the list as CSV. Nobody adds or changes an address here: only its
owner subscribes it, by confirming. The admin's history names an address by its number,
so a removed address leaves nothing behind."""

import csv

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from comments.erasure import plural
from subscriptions import services
from subscriptions.models import Subscriber, Subscription

ALL_CONFIRMED = "All confirmed"
AWAITING = "Awaiting confirmation"
# A cell a spreadsheet would read as a formula (or that hides one behind a tab or a line
# break) gets a leading apostrophe, so it shows as the text it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def summary(posts, threads):
    """What an address follows, in a few words: "New posts; 2 conversations"."""
    parts = (["New posts"] if posts else []) + (
        [plural(threads, "conversation")] if threads else []
    )
    return "; ".join(parts) or "Nothing"


def confirmation(waiting, total):
    if not waiting:
        return ALL_CONFIRMED
    if waiting == total:
        return AWAITING
    return f"{AWAITING} for {waiting} of {total}"


def conversation(subscription):
    """A followed conversation as the therapist knows it: its post and who began it."""
    thread = subscription.thread
    return f"“{thread.post.title}”, begun by {thread.author_name or 'Anonymous'}"


def cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Echo:
    """A file csv.writer writes to that hands each line back."""

    def write(self, value):
        return value


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmation"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", ALL_CONFIRMED), ("no", AWAITING)]

    def queryset(self, request, queryset):
        waiting = Exists(Subscription.objects.pending().filter(subscriber=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(~waiting)
        if self.value() == "no":
            return queryset.filter(waiting)
        return queryset


class KindFilter(admin.SimpleListFilter):
    title = "follows"
    parameter_name = "follows"

    def lookups(self, request, model_admin):
        return [(Subscription.Kind.POSTS, "New posts"), (Subscription.Kind.THREAD, "Conversations")]

    def queryset(self, request, queryset):
        if self.value() in Subscription.Kind.values:
            kind = Subscription.objects.filter(subscriber=OuterRef("pk"), kind=self.value())
            return queryset.filter(Exists(kind))
        return queryset


class SubscriptionInline(admin.TabularInline):
    """What one address follows; the therapist can tick one to delete it, nothing else."""

    model = Subscription
    extra = 0
    fields = ["kind", "followed", "created_at", "confirmed"]
    readonly_fields = fields
    verbose_name = "thing it follows"
    verbose_name_plural = "What it follows"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("thread__post")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="conversation")
    def followed(self, subscription):
        if subscription.thread_id is None:
            return "Every new post"
        link = reverse("admin:comments_comment_change", args=[subscription.thread_id])
        return format_html('<a href="{}">{}</a>', link, conversation(subscription))

    @admin.display(description="confirmed")
    def confirmed(self, subscription):
        if subscription.confirmed_at is None:
            return AWAITING
        return timezone.localtime(subscription.confirmed_at).strftime("%Y-%m-%d %H:%M")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "follows", "confirmed", "created_at"]
    list_filter = [ConfirmedFilter, KindFilter]
    search_fields = ["email", "subscriptions__thread__post__title"]
    search_help_text = (
        "An address, or part of one, or the title of a post whose conversation it follows."
    )
    list_per_page = 100
    show_facets = admin.ShowFacets.NEVER
    fields = ["email", "created_at"]
    readonly_fields = fields
    inlines = [SubscriptionInline]
    actions = ["export_csv"]

    def get_queryset(self, request):
        """Each address's counts in the list's own query, however long the page."""
        return (
            super()
            .get_queryset(request)
            .annotate(
                posts_count=Count("subscriptions", filter=Q(subscriptions__kind="posts")),
                threads_count=Count("subscriptions", filter=Q(subscriptions__kind="thread")),
                waiting_count=Count("subscriptions", filter=Q(subscriptions__confirmed_at=None)),
                total_count=Count("subscriptions"),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """The address itself never changes here; its page saves only the subscriptions
        ticked for deletion, which whoever may see addresses and delete subscriptions may
        do."""
        user = request.user
        return user.has_perm("subscriptions.view_subscriber") and user.has_perm(
            "subscriptions.delete_subscription"
        )

    @admin.display(description="follows", ordering="threads_count")
    def follows(self, subscriber):
        return summary(subscriber.posts_count, subscriber.threads_count)

    @admin.display(description="confirmed")
    def confirmed(self, subscriber):
        return confirmation(subscriber.waiting_count, subscriber.total_count)

    def save_formset(self, request, form, formset, change):
        """The ticked subscriptions are stopped as a reader's own Stop button stops them: an
        address left following nothing is forgotten."""
        formset.save(commit=False)
        ticked = [subscription.pk for subscription in formset.deleted_objects]
        services.stop(Subscription.objects.filter(pk__in=ticked, subscriber=form.instance))

    def response_change(self, request, obj):
        if Subscriber.objects.filter(pk=obj.pk).exists():
            return super().response_change(request, obj)
        self.message_user(
            request, "That address followed nothing more, so it was removed.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:subscriptions_subscriber_changelist"))

    def log(self, request, subscribers, flag, message=""):
        """History entries that name each address by its number, not the address."""
        kind = ContentType.objects.get_for_model(Subscriber)
        return LogEntry.objects.bulk_create(
            LogEntry(
                user_id=request.user.pk,
                content_type=kind,
                object_id=str(subscriber.pk),
                object_repr=f"Subscriber {subscriber.pk}",
                action_flag=flag,
                change_message=message,
            )
            for subscriber in subscribers
        )

    def log_change(self, request, obj, message):
        return self.log(request, [obj], CHANGE, message)[0]

    def log_deletions(self, request, queryset):
        return self.log(request, queryset, DELETION)

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        """address, follows, confirmed, since: one row per address, in UTF-8 with a byte
        order mark so spreadsheet programs read accents and emoji right."""
        chosen = (
            Subscriber.objects.filter(pk__in=queryset.values("pk"))
            .order_by("email")
            .prefetch_related(
                Prefetch(
                    "subscriptions",
                    queryset=Subscription.objects.select_related("thread__post").order_by("pk"),
                )
            )
        )
        writer = csv.writer(Echo())
        lines = ["\ufeff", writer.writerow(["address", "follows", "confirmed", "since"])]
        for subscriber in chosen.iterator(chunk_size=500):
            lines.append(writer.writerow([cell(value) for value in self.row(subscriber)]))
        response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
        name = f"subscribers-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def row(self, subscriber):
        subscriptions = list(subscriber.subscriptions.all())
        followed = ["New posts" for s in subscriptions if s.kind == Subscription.Kind.POSTS]
        followed += [
            f"Conversation on {conversation(s)}"
            for s in subscriptions
            if s.kind == Subscription.Kind.THREAD
        ]
        waiting = sum(1 for s in subscriptions if s.confirmed_at is None)
        since = timezone.localtime(subscriber.created_at).strftime("%Y-%m-%d %H:%M")
        return [
            subscriber.email,
            "; ".join(followed) or "Nothing",
            confirmation(waiting, len(subscriptions)),
            since,
        ]
