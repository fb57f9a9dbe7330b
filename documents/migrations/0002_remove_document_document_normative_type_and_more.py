# The constraint's list came from a set, so its order changed between runs; it is sorted now.
# Kept under this name: other apps' migrations depend on it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='document',
            name='document_normative_type',
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.CheckConstraint(condition=models.Q(('normative', False), ('doc_type__in', ['nghi_quyet', 'quyet_dinh']), _connector='OR'), name='document_normative_type', violation_error_message='Chỉ nghị quyết, quyết định mới có thể là văn bản quy phạm pháp luật.'),
        ),
    ]
