"""The template language of the site's own pages: Jinja2.

A post page is built from a dozen templates, which Jinja2 compiles to Python once, where
the Django template language walks its node tree on every render. Django's admin and our
overrides of its pages (templates/admin/) stay in the Django template language, which the
admin is written in.

Like the page cache, this module imports no app: the functions and filters the apps'
templates call are named in settings.TEMPLATES (its "globals" and "filters" options).
"""

from datetime import datetime
from html import escape

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from jinja2 import BaseLoader, ChainableUndefined, Environment, TemplateNotFound, pass_eval_context

from align.moments import showable


class WithoutAdmin(BaseLoader):
    """`loader`, less the admin's templates, which the next engine (Django's) renders."""

    def __init__(self, loader):
        self.loader = loader

    def get_source(self, environment, template):
        if template.startswith("admin/"):
            raise TemplateNotFound(template)
        return self.loader.get_source(environment, template)


def url(name, *args, **kwargs):
    """reverse(), as templates call it: `url('blog:post', year=..., slug=...)`."""
    return reverse(name, args=args, kwargs=kwargs)


def date(value, format=None):
    """Django's |date, in the site's time zone, as the Django template language gives it;
    nothing for a stored time that has none there."""
    if isinstance(value, datetime) and value.tzinfo and not showable(value):
        return ""
    return defaultfilters.date(template_localtime(value), format)


def linebreaks(value):
    return defaultfilters.linebreaks_filter(value, autoescape=True)


@pass_eval_context
def escaped(context, value):
    """What a template prints, escaped as Django escapes it (an apostrophe as &#x27;, not
    &#39;), so a page reads the same whichever language wrote it."""
    if not context.autoescape or hasattr(value, "__html__"):
        return value
    # django.utils.html.escape() without its check for lazy arguments: a page prints
    # hundreds of values, none of them lazy.
    return SafeString(escape(str(value)))


def by_name(paths):
    """{name: function} for the dotted paths of functions."""
    functions = [import_string(path) for path in paths]
    return {function.__name__: function for function in functions}


def environment(globals=(), filters=(), **options):
    """The Jinja2 environment, with the apps' `globals` and `filters` (dotted paths)."""
    options["loader"] = WithoutAdmin(options["loader"])
    # As in the Django template language, a missing name (or its attribute) is empty.
    options["undefined"] = ChainableUndefined
    options["finalize"] = escaped
    env = Environment(**options)
    env.globals.update(static=static, url=url, **by_name(globals))
    env.filters.update(
        date=date,
        linebreaks=linebreaks,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
        yesno=defaultfilters.yesno,
        **by_name(filters),
    )
    return env
