"""align's settings with the mailer looking for new mail many times a second, so a test of
its loop takes moments."""

from align.settings import *  # noqa: F403

MAILER_EMPTY_QUEUE_SLEEP = 0.1
