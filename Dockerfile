# The web image: gunicorn serving Django, static files collected at build (WhiteNoise).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    COLLECTSTATIC=0

WORKDIR /app
RUN useradd --create-home --uid 1000 align

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml ./
RUN mkdir align blog comments demo && pip install -e '.[s3]' && rm -rf align blog comments demo

COPY --chown=align:align . .
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
      python manage.py collectstatic --noinput --verbosity 0 \
 && install -d -o align -g align /app/media /app/.cache

USER align
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD python -c "import os, urllib.request as u; host = os.environ['DJANGO_ALLOWED_HOSTS'].split(',')[0]; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"
CMD ["bin/start-web"]
