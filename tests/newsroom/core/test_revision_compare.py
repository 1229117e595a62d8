"""The admin's compare page: what changed between two revisions of a record."""

import pytest
from django.utils import timezone
from reversion.models import Version

from newsroom import services
from newsroom.models import Article, Correction
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.admin.helpers import CHANGELIST, change_url, post_edited
from tests.pages import squeezed

pytestmark = pytest.mark.django_db


def compare_url(article):
    return f"{CHANGELIST}{article.pk}/history/compare/"


def history_url(article):
    return f"{CHANGELIST}{article.pk}/history/"


def two_revisions(client, article, first, second):
    """Save `article` in the admin with `first`, then with `second` changes;
    the two versions, older first."""
    assert post_edited(client, change_url(article), **first).status_code == 302
    assert post_edited(client, change_url(article), **second).status_code == 302
    newer, older = Version.objects.get_for_object(article)[:2]
    return older, newer


def field_row(html, label):
    """The compare table's row for one field."""
    return html.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]


def main(response):
    """The page's content, without the parts that change per request."""
    return response.content.decode().split('id="content-main"')[1]


def compare(client, article, older, newer):
    return client.get(compare_url(article), {"from": older.pk, "to": newer.pk})


@pytest.fixture
def edited_story(client, editor):
    client.force_login(editor)
    story = ArticleFactory(title="Xiaomi sets a date")
    older, newer = two_revisions(
        client,
        story,
        {"body": "Leica is the partner.\n\nMore soon."},
        {
            "title": "Xiaomi sets a launch date",
            "body": "Leica is the optics partner.\n\nMore soon.",
        },
    )
    return story, older, newer


def test_shows_title_and_body_changes_word_by_word(client, edited_story):
    story, older, newer = edited_story
    response = compare(client, story, older, newer)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ins><span class="visually-hidden">[added: </span>launch ' in html
    assert '<ins><span class="visually-hidden">[added: </span>optics ' in html
    # The unchanged words are there on both sides, not marked.
    assert html.count("Leica is the ") == 2
    for field in ("Title", "Body"):
        assert "[removed: " not in field_row(html, field)
    # Fields that did not change are only named.
    unchanged = html.split("Unchanged: ")[1].split("</p>")[0]
    assert "Slug" in unchanged and "Body" not in unchanged


def test_removed_words_are_marked_and_order_of_picking_does_not_matter(
    client, edited_story
):
    story, older, newer = edited_story
    picked_backwards = main(compare(client, story, newer, older))
    assert picked_backwards == main(compare(client, story, older, newer))
    # Picked newer first, the newer text is still the "after".
    assert "[removed: " not in field_row(picked_backwards, "Body")

    body = "Leica is the partner.\n\nMore soon."
    assert post_edited(client, change_url(story), body=body).status_code == 302
    latest = Version.objects.get_for_object(story).first()
    html = compare(client, story, newer, latest).content.decode()
    assert '<del><span class="visually-hidden">[removed: </span>optics ' in html


def test_user_content_is_escaped(client, editor):
    client.force_login(editor)
    story = ArticleFactory()
    older, newer = two_revisions(
        client,
        story,
        {"body": "Plain."},
        {"body": "Plain. <script>alert('x')</script>"},
    )
    html = compare(client, story, older, newer).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_related_records_saved_with_the_story_are_listed(client, editor):
    client.force_login(editor)
    story = ArticleFactory(title="Leica joins")
    assert post_edited(client, change_url(story)).status_code == 302
    services.add_correction(
        article=story,
        by=editor,
        kind=Correction.Kind.CORRECTION,
        text="The sensor is one inch.",
    )
    newer, older = Version.objects.get_for_object(story)[:2]
    html = compare(client, story, older, newer).content.decode()
    corrections = html.split("<h3>Corrections</h3>")[1].split("</ul>")[0]
    assert "Added:</strong> Correction on Leica joins" in corrections


def test_history_links_to_the_compare_page(client, edited_story):
    story, older, newer = edited_story
    html = squeezed(client.get(history_url(story)).content.decode())
    assert f'action="{compare_url(story)}"' in html
    # The latest change is picked already.
    assert f'name="from" value="{older.pk}" id="from-{older.pk}" checked' in html
    assert f'name="to" value="{newer.pk}" id="to-{newer.pk}" checked' in html
    link = f"{compare_url(story)}?from={older.pk}&amp;to={newer.pk}"
    assert f'<a href="{link}">Compare with previous' in html


def test_the_same_revision_twice_shows_no_change(client, edited_story):
    story, older, _ = edited_story
    response = compare(client, story, older, older)
    assert response.status_code == 200
    assert "No field changed between these revisions." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"from": "OLDER"},
        {"to": "NEWER"},
        {"from": "OLDER", "to": "abc"},
        {"from": "-1", "to": "NEWER"},
        {"from": "OLDER", "to": "9" * 30},
        {"from": "1.5", "to": "NEWER"},
    ],
)
def test_missing_or_malformed_ids_are_a_bad_request(client, edited_story, params):
    story, older, newer = edited_story
    ids = {"OLDER": str(older.pk), "NEWER": str(newer.pk)}
    response = client.get(
        compare_url(story), {key: ids.get(v, v) for key, v in params.items()}
    )
    assert response.status_code == 400
    assert "Pick two revisions to compare" in response.content.decode()


def test_unknown_or_foreign_revisions_are_not_found(client, edited_story):
    story, older, newer = edited_story
    other = ArticleFactory()
    post_edited(client, change_url(other))
    foreign = Version.objects.get_for_object(other).get()
    unknown = Version.objects.order_by("pk").last().pk + 1000
    for bad in (foreign.pk, unknown):
        response = client.get(compare_url(story), {"from": older.pk, "to": bad})
        assert response.status_code == 404
    params = {"from": older.pk, "to": newer.pk}
    assert client.get(f"{CHANGELIST}999999/history/compare/", params).status_code == 404
    assert client.get(f"{CHANGELIST}abc/history/compare/").status_code == 404


def test_contributor_compares_own_story_but_not_someone_elses(
    client, editor, contributor
):
    own = ArticleFactory(
        authors=[AuthorFactory(user=contributor)],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    client.force_login(contributor)
    own_versions = two_revisions(client, own, {"body": "One."}, {"body": "Two."})
    assert compare(client, own, *own_versions).status_code == 200
    assert client.get(history_url(own)).status_code == 200

    someone_elses = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    client.force_login(editor)
    older, newer = two_revisions(
        client, someone_elses, {"body": "Secret one."}, {"body": "Secret two."}
    )
    client.force_login(contributor)
    # An editor's draft is not there at all for a contributor.
    response = compare(client, someone_elses, older, newer)
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()
    # Nor through the history or the revert form.
    assert client.get(history_url(someone_elses)).status_code == 404
    revision = f"{history_url(someone_elses)}{older.pk}/"
    assert client.get(revision).status_code == 404
    # A live story they may read, but not its past revisions.
    someone_elses.status, someone_elses.published_at = "published", timezone.now()
    someone_elses.save()
    assert compare(client, someone_elses, older, newer).status_code == 403
    assert client.get(history_url(someone_elses)).status_code == 403
