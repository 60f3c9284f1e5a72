"""Following emails: a plain-text part and an HTML part from the same context, each with
a link to the address's page, queued through django-mailer like every other email."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from comments.notifications import absolute
from subscriptions import links


def message(subscriber, subject, template, context, subscription=None, site=None):
    """The email `template` (`<template>.txt` and `<template>.html`) to `subscriber`; one
    sent for a `subscription` carries List-Unsubscribe headers for it and its stop link."""
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "address_url": links.address_url(subscriber, site),
        "stop_url": links.stop_url(subscription, site) if subscription else "",
    }
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[subscriber.email],
        headers=links.list_unsubscribe(subscription, site) if subscription else {},
    )
    email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return email


def confirmation(subscriber, nonce, pending, site=None):
    """The one email an address gets before anything else: what it would follow, and the
    link that confirms it all."""
    return message(
        subscriber,
        f"Please confirm: follow {settings.SITE_NAME} by email",
        "subscriptions/email/confirm",
        {
            "pending": pending,
            "confirm_url": links.confirm_url(subscriber, nonce, site),
            "days": links.CONFIRM_LIFETIME.days,
            "site_url": absolute("", site),
        },
        site=site,
    )
