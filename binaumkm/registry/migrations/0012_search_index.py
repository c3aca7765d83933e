"""Full-text indexes of businesses (name, NIB, Instagram) and owners (name), chosen per database: an
FTS5 table with triggers on SQLite; on PostgreSQL a GIN index over an unaccented tsvector plus a
pg_trgm index for near words (see ``core.search``)."""

from django.db import migrations

from binaumkm.core.search import TextIndex

INDEXES = [
    TextIndex("registry_business", ("name", "nib", "instagram"), trigram=True, stored=True),
    TextIndex("registry_owner", ("full_name",), trigram=True, stored=True),
]


def install(apps, schema_editor):
    for index in INDEXES:
        index.install(schema_editor)


def uninstall(apps, schema_editor):
    for index in INDEXES:
        index.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0011_dashboard_indexes")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
