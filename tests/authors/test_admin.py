"""An author's history in the admin: every save of a name or biography kept, compared, restored."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from authors.models import Author
from tests.helpers.admin import browser_form
from tests.helpers.factories import make_article

pytestmark = pytest.mark.django_db


def author_form(**fields):
    data = {
        "name_ar": "ريم الحسن",
        "name_en": "",
        "slug": "",
        "kind": "person",
        "role_ar": "باحثة",
        "role_en": "",
        "bio_ar": "السيرة الأولى.",
        "bio_en": "",
        "email": "",
        "website": "",
        "x_handle": "",
    }
    return data | fields


@pytest.fixture
def rewritten_author(client, editor):
    """An author saved in the admin, then renamed and given a new biography."""
    assert client.post(reverse("admin:authors_author_add"), author_form()).status_code == 302
    author = Author.objects.get()
    change = reverse("admin:authors_author_change", args=[author.pk])
    data = browser_form(client.get(change)) | {"name_ar": "ريم حسن", "bio_ar": "السيرة الثانية."}
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    author.refresh_from_db()
    return author


def versions(author):
    return list(Version.objects.get_for_object(author).order_by("pk"))


def test_every_save_is_in_the_history(client, rewritten_author):
    first, second = versions(rewritten_author)
    assert first.field_dict["bio_ar"] == "السيرة الأولى."
    assert second.field_dict["name_ar"] == "ريم حسن"

    response = client.get(reverse("admin:authors_author_history", args=[rewritten_author.pk]))

    html = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in html
    assert html.count('name="version_id2"') == 2 and "قارن" in html


def test_the_comparison_shows_the_old_and_new_biography(client, rewritten_author):
    first, second = versions(rewritten_author)
    url = reverse("admin:authors_author_compare", args=[rewritten_author.pk])

    response = client.get(url, {"version_id1": first.pk, "version_id2": second.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "السيرة الأولى." in html and "السيرة الثانية." in html
    assert "ريم الحسن" in html and "ريم حسن" in html
    assert "updated_at" not in html


def test_restoring_brings_back_the_name_and_biography(client, rewritten_author):
    article = make_article(title="مقال الكاتبة", authors=[rewritten_author])
    first, _second = versions(rewritten_author)
    url = reverse("admin:authors_author_revision", args=[rewritten_author.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert Author.objects.get().name_ar == "ريم حسن"  # only looked

    response = client.post(url, browser_form(page))

    assert response.status_code == 302
    author = Author.objects.get()
    assert (author.name_ar, author.bio_ar) == ("ريم الحسن", "السيرة الأولى.")
    assert len(versions(author)) == 3
    # The author's articles are found under the restored name, and show it.
    assert "الحسن" in Article.objects.get(pk=article.pk).search_document_ar
    assert "ريم الحسن" in client.get(author.get_absolute_url()).content.decode()


def test_a_deleted_author_is_recovered(client, rewritten_author):
    rewritten_author.delete()  # by an administrator (editors do not delete people)
    deleted = Version.objects.get_deleted(Author).get()
    url = reverse("admin:authors_author_recover", args=[deleted.pk])

    assert "ريم حسن" in client.get(reverse("admin:authors_author_recoverlist")).content.decode()
    response = client.post(url, browser_form(client.get(url)))

    assert response.status_code == 302
    assert Author.objects.get().bio_ar == "السيرة الثانية."
