"""The follow-up list's background exports (hdnd.models.BackgroundExport, as petitions.PetitionExport):
the list's filters, the progress and the file of a long export run by the task worker."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0007_late_report_index'),
        ('registry', '0006_council_successors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FollowupExport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(blank=True, max_length=2000, verbose_name='bộ lọc')),
                ('state', models.CharField(choices=[('cho', 'Đang chờ'), ('dang_chay', 'Đang xuất'), ('xong', 'Đã xong'), ('loi', 'Lỗi')], default='cho', max_length=10, verbose_name='trạng thái')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='tổng số dòng')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='số dòng đã xuất')),
                ('file', models.FileField(blank=True, upload_to='exports/%Y/%m/', verbose_name='tệp')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                ('council', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='registry.council')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'lượt xuất việc cần theo dõi',
                'verbose_name_plural': 'lượt xuất việc cần theo dõi',
                'ordering': ['-created_at', '-pk'],
                'abstract': False,
            },
        ),
    ]
