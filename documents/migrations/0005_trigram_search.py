from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from hdnd.trigram import trigram_indexes


class Migration(migrations.Migration):
    """pg_trgm and unaccent on PostgreSQL (skipped on SQLite); trigram indexes on the folded subject and
    number that the register and the public search match with `LIKE '%…%'`."""

    dependencies = [("documents", "0004_merge_0003_bounded_text_0003_history_recipients")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        trigram_indexes("documents_document", "subject_folded", "number_folded"),
    ]
