from django.db import migrations

from hdnd.trigram import trigram_indexes


class Migration(migrations.Migration):
    """Trigram indexes (PostgreSQL only) on the folded text and answer that petition search matches."""

    dependencies = [("petitions", "0006_list_indexes"), ("documents", "0005_trigram_search")]

    operations = [trigram_indexes("petitions_petition", "text_folded", "answer_folded")]
