"""Act two of the demo, on the editorial side: after the launch, the first
story keeps its words and tells readers it predates the launch."""

from django.contrib.auth import get_user_model
from django.db import transaction

from devices.demo_launch import load_launch_day
from newsroom import services
from newsroom.demo import stories as demo
from newsroom.models import Article, Correction


@transaction.atomic
def load_act_two() -> list[str]:
    """Add whatever of the launch day is missing; return what was added."""
    editor = get_user_model().objects.filter(username="editor").first()
    created_names = load_launch_day(editor=editor)
    story = Article.objects.filter(slug=demo.LAUNCH_STORY_SLUG).first()
    noted = Correction.objects.filter(
        article=story, kind=Correction.Kind.UPDATE, text=demo.PREDATES_LAUNCH_NOTE
    )
    if story is not None and editor is not None and not noted.exists():
        services.add_correction(
            article=story,
            by=editor,
            kind=Correction.Kind.UPDATE,
            text=demo.PREDATES_LAUNCH_NOTE,
            noted_at=demo.PREDATES_LAUNCH_NOTED_AT,
        )
        created_names.append(f"note on story {story.slug}")
    return created_names
