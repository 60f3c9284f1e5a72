#!/bin/sh
set -e
# No arguments, or flags only: varnishd with the official image's defaults, then the flags.
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- varnishd \
        -F \
        -f /etc/varnish/default.vcl \
        -a "http=:${VARNISH_HTTP_PORT:-80},HTTP" \
        -a "proxy=:${VARNISH_PROXY_PORT:-8443},PROXY" \
        -p feature=+http2 \
        -s "malloc,$VARNISH_SIZE" \
        "$@"
fi
exec "$@"
