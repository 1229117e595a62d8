"""Keep a story's covered devices and events in step with its embeds.

Links the body's embeds imply are added, and removed when the embed goes;
links an editor added by hand are never touched.
"""

from django.db import transaction

from devices.embeds import find_embeds, referenced_slugs
from devices.models import Device, LaunchEvent
from newsroom.models import Article, ArticleDevice, ArticleLaunchEvent


@transaction.atomic
def sync_coverage(*, article: Article) -> None:
    device_slugs, event_slugs = referenced_slugs(find_embeds(article.body))
    device_ids = list(
        Device.objects.filter(slug__in=device_slugs).values_list("pk", flat=True)
    )
    event_ids = list(
        LaunchEvent.objects.filter(slug__in=event_slugs).values_list("pk", flat=True)
    )
    for model, target, wanted in (
        (ArticleDevice, "device", device_ids),
        (ArticleLaunchEvent, "launch_event", event_ids),
    ):
        links = model.objects.filter(article=article)
        links.filter(from_embed=True).exclude(**{f"{target}_id__in": wanted}).delete()
        present = set(links.values_list(f"{target}_id", flat=True))
        model.objects.bulk_create(
            model(article=article, from_embed=True, **{f"{target}_id": pk})
            for pk in wanted
            if pk not in present
        )
