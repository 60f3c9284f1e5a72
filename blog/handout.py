"""The printed handout's QR code: a post's address, drawn on the server."""

from functools import lru_cache

import segno
from django.utils.safestring import mark_safe

QR_TITLE = "QR code of this page’s address"


@lru_cache(maxsize=1024)
def qr_svg(text):
    """`text` as a QR code in inline SVG markup: drawn in the page itself, so it needs no
    address of its own and prints sharp at any size; segno writes no style attribute for the
    CSP to refuse. Kept per process: drawing one is as much work as building a whole post
    page, and a post's address rarely changes."""
    # Level M survives a crease or a smudge on paper; never a Micro QR, which phones'
    # camera apps do not read.
    code = segno.make_qr(text, error="m")
    svg = code.svg_inline(omitsize=True, svgclass="qr", lineclass=None, dark="#000", title=QR_TITLE)
    return mark_safe(svg)
