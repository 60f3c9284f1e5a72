"""What reading an old site needs, live (transfer.fetch) or from a saved copy
(transfer.saved): its one-line errors and its answers, the site's name, addresses joined
without failing on a malformed one, and the addresses an import must not read.

An address typed on the admin's Import page is read by the server, inside its network: one
that leads to the server itself or to its private network (loopback, private, link-local,
reserved and multicast addresses, the cloud's metadata address among them) is refused,
however its name resolves, unless the site allows it (IMPORT_ALLOW_PRIVATE_ADDRESSES).
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
WITH_CREDENTIALS = "give the address without a user name or password: only public pages are read."


class FetchError(Exception):
    """A page or picture that cannot be had; the message (its address: why) is one line."""

    def __init__(self, url, reason):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class Response:
    url: str  # where the answer came from, after redirects
    body: bytes
    content_type: str = ""


def site_name(host):
    """A host as the blog's identity: www.example.com and example.com are one blog."""
    return (host or "").lower().removeprefix("www.")


def join(base, address):
    """`address`, as a page writes it, made absolute against `base`; None when it is
    malformed (an unclosed "[", a port that is no number): one bad link on a page must not
    stop the reading of a whole blog."""
    try:
        joined = urljoin(base, address)
        effective_port(urlsplit(joined))  # a port that is no number raises here
    except ValueError:
        return None
    return joined


def effective_port(parts):
    """The port a split http(s) address connects to. ValueError: it is malformed."""
    return parts.port or DEFAULT_PORTS.get(parts.scheme)


def without_credentials(parts):
    """A split address as it may be shown: a user name and password left out."""
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def has_credentials(parts):
    return parts.username is not None or parts.password is not None


def check_address(url):
    """`url` split, when it is an http(s) address without a user name or password;
    FetchError else."""
    try:
        parts = urlsplit(url.strip())
        effective_port(parts)
    except ValueError:
        raise FetchError(url, "not a web address (http:// or https://).") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise FetchError(url, "not a web address (http:// or https://).")
    if has_credentials(parts):
        raise FetchError(without_credentials(parts), WITH_CREDENTIALS)
    return parts


def refuse_private(url):
    """FetchError when `url`'s host is, or resolves to, an address on this machine or a
    private network (or when it cannot be resolved at all)."""
    parts = urlsplit(url)
    try:
        found = socket.getaddrinfo(parts.hostname, effective_port(parts), type=socket.SOCK_STREAM)
    except ValueError:
        raise FetchError(url, "not a web address.") from None
    except (socket.gaierror, UnicodeError):
        raise FetchError(url, "no such site (its name is unknown).") from None
    for *_, where in found:
        address = ipaddress.ip_address(where[0])
        # Loopback, private, link-local, reserved and unspecified addresses are not global.
        if not address.is_global or address.is_multicast:
            raise FetchError(
                url,
                f"{parts.hostname} is on this server or a private network ({address}), "
                "which the Import page does not read (IMPORT_ALLOW_PRIVATE_ADDRESSES).",
            )
