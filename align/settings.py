"""Settings for align, read from the environment here and nowhere else."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from align.environment import env_bool, env_days, env_list, env_networks, env_seconds, env_secret

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    # A development-only key: DEBUG never runs in production (see the check below).
    SECRET_KEY = SECRET_KEY or "insecure-development-key-never-used-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
elif not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "With DJANGO_DEBUG off, set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS "
        "(comma-separated host names) in the environment."
    )
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "localhost"]  # the name the stack's health checks ask as

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "mptt",
    "imagekit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "mailer",
    "blog",
    "comments",
    "demo",
    "transfer",
    "staffauth",
    "subscriptions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Who may keep a response (align/httpcache.py): outside what sets cookies, to see them.
    "align.httpcache.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staffauth.middleware.SecondFactorMiddleware",  # no staff power before the second step
    "django.contrib.messages.middleware.MessageMiddleware",
    "align.cookies.EmptyCookiesMiddleware",  # personal cookies that hold nothing: none
    "comments.middleware.OwnCommentsMiddleware",  # commenters back to the page cache
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees a view's database error first.
    "align.middleware.DatabaseRetryMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out a username from an address after too many.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "comments.visitor.client_ip"
# Staff who can publish or read addresses sign in with an app's code too (staffauth/).
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "ALIGN"
# Its start-up banner would be the first line of every command's output on stdout (logs go
# there), e.g. inside the XML of `export_wxr > site.xml`.
AXES_VERBOSE = False

ROOT_URLCONF = "align.urls"
WSGI_APPLICATION = "align.wsgi.application"
# Widgets render through TEMPLATES, so the admin's Markdown editor template is found.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The site's pages are Jinja2 (align/jinja2.py); the admin's, the Django template language.
# Jinja2 comes first and finds no template under admin/. With APP_DIRS it also finds
# django.forms' own Jinja2 widget templates, so the comment form renders through Jinja2.
_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "blog.context_processors.site",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "align.jinja2.environment",
            "context_processors": _CONTEXT_PROCESSORS,
            # The apps' functions and filters their templates call, by their own names.
            "globals": [
                "blog.templating.sidebar_archive",
                "blog.templating.sidebar_categories",
                "comments.templating.with_comment_counts",
                "comments.staff_bar.staff_bar",
            ],
            "filters": [
                "blog.templating.isotime",
                "blog.templating.jsonld",
                "blog.handout.qr_svg",
                "comments.templating.comments_label",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": _CONTEXT_PROCESSORS},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Values sent apart from the SQL, and a statement prepared once a connection has run it
    # five times (Django turns psycopg's preparing off unless told): PostgreSQL then parses
    # and plans it once per connection, and psycopg quotes no values in Python (README:
    # Using PostgreSQL).
    # Added to the options DATABASE_URL's query string gives (sslmode...), not instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
    if os.environ.get("POSTGRES_PASSWORD_FILE"):  # a Swarm secret: DATABASE_URL holds none
        DATABASES["default"]["PASSWORD"] = env_secret("POSTGRES_PASSWORD")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time on SQLite: start write transactions at BEGIN so two
    # requests never deadlock upgrading a read lock, and wait instead of failing. Kept
    # open between requests like PostgreSQL's, so these pragmas run once per connection.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

# The shared cache holds the versions (align/cache.py): files for one machine's workers,
# or REDIS_URL for every container's, with short timeouts (an outage only slows pages).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / ".cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    # Pages and fragments under versioned keys: each process's memory.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# How long a shared HTTP cache (Varnish, a CDN) may serve a reader page to strangers, and
# for how much longer while it fetches a fresh one: a write shows within the sum at worst.
SHARED_CACHE_SECONDS = env_seconds("DJANGO_SHARED_CACHE_SECONDS", 60)
SHARED_CACHE_STALE_SECONDS = env_seconds("DJANGO_SHARED_CACHE_STALE_SECONDS", 30)
# Messages ride in a cookie, so a page with none needs no session (and can be cached).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
# The page cache (align/pagecache.py): cookies whose holders get pages of their own (as in
# varnish.vcl), those kept per value; comment pages and order; when the next post appears.
PERSONAL_COOKIES = ["sessionid", "messages", "own_comments"]
PAGE_COOKIES = ["own_comments"]
# Parts in the order their links write them; PAGE_CHOICES: those naming a choice, not a page.
PAGE_PARTS = ["corder", "cpage"]
PAGE_CHOICES = {"corder": ["newest"]}
PAGE_SCHEDULE = "blog.views.next_publication"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Denver"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", DEBUG)

# Uploaded photos on disk, or in an S3-compatible bucket when one is named (pip install
# '.[s3]'); the renditions follow, since they use the same default storage.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_BUCKET,
                "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("S3_REGION") or None,
                "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
                "secret_key": env_secret("S3_SECRET_ACCESS_KEY"),
                "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
                "file_overwrite": False,
                "querystring_auth": False,
            },
        }
        if S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Decided here from the environment, not when pytest later turns DEBUG off at run time.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

# Renditions are made when an image is saved, never while a page renders. Whether a
# rendition exists is remembered in each process (not in Redis: saving a photo must not
# depend on the cache).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHE_BACKEND = "local"

# Uploads: Pillow refuses images above this many pixels (decompression bombs).
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 15 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The admin's Import page: the largest blog export it reads (held in memory while parsed).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 32 * 1024 * 1024))
# Its reading of an old blog by address: seconds between requests to that site (its
# robots.txt may ask for more). Tests serving a blog from 127.0.0.1 set 0.
IMPORT_CRAWL_DELAY = float(os.environ.get("IMPORT_CRAWL_DELAY", 1.0))
# Whether it may read addresses on this server or its private network (loopback, private,
# link-local...): off, so a staff account cannot make the server read its neighbours.
IMPORT_ALLOW_PRIVATE_ADDRESSES = env_bool("IMPORT_ALLOW_PRIVATE_ADDRESSES", False)

# HTTPS: on by default in production; DJANGO_SECURE_SSL_REDIRECT=0 serves plain HTTP
# (loopback, or a proxy in front that only speaks HTTP to us).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Their own setting: behind a proxy that ends TLS (and redirects itself) cookies still go
# over HTTPS only. 0 only for a trial over plain HTTP, where browsers would drop them.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
# A comment sent from here without a token (its cached page had none) comes back to be
# sent once more; every other CSRF failure gets Django's own 403.
CSRF_FAILURE_VIEW = "comments.views.csrf_failure"
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_HSTS_SECONDS", 31536000 if SECURE_SSL_REDIRECT else 0)
)
# Both bind more than this site (every subdomain; browsers' built-in lists, for months after
# a removal): the owner of the domain opts in.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# check --deploy warns while they are off (W005, W021); off is our deliberate default.
# models.W040: SQLite builds an index without its INCLUDE columns, which only PostgreSQL
# reads (comment counts from the comment_thread_order index alone); that is as meant.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021", "models.W040"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# The container's own health check asks over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind our proxy (Caddy in docker-compose), which ends TLS and says so in this header;
# never trusted otherwise, since any client could send it.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies whose X-Forwarded-For is believed (comments.visitor.client_ip): from anyone
# else the header is ignored, so a client reaching gunicorn directly cannot pick an address.
TRUSTED_PROXIES = env_networks("DJANGO_TRUSTED_PROXIES")

# No inline script or style anywhere; JSON-LD is data, not script, so it needs no nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The post page's comment section: the function that builds the context of the template
# comments/_section.html (blog's post view calls it; blog imports nothing from comments).
COMMENT_SECTION = "comments.section.section_context"
# What the site search finds after posts (blog/search.py), in this order.
SEARCH_SOURCES = ["comments.search.SOURCE"]

# Comment defences (see comments/moderation.py); load tests turn them off with 0.
COMMENTS_FLOOD_SECONDS = int(os.environ.get("COMMENTS_FLOOD_SECONDS", 15))
COMMENTS_MIN_FORM_SECONDS = int(os.environ.get("COMMENTS_MIN_FORM_SECONDS", 3))
COMMENTS_MAX_LINKS = int(os.environ.get("COMMENTS_MAX_LINKS", 2))
COMMENTS_MAX_DEPTH = int(os.environ.get("COMMENTS_MAX_DEPTH", 10))  # levels a thread goes
COMMENTS_EDIT_MINUTES = int(os.environ.get("COMMENTS_EDIT_MINUTES", 15))  # own-comment fixes
# A followed conversation's comments after the first email wait this long, then go in one.
FOLLOW_DIGEST_MINUTES = int(os.environ.get("FOLLOW_DIGEST_MINUTES", 15))
# How long a comment waits for its post's tree lock before the visitor is asked to retry.
COMMENTS_LOCK_TIMEOUT = int(os.environ.get("COMMENTS_LOCK_TIMEOUT", 5))
# Commenters' IP addresses and browser user agents are cleared after this many days
# (manage.py purge_comment_ips, run daily by the compose file's `purger`).
COMMENTS_IP_RETENTION_DAYS = env_days("COMMENTS_IP_RETENTION_DAYS", 90)
# Where readers write to have their comments erased (the privacy notice); optional.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "").strip()

# Email is queued in the database, in the transaction that causes it (django-mailer), and
# delivered by the mailer service (manage.py run_mailer), so a slow or absent SMTP server
# never holds up a visitor. It goes out by SMTP, or to the console when none is set.
EMAIL_BACKEND = "mailer.backend.DbBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    MAILER_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# New mail is looked for every 10 s. Row locks keep two senders from sending one message,
# so no lock file is needed; a sent message's log entry keeps no copy of the email.
MAILER_EMPTY_QUEUE_SLEEP = 10
MAILER_USE_FILE_LOCK = False
MAILER_EMAIL_LOG_MESSAGE_DATA = False
# The compose file passes it empty when .env leaves it unset.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "ALIGN <no-reply@localhost>"
MODERATOR_EMAILS = env_list("MODERATOR_EMAILS")
MODERATOR_NOTIFY = os.environ.get("MODERATOR_NOTIFY", "").strip().lower() or "held"  # or all
# The site's public address, for links in emails and the WXR file. Production sets it;
# unset, links use the address of the request that caused them (the local server's without
# one: comments.notifications.site_url).
SITE_URL = os.environ.get("SITE_URL", "")

SITE_NAME = "ALIGN integration|movement"
SITE_TAGLINE = (
    "Restorative movement for hips and spine, from a physical therapist in Salt Lake City"
)

# One line per event on stdout (gunicorn writes one line per request there too).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stdout",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
