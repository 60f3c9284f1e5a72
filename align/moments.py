"""Stored dates pages can show. A date stored by other means than the site's forms and
import (year 1, 9999-12-31) may have no time in the site's zone: each page asks here, and
such a date is left out of lists or shown as no date, so it takes down no page but its
own."""

from datetime import UTC, datetime

import psycopg
from django.utils import timezone
from psycopg.postgres import types
from psycopg.pq import Format

TIMESTAMPTZ_OID = types["timestamptz"].oid

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


def load_unshowable_as_none(sender, connection, **kwargs):
    """On PostgreSQL, a stored time past the year 9999 (beyond Python's dates) loads as no
    date instead of failing the whole query, so a list that holds it still stands.

    Connected to `connection_created`: it wraps the time loader Django has just given the
    connection (psycopg's public adapters API), keeping Django's time zone handling.
    """
    if connection.vendor != "postgresql":
        return
    adapters = connection.connection.adapters
    given = adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)

    class Forgiving(given):
        def load(self, data):
            try:
                return super().load(data)
            except psycopg.DataError:
                return None

    adapters.register_loader(TIMESTAMPTZ_OID, Forgiving)
