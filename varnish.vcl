vcl 4.1;

import std;

# Varnish between Caddy and gunicorn (docker-compose's `cache` service). It keeps only what
# the site marks public, the reader pages drawn for strangers at their own addresses and the
# static files, for as long as their Cache-Control says: s-maxage
# (DJANGO_SHARED_CACHE_SECONDS), then as grace stale-while-revalidate
# (DJANGO_SHARED_CACHE_STALE_SECONDS), during which a stale copy is served while a fresh one
# is fetched. Nothing purges it: a write shows once the copy expires. Everything personal,
# and every address someone made up, goes to gunicorn and leaves nothing here.

# Whether a web container can draw pages (align/health.py, asked as the internal host name
# settings always allow): one still starting gets no requests until it answers; one that
# failed twice in a row none until it answers again.
probe healthz {
    .request = "GET /healthz HTTP/1.1" "Host: localhost" "Connection: close";
    .interval = 3s;
    .timeout = 4s;
    .window = 2;
    .threshold = 1;
}

# One backend per web container, in a round-robin director named `web`: written by the
# cache image's entrypoint (deploy/varnish/entrypoint) and written again when they change.
include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = web.backend();
    # One spelling of the scheme, read as Django reads it (SECURE_PROXY_SSL_HEADER: the
    # first value, exactly "https"), so a made-up one neither splits the cache nor fools it.
    if (req.http.X-Forwarded-Proto ~ "^\s*https\s*(,|$)") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    # One spelling of the host too (Django reads it without case or a final dot).
    if (req.http.Host) {
        set req.http.Host = regsub(std.tolower(req.http.Host), "\.(:[0-9]+)?$", "\1");
    }
    # The admin and the comments app's own addresses (posting, the form state, unsubscribe)
    # need every cookie they were sent, the CSRF one included.
    if (req.url ~ "^/(admin|comments)/") {
        return (pass);
    }
    # Links from newsletters and ads carry tracking parameters the page does not read.
    set req.url = regsuball(req.url,
        "(?i)([?&])(utm_[a-z_]*|fbclid|gclid|msclkid|mc_[ce]id)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&{2,}", "&");
    set req.url = regsub(req.url, "\?&+", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    # Only a page at its own address is kept (align/canonical.py). Anything else is endless
    # and made up at will: a query string naming other parameters (a search box, a reply
    # form), or a path spelled with %-escapes (no page's own address has one). Those go to
    # gunicorn without a cache lookup, so they leave nothing behind here.
    if (req.url ~ "[?&](?!(page|cpage|corder)=)" || req.url ~ "^[^?]*%") {
        return (pass);
    }
    # The cookies that make a page its visitor's own (align/pagecache.PERSONAL_COOKIES: a
    # login, a message, the visitor's comments awaiting moderation), unless empty (what a
    # deleted cookie leaves): their page comes from gunicorn. (One that holds nothing, made
    # up or expired, gets the strangers' page from gunicorn's page cache, and is cleared.)
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages|own_comments)=[^;\s]") {
        return (pass);
    }
    # Any other cookie (the CSRF one, saved details, a stranger's analytics) changes nothing
    # on a reader page: dropped, so it neither splits the cache nor bypasses it.
    if (req.method == "GET" || req.method == "HEAD") {
        unset req.http.Cookie;
    }
    # The built-in rules follow: other methods and Authorization go to gunicorn.
}

sub vcl_hash {
    # Pages hold absolute links (canonical, og:url): an http:// copy is not an https:// one.
    # vcl_recv leaves one of the two values.
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in hash follows: URL and host.
}

sub vcl_backend_response {
    # Only what says it may be shared is kept: reader pages (200) for strangers. Anything
    # else (a 404, a redirect, a page drawn for one visitor, one that sets a cookie, a feed)
    # leaves only a hit-for-miss marker for a second, not the built-in rules' two minutes,
    # so made-up addresses cannot fill the memory; the marker is what lets requests for it
    # that arrive together go to gunicorn together, rather than queue one behind another.
    if (beresp.status != 200 || beresp.http.Set-Cookie || beresp.http.Vary == "*" ||
        beresp.http.Cache-Control !~ "public" ||
        beresp.http.Cache-Control ~ "(?i)private|no-cache|no-store") {
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        set beresp.keep = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Once stale, a copy is asked after with its ETag: an unchanged page costs gunicorn a
    # 304 rather than a build.
    set beresp.keep = 10m;
}

sub vcl_deliver {
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
