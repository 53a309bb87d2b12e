"""The cache table (settings.CACHES) is created by `migrate`, so no deployment step can miss it."""

from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(cache_table_create, migrations.RunPython.noop)]
