"""Never lose a person on import (issue 11): either name may be blank (a baby not yet named, a person known
by one name), and what the import could not store as given is kept in `needs_checking` on the record, with a
partial index for the managers' list of records that need checking. The import run counts those rows."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0010_search_keys_other_scripts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='needs_checking',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='personimport',
            name='needs_checking_count',
            field=models.PositiveIntegerField(default=0, help_text='Rows loaded with a value left blank that needs checking'),
        ),
        migrations.AddField(
            model_name='personimport',
            name='needs_checking_rows',
            field=models.JSONField(blank=True, default=list, help_text='The first 1,000 rows loaded that need checking'),
        ),
        migrations.AlterField(
            model_name='person',
            name='family_name',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name='person',
            name='given_name',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('needs_checking', ''), _negated=True), fields=['family_name', 'given_name', 'person_id'], name='person_needs_checking'),
        ),
    ]
