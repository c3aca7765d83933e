from django.db import migrations


class Migration(migrations.Migration):
    """The shop URLs now live in Presence records (0009 moved them)."""

    dependencies = [
        ("registry", "0009_shop_urls_to_presences"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="business",
            name="other_marketplace_url",
        ),
        migrations.RemoveField(
            model_name="business",
            name="shopee_url",
        ),
        migrations.RemoveField(
            model_name="business",
            name="tokopedia_url",
        ),
    ]
