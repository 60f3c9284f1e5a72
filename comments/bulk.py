"""Writing many new comments at once (services.add_forests) as plain rows, ids known first.

Rows are dicts of column values, not Comment instances: building a model instance costs
more than writing its row. Ids come before any row is written (PostgreSQL: from the
table's own sequence; SQLite, whose writers take turns: after the highest ever given),
so a reply's parent_id is known at once and every row goes in one stream, parents first:
on PostgreSQL one COPY. The search document of each distinct body is computed once, by
the expression of the trigger of migration 0004, which trusts documents given this way
(migration 0005).
"""

import psycopg
from django import db
from django.db import connection, models

from comments.models import Comment

FIELDS = [field for field in Comment._meta.get_fields() if field.concrete]
ATTNAMES = {name: field.attname for field in FIELDS for name in (field.name, field.attname)}
# Tells the search trigger that this transaction's COPY brings its own documents.
DOCUMENTS_GIVEN = "comments.documents_given"
DOCUMENT = "setweight(to_tsvector('pg_catalog.english', {}), 'D')"
# The DB-API's exceptions (PEP 249), the most specific first: django.db has each by name.
DB_API_ERRORS = [
    "DataError",
    "OperationalError",
    "IntegrityError",
    "InternalError",
    "ProgrammingError",
    "NotSupportedError",
    "DatabaseError",
    "InterfaceError",
    "Error",
]


def row(data, **columns):
    """A row from Comment field values (a related object stands for its pk) and columns."""
    found = {
        ATTNAMES[name]: value.pk if isinstance(value, models.Model) else value
        for name, value in data.items()
    }
    return {**found, **columns}


def insert(rows):
    """Stores `rows` (in preorder: each reply after its parent, which is its "parent" key,
    a row or None), giving each its "id" and "parent_id"."""
    defaults = {field.attname: field.get_default() for field in FIELDS}
    for data, pk in zip(rows, new_ids(len(rows)), strict=True):
        parent = data.pop("parent")
        data.update({**defaults, **data}, id=pk, parent_id=parent and parent["id"])
    if connection.vendor == "postgresql":
        copy(rows)
    else:
        Comment.objects.bulk_create((Comment(**data) for data in rows), batch_size=500)


def new_ids(count):
    table, column = Comment._meta.db_table, Comment._meta.get_field("id").column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # AUTOINCREMENT: never an id given before, even to a comment deleted since.
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" coalesce((SELECT max({column}) FROM {table}), 0))",
            [table],
        )
        top = cursor.fetchone()[0]
        return range(top + 1, top + count + 1)


def documents(bodies):
    """Each distinct body's search document, as text, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT body, {DOCUMENT.format('body')}::text FROM unnest(%s::text[]) AS body",
            [list(bodies)],
        )
        return dict(cursor.fetchall())


def copy(rows):
    by_body = documents({data["body"] for data in rows})
    for data in rows:
        data["search_document"] = by_body[data["body"]]
    attnames = [field.attname for field in FIELDS]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in FIELDS)
    sql = f"COPY {connection.ops.quote_name(Comment._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [DOCUMENTS_GIVEN])
        # COPY is psycopg's, on the connection Django opened, in this same transaction; a
        # failure reaches callers as Django's exception of its kind, as any query's does.
        try:
            with connection.connection.cursor() as raw, raw.copy(sql) as stream:
                for data in rows:
                    stream.write_row([data[attname] for attname in attnames])
        except psycopg.Error as error:
            kind = next(name for name in DB_API_ERRORS if isinstance(error, getattr(psycopg, name)))
            raise getattr(db, kind)(*error.args) from error
        cursor.execute("SELECT set_config(%s, 'off', true)", [DOCUMENTS_GIVEN])
