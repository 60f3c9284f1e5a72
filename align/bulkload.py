"""Planner statistics for tables a bulk load has just filled.

PostgreSQL plans every query from statistics that autovacuum gathers only once enough rows
have changed and a worker comes round; until then a page on a freshly loaded site is
planned as if its tables were still empty. PostgreSQL's documentation ("Populating a
Database") advises running ANALYZE after a bulk load, and the site's own loaders do so
through analyze(). On SQLite, where the site runs for development and tests, it does nothing.
"""

from django.db import connection


def analyze(*models):
    """ANALYZE the tables of `models` on PostgreSQL; nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
