"""Numbers read from requests (query strings, form fields, cookies), read strictly."""

import re

# At most 18 digits, so the value fits a 64-bit database column.
WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(value):
    """`value` as an int when it is written in ASCII digits only; otherwise None.

    str.isdigit() and int() accept more ("²", "٣", " 3", "+3", "3_0"): a database lookup
    then fails on some of them, and the rest give one page many addresses.
    """
    if isinstance(value, str) and WHOLE_NUMBER.fullmatch(value):
        return int(value)
    return None


def page_number(value):
    """The page `value` names when it is written as the page's own link writes it
    (no leading zeros, no sign, at least 1); otherwise None."""
    number = whole_number(value)
    if number and str(number) == value:
        return number
    return None
