"""Access declarations of the partnership URLs, and the partnership part of the shared world.

The world's "store_manager" manages one store, "other_store_manager" another; the world's "owner" has
an offer from the first store. So the other manager and the other owner meet the first party's
objects as 404s; roles without the module's permissions get 403.
"""

from django.core.files.base import ContentFile

from binaumkm.core.tests.site_access import (
    OK,
    OWNER_LIST,
    OWNER_OBJECT,
    STAFF,
    STORE_OBJECT,
    Url,
    rule,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(world):
    from binaumkm.partnerships import services
    from binaumkm.partnerships.models import MatchRun, PartnershipStatus
    from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory

    store = StoreFactory(name="Indomaret Dunia")
    store.managers.add(world.users["store_manager"])
    other = StoreFactory(name="Alfamart Lain")
    other.managers.add(world.users["other_store_manager"])
    world.store, world.other_store = store, other
    # The owner's business has an offer from the store, with a signed agreement attached.
    world.offer = PartnershipFactory(store=store, business=world.business, status=PartnershipStatus.PROPOSED)
    world.offer.agreement.save("perjanjian.pdf", ContentFile(PDF), save=True)
    world.accepted = PartnershipFactory(store=store, status=PartnershipStatus.ACCEPTED)
    world.confirmed = PartnershipFactory(store=store, status=PartnershipStatus.CONFIRMED)
    world.active = PartnershipFactory(store=store, status=PartnershipStatus.ACTIVE)
    world.letter = services.letter_create(actor=world.users["staff"], store=store)
    world.match_run = MatchRun.objects.create(
        created_by=world.users["staff"], scope=store.name, proposals=[], unfilled=[], stats={}
    )


def store(world):
    return {"pk": world.store.pk}


def at_store(partnership: str):
    return lambda world: {"pk": world.store.pk, "ppk": getattr(world, partnership).pk}


# The portal sends a manager of exactly one store straight to it.
PORTAL = rule(store_manager=302, other_store_manager=302)
# Shared downloads: staff, the store's manager, and (agreements) the business owner.
LETTER = rule(staff=OK, admin=OK, store_manager=OK, other_store_manager=404)
AGREEMENT = rule(staff=OK, admin=OK, store_manager=OK, other_store_manager=404, owner=OK, other_owner=404)

URLS = {
    # Staff back office
    "partnerships:dashboard": Url(STAFF, query="?state=tidak&sort=mitra"),
    "partnerships:store_create": Url(STAFF, methods=("GET", "POST")),
    "partnerships:store_detail": Url(STAFF, kwargs=store),
    "partnerships:store_edit": Url(STAFF, kwargs=store, methods=("GET", "POST")),
    "partnerships:store_history": Url(STAFF, kwargs=store),
    "partnerships:manager_add": Url(
        STAFF, kwargs=store, methods=("POST",), data=lambda w: {"full_name": "Dewi", "phone": "081277778888"}
    ),
    "partnerships:manager_remove": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.store.pk, "user_pk": w.users["store_manager"].pk},
        methods=("POST",),
    ),
    "partnerships:partnership_create": Url(STAFF, kwargs=store, methods=("GET", "POST")),
    "partnerships:letter_create": Url(STAFF, kwargs=store, methods=("POST",)),
    "partnerships:match_store": Url(STAFF, kwargs=store, methods=("POST",)),
    "partnerships:match_all": Url(STAFF, methods=("POST",)),
    "partnerships:match_run": Url(STAFF, kwargs=lambda w: {"pk": w.match_run.pk}),
    "partnerships:match_offers": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.match_run.pk},
        methods=("POST",),
        data=lambda w: {"all": "1", "form": "konsinyasi", "start_date": "2026-07-01"},
    ),
    "partnerships:partnership_detail": Url(STAFF, kwargs=lambda w: {"pk": w.offer.pk}),
    "partnerships:partnership_edit": Url(STAFF, kwargs=lambda w: {"pk": w.offer.pk}, methods=("GET", "POST")),
    "partnerships:partnership_action": Url(
        STAFF, kwargs=lambda w: {"pk": w.offer.pk, "action": "terima"}, methods=("POST",)
    ),
    "partnerships:letter_list": Url(STAFF, query="?status=terkirim"),
    "partnerships:letter_status": Url(
        STAFF, kwargs=lambda w: {"pk": w.letter.pk}, methods=("POST",), data=lambda w: {"status": "dijawab"}
    ),
    "partnerships:business_search": Url(STAFF, query="?business=Batik"),
    # Shared downloads
    "partnerships:letter_pdf": Url(LETTER, kwargs=lambda w: {"pk": w.letter.pk}),
    "partnerships:agreement": Url(AGREEMENT, kwargs=lambda w: {"pk": w.offer.pk}),
    # Store-partner portal
    "partnerships:portal": Url(PORTAL),
    "partnerships:store_home": Url(STORE_OBJECT, kwargs=store),
    "partnerships:store_confirm": Url(
        STORE_OBJECT, kwargs=at_store("accepted"), methods=("GET", "POST"), data=lambda w: {"shelf": "Rak 2"}
    ),
    "partnerships:store_decline": Url(
        STORE_OBJECT,
        kwargs=at_store("accepted"),
        methods=("GET", "POST"),
        data=lambda w: {"reason": "Rak penuh"},
    ),
    "partnerships:store_display": Url(STORE_OBJECT, kwargs=at_store("confirmed"), methods=("POST",)),
    "partnerships:store_end": Url(
        STORE_OBJECT,
        kwargs=at_store("active"),
        methods=("GET", "POST"),
        data=lambda w: {"end_date": "2026-01-01", "reason": "Tidak laku"},
    ),
    "partnerships:store_agreement": Url(STORE_OBJECT, kwargs=at_store("active"), methods=("GET", "POST")),
    # Owners
    "partnerships:my_offers": Url(OWNER_LIST),
    "partnerships:my_offer": Url(OWNER_OBJECT, kwargs=lambda w: {"pk": w.offer.pk}),
    "partnerships:my_offer_accept": Url(OWNER_OBJECT, kwargs=lambda w: {"pk": w.offer.pk}, methods=("POST",)),
    "partnerships:my_offer_decline": Url(
        OWNER_OBJECT,
        kwargs=lambda w: {"pk": w.offer.pk},
        methods=("POST",),
        data=lambda w: {"reason": "Stok habis"},
    ),
}
