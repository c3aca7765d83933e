"""The data migration moves every shop URL held on Business into Presence records (issue 10's
acceptance: "the digital-presence data migration keeps every existing shop URL")."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0008_presence")]
AFTER = [("registry", "0010_remove_business_shop_urls")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_shop_url_survives_the_move_to_presences():
    old = migrate(BEFORE)
    Kecamatan, Kelurahan = old.get_model("core", "Kecamatan"), old.get_model("core", "Kelurahan")
    Owner, Business = old.get_model("registry", "Owner"), old.get_model("registry", "Business")
    kelurahan = Kelurahan.objects.create(code="33.72.01.1001", name="Kauman",
                                         kecamatan=Kecamatan.objects.create(code="33.72.01", name="Pasar Kliwon"))  # fmt: skip
    owner = Owner.objects.create(full_name="Sri", nik="3372015203850001", gender="P")
    shops = [
        ("https://shopee.co.id/a", "https://www.tokopedia.com/a", "https://www.bukalapak.com/u/a"),
        ("https://shopee.co.id/b", "", ""),
        ("", "", "https://batikb.id"),
        ("", "https://tokopedia.com/c", "https://shopee.co.id/c2"),  # "other" names Shopee: it is free
        ("https://shopee.co.id/d", "", "https://shopee.co.id/d2"),  # Shopee taken: kept as the website
        ("https://evil.example/shopee", "", ""),  # not Shopee's domain: still kept, the catalogue hides it
        ("", "", ""),
    ]
    ids = []
    for n, (shopee, tokopedia, other) in enumerate(shops):
        ids.append(Business.objects.create(
            owner=owner, name=f"Usaha {n}", address="Jl. 1", kelurahan=kelurahan, kbli_section="C",
            shopee_url=shopee, tokopedia_url=tokopedia, other_marketplace_url=other,
        ).pk)  # fmt: skip
    try:
        new = migrate(AFTER)
        Presence = new.get_model("registry", "Presence")
        found = {(p.business_id, p.url): (p.platform, p.stage, p.account_on) for p in Presence.objects.all()}
        every_url = {(pk, url) for pk, urls in zip(ids, shops, strict=True) for url in urls if url}
        assert set(found) == every_url and len(found) == 10
        assert {stage for _platform, stage, _day in found.values()} == {"akun_dibuat"}
        assert all(day is not None for _p, _s, day in found.values())
        assert found[(ids[0], "https://www.bukalapak.com/u/a")][0] == "bukalapak"
        assert found[(ids[2], "https://batikb.id")][0] == "website"
        assert found[(ids[3], "https://shopee.co.id/c2")][0] == "shopee"
        assert found[(ids[4], "https://shopee.co.id/d2")][0] == "website"
        assert found[(ids[5], "https://evil.example/shopee")][0] == "shopee"
        assert "shopee_url" not in {f.name for f in new.get_model("registry", "Business")._meta.get_fields()}
        # And back: a rollback puts the addresses into the three columns again.
        back = migrate(BEFORE)
        restored = back.get_model("registry", "Business").objects.get(pk=ids[0])
        assert (restored.shopee_url, restored.tokopedia_url) == (
            "https://shopee.co.id/a",
            "https://www.tokopedia.com/a",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
