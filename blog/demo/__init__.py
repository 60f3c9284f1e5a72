"""The demo site's text and pictures, written for this project."""

from datetime import datetime, timedelta

from django.utils import timezone


def local_time(value):
    """'2016-05-10 07:30' in the site's time zone, '+14' days from now, or None."""
    if value is None:
        return None
    if value.startswith("+"):
        later = timezone.now() + timedelta(days=int(value[1:]))
        return later.replace(second=0, microsecond=0)
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M"))
