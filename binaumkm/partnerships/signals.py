"""Drop a store's kept compliance (``compliance_state``) whenever what it was judged from changes:
the store, its partnerships, or the verification and status of one of their UMKM. Signals rather
than calls in each service, so that every writer — services, the admin, imports — is covered."""

from django.db.models.signals import post_delete, post_save

from binaumkm.registry.models import Business, BusinessStatusChange, BusinessVerificationChange

from .compliance_state import states_drop
from .models import Partnership, Store


def _store_changed(sender, instance, **kwargs):
    states_drop(store_ids=[instance.pk])


def _partnership_changed(sender, instance, **kwargs):
    states_drop(store_ids=[instance.store_id])


def _business_changed(sender, instance, **kwargs):
    states_drop(business_id=instance.pk if sender is Business else instance.business_id)


def connect() -> None:
    post_save.connect(_store_changed, sender=Store, dispatch_uid="partnerships_state_store")
    for signal in (post_save, post_delete):
        signal.connect(
            _partnership_changed, sender=Partnership, dispatch_uid=f"partnerships_state_p_{signal}"
        )
    for model in (Business, BusinessStatusChange, BusinessVerificationChange):
        post_save.connect(
            _business_changed, sender=model, dispatch_uid=f"partnerships_state_{model.__name__}"
        )
