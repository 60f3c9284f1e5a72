vcl 4.1;

# Varnish between Caddy and gunicorn (docker-compose's `cache` service). It keeps only what
# the site marks public, the reader pages drawn for strangers and the static files, for as
# long as their Cache-Control says: s-maxage (DJANGO_SHARED_CACHE_SECONDS), then as grace
# stale-while-revalidate (DJANGO_SHARED_CACHE_STALE_SECONDS), during which a stale copy is
# served while a fresh one is fetched. Nothing purges it: a write shows once the copy
# expires. Everything personal goes to gunicorn untouched.

backend default {
    .host = "web";
    .port = "8000";
    # gunicorn gives up on a request after 30 s (GUNICORN_TIMEOUT).
    .first_byte_timeout = 35s;
}

sub vcl_recv {
    # The admin and the comments app's own addresses (posting, the form state, unsubscribe)
    # need every cookie they were sent, the CSRF one included.
    if (req.url ~ "^/(admin|comments)/") {
        return (pass);
    }
    # The cookies that make a page its visitor's own (align/pagecache.PERSONAL_COOKIES: a
    # login, a message, the visitor's comments awaiting moderation), unless empty (what a
    # deleted cookie leaves): their page comes from gunicorn.
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
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in hash follows: URL and host.
}

sub vcl_backend_response {
    if (!beresp.http.Cache-Control) {
        # What does not say it may be kept (a redirect to HTTPS, an error page) is not: the
        # built-in rules then fetch it afresh for every request.
        set beresp.ttl = 0s;
    } else {
        # Once stale, a copy is asked after with its ETag: an unchanged page costs gunicorn
        # a 304 rather than a build.
        set beresp.keep = 10m;
    }
    # The built-in rules follow: Set-Cookie and private, no-cache or no-store are never kept.
}

sub vcl_deliver {
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
