"""Access declarations of the registry's URLs, and the registry part of the shared world."""

import datetime

from binaumkm.core.tests.site_access import OK, OWNER_LIST, OWNER_OBJECT, PUBLIC, STAFF, Url, rule


def build(world):
    from binaumkm.registry.models import ImportJob
    from binaumkm.registry.tests.factories import (
        BusinessFactory,
        OwnerFactory,
        ProductFactory,
        TurnoverReportFactory,
    )

    owner = OwnerFactory(user=world.users["owner"], full_name="Sri", phone="+6281200001001")
    world.business = BusinessFactory(owner=owner, name="Batik Sri")
    world.product = ProductFactory(business=world.business)
    from binaumkm.registry.models import Presence

    world.presence = Presence.objects.create(
        business=world.business, platform="shopee", stage="tidur", url="https://shopee.co.id/batiksri"
    )
    from django.core.files.base import ContentFile

    world.presence.evidence.save("bukti.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    TurnoverReportFactory(business=world.business, period=datetime.date(2026, 1, 1))
    other = OwnerFactory(user=world.users["other_owner"], phone="+6281200001002")
    world.other_business = BusinessFactory(owner=other, name="Warung Lain")
    from binaumkm.registry.models import SectorKeyword

    world.sector_keyword = SectorKeyword.objects.create(keyword="wedang uwuh", section="I")
    world.import_job = ImportJob.objects.create(
        created_by=world.users["staff"], file="impor/x.xlsx", original_name="x.xlsx", state="gagal"
    )


def business(world):
    return {"pk": world.business.pk}


def product(world):
    return {"pk": world.business.pk, "product_pk": world.product.pk}


# Signed-in users are sent home from the sign-up page.
SIGNUP = rule(default=302, anonymous=OK)
STAFF_DATA = rule(staff=OK, admin=OK)
IMPORTER = rule(staff=OK, admin=OK)  # the job belongs to "staff"; admins see every import

URLS = {
    "registry:signup": Url(SIGNUP, methods=("GET", "POST")),
    "registry:signup_done": Url(PUBLIC),
    # Anyone may try a code (signed in: to link their own account); wrong codes are one message.
    "registry:claim": Url(PUBLIC, methods=("GET", "POST")),
    "registry:my_businesses": Url(OWNER_LIST),
    "registry:my_business_create": Url(rule(owner=OK, other_owner=OK), methods=("GET", "POST")),
    "registry:my_business_detail": Url(OWNER_OBJECT, kwargs=business),
    "registry:my_business_edit": Url(OWNER_OBJECT, kwargs=business, methods=("GET", "POST")),
    "registry:my_product_create": Url(OWNER_OBJECT, kwargs=business, methods=("GET", "POST")),
    "registry:my_product_edit": Url(OWNER_OBJECT, kwargs=product, methods=("GET", "POST")),
    "registry:my_product_delete": Url(OWNER_OBJECT, kwargs=product, methods=("POST",)),
    "registry:my_turnover": Url(OWNER_OBJECT, kwargs=business, methods=("GET", "POST")),
    "registry:my_business_timeline": Url(OWNER_OBJECT, kwargs=business, query="?page=2"),
    "registry:my_presences": Url(OWNER_OBJECT, kwargs=business, methods=("GET", "POST")),
    "registry:my_presence_confirm": Url(
        OWNER_OBJECT, kwargs=lambda w: {"pk": w.business.pk, "presence_pk": w.presence.pk}, methods=("POST",)
    ),
    "registry:presence_session": Url(STAFF, methods=("GET", "POST")),
    "registry:presence_evidence": Url(
        rule(owner=OK, other_owner=404, staff=OK, admin=OK), kwargs=lambda w: {"pk": w.presence.pk}
    ),
    "registry:presence_verify": Url(STAFF, kwargs=lambda w: {"pk": w.presence.pk}, methods=("POST",)),
    "registry:staff_dashboard": Url(STAFF),
    "registry:business_list": Url(STAFF, query="?q=batik&kecamatan=1"),
    "registry:area_map": Url(STAFF, query="?metrik=binaan"),
    "registry:business_export": Url(STAFF, kwargs=lambda w: {"fmt": "xlsx"}),
    "registry:business_create": Url(STAFF, methods=("GET", "POST")),
    "registry:business_detail": Url(STAFF, kwargs=business),
    "registry:business_edit": Url(STAFF, kwargs=business, methods=("GET", "POST")),
    "registry:business_verify": Url(STAFF, kwargs=business, methods=("POST",)),
    "registry:business_reject": Url(STAFF, kwargs=business, methods=("POST",)),
    "registry:business_status": Url(STAFF, kwargs=business, methods=("POST",)),
    "registry:business_history": Url(STAFF, kwargs=business),
    "registry:business_timeline": Url(STAFF, kwargs=business, query="?page=2"),
    "registry:owner_edit": Url(
        STAFF_DATA, kwargs=lambda w: {"pk": w.business.owner_id}, methods=("GET", "POST")
    ),
    "registry:owner_nik_reveal": Url(
        STAFF_DATA, kwargs=lambda w: {"pk": w.business.owner_id}, methods=("POST",)
    ),
    "registry:owner_claim_slip": Url(
        STAFF_DATA, kwargs=lambda w: {"pk": w.business.owner_id}, methods=("POST",)
    ),
    "registry:import_start": Url(IMPORTER, methods=("GET", "POST")),
    "registry:import_template": Url(IMPORTER),
    "registry:import_detail": Url(IMPORTER, kwargs=lambda w: {"pk": w.import_job.pk}),
    "registry:import_progress": Url(IMPORTER, kwargs=lambda w: {"pk": w.import_job.pk}),
    "registry:import_commit": Url(IMPORTER, kwargs=lambda w: {"pk": w.import_job.pk}, methods=("POST",)),
    "registry:import_mapping": Url(IMPORTER, kwargs=lambda w: {"pk": w.import_job.pk}, methods=("POST",)),
    "registry:import_sectors": Url(IMPORTER, kwargs=lambda w: {"pk": w.import_job.pk}, methods=("POST",)),
    "registry:sector_keywords": Url(IMPORTER, methods=("GET", "POST")),
    "registry:sector_keyword_delete": Url(
        IMPORTER, kwargs=lambda w: {"pk": w.sector_keyword.pk}, methods=("POST",)
    ),
}
