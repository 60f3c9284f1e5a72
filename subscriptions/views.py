"""The pages of following by email: asking (the footer's form), confirming, an address's
page, and stopping one subscription (a link in every email, one click or one button).
Every link that fails says what happened on a plain page; none answers 500."""

import hashlib

from django.core import signing
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from align.cache import shared
from comments.notifications import site_url
from comments.visitor import client_ip
from subscriptions import services
from subscriptions.forms import FollowForm
from subscriptions.links import CONFIRM_LIFETIME, address_path, read_address, read_stop
from subscriptions.models import Subscriber, Subscription

# Each ask sends a stranger's inbox a confirmation: one network address may ask this often
# in an hour, so a script cannot use the form to mail many people.
ASKS_PER_HOUR = 10
ASK_WINDOW_SECONDS = 3600
TOO_MANY = (
    "We had many requests from your network in the last hour, so this one was not sent. "
    "Please try again in an hour."
)
# A subscription's id as the address page's Stop buttons send it; anything else is ignored.
MAX_ID_DIGITS = 18


def too_many_asks(request):
    """Whether this network address has asked more than ASKS_PER_HOUR times this hour
    (counted in the shared cache, under a digest of the address; while the cache is away,
    only the one confirmation an hour per address holds)."""
    key = "follow-asks:" + hashlib.sha256(client_ip(request).encode()).hexdigest()

    def count():
        if cache.add(key, 1, ASK_WINDOW_SECONDS):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # gone since add() looked
            cache.set(key, 1, ASK_WINDOW_SECONDS)
            return 1

    return shared.call(count, lambda: 0) > ASKS_PER_HOUR


def problem(request, what, status=400):
    """A plain page saying why a link or a form did nothing. `what`: forged, expired,
    used, gone."""
    context = {"what": what, "days": CONFIRM_LIFETIME.days}
    return render(request, "subscriptions/problem.html", context, status=status)


# Cached pages carry the footer's form with no CSRF token in it. Forging this request only
# gets an address a confirmation email, at most one an hour: what anyone can ask for.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request):
    form = FollowForm(request.POST or None)
    if form.is_bound and too_many_asks(request):
        form.add_error("email", TOO_MANY)
        return render(request, "subscriptions/follow.html", {"form": form}, status=429)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "subscriptions/follow.html", {"form": form}, status=status)
    email = form.cleaned_data["email"]
    asked = services.ask(email, Subscription.Kind.POSTS, site=site_url(request))
    context = {"email": email, "asked": asked, "days": CONFIRM_LIFETIME.days}
    return render(request, "subscriptions/asked.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A page with one button (link scanners that open links confirm nothing); pressing it
    confirms everything the address asked to follow."""
    try:
        if request.method == "POST":
            shown = [pk for pk in request.POST.getlist("subscription")[:100] if is_id(pk)]
            subscriber = services.confirm(token, shown)
        else:
            subscriber = services.confirmable(token)
    except signing.SignatureExpired:
        return problem(request, "expired")
    except signing.BadSignature:
        return problem(request, "forged")
    except services.LinkUsed:
        return problem(request, "used")
    context = {
        "subscriber": subscriber,
        "confirmed": request.method == "POST",
        "subscriptions": subscriber.subscriptions.select_related("thread__post"),
        "address_url": address_path(subscriber),
    }
    return render(request, "subscriptions/confirm.html", context)


def is_id(value):
    return value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS


@require_http_methods(["GET", "POST"])
def address(request, token):
    """What an address follows, each with a Stop button, and Stop all."""
    try:
        pk = read_address(token)
    except (signing.BadSignature, ValueError, TypeError):
        return problem(request, "forged")
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return problem(request, "gone", status=404)
    stopped = 0
    if request.method == "POST":
        chosen = subscriber.subscriptions.all()
        if "all" not in request.POST:
            ids = [i for i in request.POST.getlist("subscription")[:100] if is_id(i)]
            chosen = chosen.filter(pk__in=ids)
        stopped = services.stop(chosen)
    context = {
        "subscriber": subscriber,
        "subscriptions": subscriber.subscriptions.select_related("thread__post"),
        "stopped": stopped,
    }
    return render(request, "subscriptions/address.html", context)


@csrf_exempt  # RFC 8058: mail clients post the one-click body with no cookie or token
@require_http_methods(["GET", "POST"])
def stop(request, token):
    """GET: a page with one Stop button. POST (the button, or a mail client's one-click
    `List-Unsubscribe=One-Click`): stops it, and says so."""
    try:
        pk = read_stop(token)
    except (signing.BadSignature, ValueError, TypeError):
        return problem(request, "forged")
    subscription = Subscription.objects.filter(pk=pk).select_related("subscriber", "thread__post")
    subscription = subscription.first()
    if request.method == "POST" and subscription is not None:
        services.stop(Subscription.objects.filter(pk=pk))
    context = {
        "subscription": subscription,
        "stopped": request.method == "POST",
        "address_url": address_path(subscription.subscriber) if subscription else "",
    }
    return render(request, "subscriptions/stop.html", context)
