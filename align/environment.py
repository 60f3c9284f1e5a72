"""Values read from the environment by align/settings.py: each refused with a reason that
stops the start, never taken as something else."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_networks(name):
    try:
        return tuple(ipaddress.ip_network(item) for item in env_list(name))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name}: {error}. Give a comma-separated list of addresses or networks, "
            "for example 172.16.0.0/12,10.0.0.7."
        ) from None


def env_days(name, default):
    """A whole number of days, at least 1: anything else stops the start with a reason."""
    value = os.environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ImproperlyConfigured(
            f"{name}={value!r}: give a whole number of days, 1 or more, for example 90."
        )
    return int(value)


def env_seconds(name, default):
    """A whole number of seconds, 0 or more: anything else stops the start with a reason."""
    value = os.environ.get(name, "").strip() or str(default)
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(
            f"{name}={value!r}: give a whole number of seconds, 0 or more, for example 60."
        )
    return int(value)


def env_secret(name, default=""):
    """A secret from the file that `<name>_FILE` names (as Docker and Swarm secrets give them,
    one trailing newline dropped), or else from `<name>` itself."""
    path = os.environ.get(f"{name}_FILE", "")
    if not path:
        return os.environ.get(name, default)
    if os.environ.get(name):
        raise ImproperlyConfigured(f"Both {name} and {name}_FILE are set: keep one.")
    try:
        with open(path, encoding="utf-8") as file:
            value = file.read().removesuffix("\n").removesuffix("\r")
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{name}_FILE={path!r}: cannot read it ({error}).") from None
    if not value:
        raise ImproperlyConfigured(f"{name}_FILE={path!r}: the file is empty.")
    return value
