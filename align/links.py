"""Addresses from URL names, for templates (align/jinja2.py) and models' get_absolute_url().

A post page asks for a few dozen, most of them the same on every page (the menu, the
feeds, the post's own, asked four times), and each reverse() costs about 15 µs.
"""

from functools import lru_cache

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse


def url(name, *args, **kwargs):
    """reverse(), remembered for each address. The URLconf in use and the script prefix
    are part of the key, so a change of either is never answered stale."""
    resolver = get_resolver(get_urlconf())
    return reversed_url(resolver, get_script_prefix(), name, args, tuple(kwargs.items()))


@lru_cache(maxsize=2048)
def reversed_url(resolver, prefix, name, args, kwargs):
    return reverse(name, urlconf=resolver.urlconf_name, args=args, kwargs=dict(kwargs))


def address_prefix(name, **placeholder):
    """The address `name` takes, less its last part (given as a one-character
    `placeholder`): a list of links that differ only there costs one reverse(), not one a
    link."""
    return reverse(name, kwargs=placeholder)[:-2]
