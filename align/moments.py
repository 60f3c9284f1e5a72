"""Stored dates pages can show. A date stored by other means than the site's forms and
import (year 1, 9999-12-31) may have no time in the site's zone: each page asks here, and
such a date is left out of lists or shown as no date, so it takes down no page but its
own."""

from datetime import UTC, datetime

from django.utils import timezone

# A day inside these has a time in every zone and a four-digit year.
FIRST_SHOWN = datetime(2, 1, 1, tzinfo=UTC)
LAST_SHOWN = datetime(9998, 12, 31, tzinfo=UTC)


def showable(moment):
    """Whether pages can show `moment` (an aware datetime)."""
    return moment is not None and FIRST_SHOWN <= moment <= LAST_SHOWN


def local(moment, zone=None):
    """`moment` in `zone` (by default the current one), or None where it cannot be shown."""
    if not showable(moment):
        return None
    return timezone.localtime(moment, zone)
