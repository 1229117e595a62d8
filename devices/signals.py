"""When the stored settlements and scores (devices.scoring) must be redone.

Signals rather than calls in each writer, because claims arrive through the
admin's inlines, the services, revisions being restored and fixtures alike.
Writers that use `update()` (withdrawing a claim) call devices.scoring
themselves.
"""

from django.db import connections
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

from devices import scoring
from devices.models import Source, SpecClaim, SpecField

# What a source or field may change that changes how claims settle.
_SOURCE_RULE = ("kind", "is_authoritative")
_FIELD_RULE = ("kind", "tolerance")


def _claim_saved(sender, instance, **kwargs):
    scoring.settle_and_score(device_ids=[instance.device_id])


def _claim_deleted(sender, instance, **kwargs):
    gone = [instance.source_id] if instance.source_id else []
    scoring.settle_and_score(device_ids=[instance.device_id], source_ids=gone)


def _remember_rule(sender, instance, fields):
    stored = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    instance._rule_before = stored


def _source_saving(sender, instance, **kwargs):
    _remember_rule(sender, instance, _SOURCE_RULE)


def _field_saving(sender, instance, **kwargs):
    _remember_rule(sender, instance, _FIELD_RULE)


def _rule_changed(instance, fields) -> bool:
    before = getattr(instance, "_rule_before", None)
    return before is not None and any(
        before[name] != getattr(instance, name) for name in fields
    )


def _source_saved(sender, instance, **kwargs):
    device_ids = []
    if _rule_changed(instance, _SOURCE_RULE):
        device_ids = SpecClaim.objects.filter(source=instance).values_list(
            "device_id", flat=True
        )
    # Always counted again: the save wrote the score this instance was loaded with.
    scoring.settle_and_score(device_ids=set(device_ids), source_ids=[instance.pk])


def _field_saved(sender, instance, **kwargs):
    if _rule_changed(instance, _FIELD_RULE):
        device_ids = SpecClaim.objects.filter(field=instance).values_list(
            "device_id", flat=True
        )
        scoring.settle_and_score(device_ids=set(device_ids))


def _settle_after_migrate(sender, using, **kwargs):
    # Not when the claims table is gone (migrated back to zero).
    tables = connections[using].introspection.table_names()
    if SpecClaim._meta.db_table in tables:
        scoring.settle_unsettled()


def connect(app_config) -> None:
    post_save.connect(_claim_saved, sender=SpecClaim, dispatch_uid="claim-saved")
    post_delete.connect(_claim_deleted, sender=SpecClaim, dispatch_uid="claim-gone")
    pre_save.connect(_source_saving, sender=Source, dispatch_uid="source-saving")
    post_save.connect(_source_saved, sender=Source, dispatch_uid="source-saved")
    pre_save.connect(_field_saving, sender=SpecField, dispatch_uid="field-saving")
    post_save.connect(_field_saved, sender=SpecField, dispatch_uid="field-saved")
    post_migrate.connect(_settle_after_migrate, sender=app_config)
