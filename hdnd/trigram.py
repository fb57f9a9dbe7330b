"""Trigram (pg_trgm) indexes on folded text, for `LIKE '%…%'` searches at national scale.

PostgreSQL only: on SQLite (the default) the searches keep their plain path and nothing is created. The
indexes are not declared on the models (a GIN operator class exists on PostgreSQL only), so migrations
create them with `trigram_indexes(...)`.
"""

from django.db import migrations


def _index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


def trigram_indexes(table: str, *columns: str) -> migrations.RunPython:
    """A migration operation creating (and on reverse dropping) a GIN trigram index per column."""

    def forwards(apps: object, schema_editor: object) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{_index_name(table, column)}" ON "{table}" '
                f'USING gin ("{column}" gin_trgm_ops)'
            )

    def backwards(apps: object, schema_editor: object) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(table, column)}"')

    return migrations.RunPython(forwards, backwards, elidable=False)
