# The one application image (align-web): gunicorn serving Django for `web`, and the same
# code for `mailer` and `purger`. Static files are collected at build (WhiteNoise).
FROM python:3.11-slim

# The code stays in /app, importable from anywhere (PYTHONPATH), as it is in the repository:
# every app, and no install of the project itself that could leave one out.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=align.settings \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    COLLECTSTATIC=0

WORKDIR /app
RUN useradd --create-home --uid 1000 align

# The pinned versions (requirements.lock, from pyproject.toml), checked against their
# hashes. First, so code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install --no-deps --require-hashes -r requirements.lock

# The code belongs to root: the app writes only to media/ and .cache/.
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
      python manage.py collectstatic --noinput --verbosity 0 \
 && install -d -o align -g align /app/media /app/.cache

USER align
EXPOSE 8000
# Asked as localhost, the internal name settings always allow, whatever the site's names.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=4)"
CMD ["bin/start-web"]
