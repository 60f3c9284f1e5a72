"""The dates of a Weebly blog read from a browser's copy of its pages.

Weebly writes a post's day in words or as numbers, and a comment's date and time as
numbers (`10/5/2012 05:13:38 am`, the blog's local time). Numbers are read as --date-order
says (month/day/year by default); one that can only be read the other way is read that way
and noted, and the dates that tell the order one way or the other are counted. A date no
page of this site can show (Weebly's placeholder 1/1/0001) is read as no date, and noted.
"""

import re
from collections import Counter
from datetime import date, datetime, time

from transfer.writer import showable

NUMERIC_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?", re.I)
WORDED_DAYS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")
ORDERS = {"mdy": "month/day/year", "dmy": "day/month/year"}


class Dates:
    """Dates read in one order ("mdy" or "dmy") as local time in `timezone`; what needs
    saying goes to `source` as a note."""

    def __init__(self, order, timezone, source):
        self.order, self.timezone, self.source = order, timezone, source
        self.counts = Counter()  # "told": the order is as chosen; "other": only the other fits

    def day(self, text, where, *, quiet=False):
        """The date in `text` in the chosen order; one that only fits the other order is
        read that way (and noted, unless `quiet`: its caller counts them). None: no date,
        or one no page can show (noted)."""
        found = self._day(text, where, quiet=quiet)
        if found is not None and not showable(self.noon(found)):
            self.source.note(where, f"“{text}” is a date no page can show: read as no date")
            return None
        return found

    def _day(self, text, where, *, quiet):
        numeric = NUMERIC_DAY.search(text)
        if numeric is None:
            cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip())
            for form in WORDED_DAYS:
                try:
                    return datetime.strptime(cleaned, form).date()
                except ValueError:
                    continue
            return None
        first, second, year = map(int, numeric.groups())
        month, day = (first, second) if self.order == "mdy" else (second, first)
        try:
            found = date(year, month, day)
        except ValueError:
            try:
                found = date(year, day, month)
            except ValueError:
                return None
            self.counts["other"] += 1
            if not quiet:
                self.source.note(
                    where,
                    f"“{numeric[0]}” cannot be {ORDERS[self.order]}: read as "
                    f"{found:%d %B %Y} (--date-order)",
                )
            return found
        if first != second and max(first, second) > 12:
            self.counts["told"] += 1
        return found

    def noon(self, day):
        return datetime.combine(day, time(12)).replace(tzinfo=self.timezone)

    def stamp(self, text, where):
        """A comment's date and time ("10/5/2012 05:13:38 am"), aware, or None."""
        day = self.day(text, where, quiet=True) if text else None
        if day is None:
            return None
        numeric = NUMERIC_DAY.search(text)
        clock = CLOCK.search(text, numeric.end() if numeric else 0)
        hour = minute = second = 0
        if clock:
            hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
            if clock[4]:
                hour = hour % 12 + (12 if clock[4].lower() == "p" else 0)
        try:
            return datetime.combine(day, time(hour, minute, second)).replace(tzinfo=self.timezone)
        except ValueError:
            return None

    def note_order(self, where):
        """Say, at `where`, when the dates read suggest the other order or tell none."""
        other = "dmy" if self.order == "mdy" else "mdy"
        if self.counts["other"] and not self.counts["told"]:
            self.source.note(
                where,
                f"{self.counts['other']} dates can only be {ORDERS[other]}, none only "
                f"{ORDERS[self.order]}: try --date-order {other}",
            )
        elif not self.counts["told"] and not self.counts["other"] and self.source.posts:
            self.source.note(
                where,
                f"no date on the blog tells its order: read as {ORDERS[self.order]} "
                f"(--date-order {other} reads them the other way)",
            )
