from urllib.parse import unquote

import pytest
from django.utils import translation

from articles.models import Tag
from articles.tagging import edit_string_for_tags, parse_tags
from tests.factories import make_article

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
