"""Every shop URL held on Business becomes a Presence at stage "account created" (the shop existed),
dated the day the business was last saved, before 0010 removes the fields. No address is dropped:
one that does not belong to its column's platform is still kept on that platform (staff see it and
the catalogue hides it); "other marketplace" goes to the platform its domain names, or to the first
platform still free, starting with the own website."""

from django.db import migrations
from django.utils import timezone

from binaumkm.registry.platforms import Platform, platform_of


def shop_urls_to_presences(apps, schema_editor):
    Business = apps.get_model("registry", "Business")
    Presence = apps.get_model("registry", "Presence")
    rows = (
        Business.objects.exclude(shopee_url="", tokopedia_url="", other_marketplace_url="")
        .values_list("pk", "updated_at", "shopee_url", "tokopedia_url", "other_marketplace_url")
        .iterator(chunk_size=2000)
    )
    batch = []
    for pk, updated_at, shopee, tokopedia, other in rows:
        taken: dict[str, str] = {}
        for url, platform in ((shopee, Platform.SHOPEE), (tokopedia, Platform.TOKOPEDIA)):
            if url:
                taken[platform] = url
        if other:
            candidates = [platform_of(other), Platform.WEBSITE, *Platform.values]
            taken[next(p for p in candidates if p not in taken)] = other
        for platform, url in taken.items():
            batch.append(
                Presence(
                    business_id=pk,
                    platform=platform,
                    stage="akun_dibuat",
                    url=url,
                    account_on=timezone.localdate(updated_at),
                )
            )
        if len(batch) >= 2000:
            Presence.objects.bulk_create(batch)
            batch = []
    Presence.objects.bulk_create(batch)


def presences_to_shop_urls(apps, schema_editor):
    """Back to the three columns (Shopee, Tokopedia, the first other shop) for a rollback; the
    presences go, since before this migration the columns held the shops (a later forward run
    creates them again from the columns)."""
    Business = apps.get_model("registry", "Business")
    Presence = apps.get_model("registry", "Presence")
    found: dict[int, dict[str, str]] = {}
    for business_id, platform, url in Presence.objects.exclude(url="").values_list(
        "business_id", "platform", "url"
    ):
        fields = found.setdefault(business_id, {})
        column = {Platform.SHOPEE: "shopee_url", Platform.TOKOPEDIA: "tokopedia_url"}.get(platform)
        fields.setdefault(column or "other_marketplace_url", url)
    for business_id, fields in found.items():
        Business.objects.filter(pk=business_id).update(**fields)
    Presence.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_presence")]

    operations = [migrations.RunPython(shop_urls_to_presences, presences_to_shop_urls)]
