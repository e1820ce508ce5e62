from urllib.parse import unquote

import pytest
from django.utils import translation

from articles.models import Tag
from articles.tagging import edit_string_for_tags, parse_tags
from tests.helpers.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("سورية، داعش", ["داعش", "سورية"]),
        ("سورية,داعش", ["داعش", "سورية"]),
        ("سورية،داعش, التحالف الدولي", ["التحالف الدولي", "داعش", "سورية"]),
        ('"الأمن، والسياسة", سورية', ["الأمن، والسياسة", "سورية"]),
        ("", []),
    ],
)
def test_arabic_comma_separates_tags(typed, expected):
    assert parse_tags(typed) == expected


def test_unicode_slug():
    tag = Tag.objects.create(name="التحالف الدولي")
    assert tag.slug == "التحالف-الدولي"
    assert unquote(tag.get_absolute_url()) == "/tag/التحالف-الدولي/"


def test_typing_the_english_name_finds_the_arabic_tag():
    tag = Tag.objects.create(name_ar="سورية", name_en="Syria")
    article = make_article()

    article.tags.add("syria")
    article.tags.add("سورية")

    assert list(article.tags.all()) == [tag]
    assert Tag.objects.count() == 1


def test_tag_names_in_both_languages():
    tag = Tag.objects.create(name_ar="داعش", name_en="ISIS")
    with translation.override("en"):
        assert str(Tag.objects.get(pk=tag.pk)) == "ISIS"
    assert str(Tag.objects.get(pk=tag.pk)) == "داعش"


def test_many_tags_without_english_names():
    Tag.objects.create(name="سورية")
    Tag.objects.create(name="داعش")
    assert Tag.objects.filter(name_en__isnull=True).count() == 2


def test_edit_string_round_trips_names_with_commas():
    article = make_article()
    article.tags.add("الأمن،والسياسة", "سورية", "التحالف الدولي")

    typed = edit_string_for_tags(article.tags.all())

    assert sorted(parse_tags(typed)) == sorted(t.name for t in article.tags.all())


def test_a_name_without_letters_still_gets_an_address(client):
    tag = Tag.objects.create(name="!!!")
    article = make_article(tags=[tag])

    assert tag.slug
    assert client.get(tag.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200


def test_too_long_a_name_is_an_error_in_the_admin_form():
    from django.core.exceptions import ValidationError

    from articles.tagging import EditorTagField

    with pytest.raises(ValidationError) as error:
        EditorTagField().clean("سورية، " + "و" * 101)
    assert error.value.code == "tag_too_long"
