"""The listings' full-text index, chosen per database: an FTS5 table with triggers on SQLite, a GIN
index over an unaccented tsvector on PostgreSQL (see ``core.search``)."""

from django.db import migrations

from binaumkm.core.search import TextIndex

INDEX = TextIndex("catalogue_listing", ("name", "description"))


def install(apps, schema_editor):
    INDEX.install(schema_editor)


def uninstall(apps, schema_editor):
    INDEX.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
