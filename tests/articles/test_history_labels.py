"""History and comparison of an article in the editors' words: labels, word diffs, relations."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import translation
from reversion import create_revision
from reversion.models import Version

from articles.models import Article, Authorship
from articles.revisions.diff import tokens, word_diff
from articles.revisions.labels import change_message, field_label
from tests.helpers.admin import article_form, browser_form, editor_client, with_rows
from tests.helpers.factories import make_article, make_author, make_section
from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

SENTENCE = "الحرب والسلام في الشرق الأوسط"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare(client, article, older, newer):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(url, {"version_id1": older.pk, "version_id2": newer.pk})
    assert response.status_code == 200
    return response.content.decode()


def versions(article):
    """The article's versions, oldest first."""
    return list(Version.objects.get_for_object(article).order_by("pk"))


def headings(html):
    """The names of the fields a comparison shows as changed."""
    page = HtmlPage(html)
    return [h3.text for h3 in page.find_all("h3", within=page.find(id="content-main"))]


def marked(html):
    """(tag, text) of every <del> and <ins>, in order."""
    return [(e.tag, e.text) for e in HtmlPage(html).elements if e.tag in ("del", "ins")]


def save(client, article, **changes):
    data = browser_form(client.get(change_url(article)))
    data |= changes
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return data


@pytest.fixture
def article(client, editor):
    """Added in the admin with an author, a reference and two tags."""
    data = article_form(make_section(), title_ar=SENTENCE, status="draft", tags="سورية، داعش")
    data = with_rows(data, "authorships", [{"author": make_author(name="أحمد").pk, "position": 1}])
    data = with_rows(
        data, "references", [{"number": 1, "title": "المرجع الأول", "url": "https://a.example"}]
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    return Article.objects.get()


class TestHistoryLabels:
    def test_the_history_names_the_changed_fields_in_arabic(self, client, article):
        save(client, article, title_ar="الحرب والسلم في الشرق الأوسط", status="review")

        html = client.get(history_url(article)).content.decode()

        assert "تم تغيير العنوان (العربية) و الحالة." in html
        assert "[ar]" not in html
        assert "Title" not in html and "Status" not in html

    def test_in_english_a_field_is_named_with_the_language_in_english(self):
        # The admin is Arabic only (it is outside the language prefixes, so it is in the
        # default language); the labels follow whichever language is active.
        title_en = Article._meta.get_field("title_en")
        with translation.override("en"):
            assert field_label(title_en) == "Title (English)"
        assert field_label(title_en) == "العنوان (الإنجليزية)"
        assert field_label(Article._meta.get_field("status")) == "الحالة"

    def test_a_message_stored_before_names_the_inlines_fields_too(self):
        # As Django 5.2 stores it: labels in no language, the inline's model by its name.
        stored = LogEntry(
            change_message='[{"changed": {"fields": ["Title [ar]", "Publication time"]}}, '
            '{"changed": {"name": "article author", "object": "سلمى", "fields": ["Position"]}}]'
        )

        message = change_message(stored, Article, [Authorship])

        assert message.startswith("تم تغيير العنوان (العربية) و وقت النشر. تم تغيير الترتيب ")

    def test_the_comparison_names_fields_by_language_and_the_comment_in_arabic(
        self, client, article
    ):
        save(client, article, title_en="War and peace")
        first, second = versions(article)

        html = compare(client, article, first, second)

        assert "العنوان (الإنجليزية)" in headings(html)
        assert "تم تغيير العنوان (الإنجليزية)." in html
        assert "[en]" not in html and "Title" not in html

    def test_a_conflict_names_the_other_editors_fields_by_language(self):
        huda, omar = editor_client("هدى"), editor_client("عمر")
        data = article_form(make_section(), title_ar="العنوان الأصلي")
        assert huda.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get()
        omar_form = browser_form(omar.get(change_url(article)))
        save(huda, article, title_ar="عنوان هدى")

        html = omar.post(change_url(article), omar_form | {"summary_ar": "ملخص"}).content.decode()

        changed = HtmlPage(html).find("ul", class_="edit-conflict-fields")
        assert changed.text == "العنوان (العربية): عنوان هدى"


class TestUnchangedRelations:
    def test_only_the_title_changed_shows_no_section_and_no_star_note(self, client, article):
        save(client, article, title_ar="الحرب والسلم في الشرق الأوسط")
        first, second = versions(article)

        html = compare(client, article, first, second)

        assert headings(html) == ["العنوان (العربية)"]
        assert 'class="follow"' not in html  # neither a star nor the note about stars

    def test_two_older_versions_keep_the_rows_they_both_had(self, client, article):
        save(client, article, title_ar="الحرب والسلم في الشرق الأوسط")
        # Later, the author, the reference and a tag go.
        save(
            client,
            article,
            **{"authorships-0-DELETE": "on", "references-0-DELETE": "on", "tags": "سورية"},
        )
        first, second, third = versions(article)

        assert headings(compare(client, article, first, second)) == ["العنوان (العربية)"]
        later = compare(client, article, second, third)
        assert {"الكتّاب", "المراجع", "الوسوم"} <= set(headings(later))
        assert ("del", "أحمد") in marked(later) and ("del", "داعش") in marked(later)

    def test_a_changed_section_is_shown_with_its_star(self, client, article):
        save(client, article, section=str(make_section(name="قسم الاقتصاد").pk))
        first, second = versions(article)

        html = compare(client, article, first, second)

        assert headings(html) == ["قسم*"]
        assert ("ins", "قسم الاقتصاد") in marked(html)
        assert "ملاحظة:" in html


class TestWordDiff:
    def test_one_changed_word_is_marked_whole(self, client, article):
        save(client, article, title_ar="الحرب والسلم في الشرق الأوسط")
        first, second = versions(article)

        html = compare(client, article, first, second)

        assert marked(html) == [("del", "والسلام"), ("ins", "والسلم")]
        assert 'lang="ar" dir="rtl"' in html  # the field's text, in its own direction
        assert '<pre class="highlight">' not in html
        assert "editorial/compare.css" in html  # its proportional Arabic font

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (SENTENCE, "الحرب والسلم في الشرق الأوسط"),
            ("قالَ مُحَمَّدٌ: «نعم».", "قالَ مُحَمَّدٌ: «لا»، ثم مضى."),
            ("War and peace in the Middle East.", "War and peace in the Near East!"),
        ],
    )
    def test_marks_fall_between_words_never_inside_one(self, old, new):
        html = str(word_diff(old, new))

        words = set(tokens(old)) | set(tokens(new))
        assert marked(html)
        for _kind, text in marked(html):
            assert all(piece in words for piece in tokens(text)), text

    def test_a_replaced_word_never_touches_its_replacement(self):
        assert str(word_diff("بيت", "كتب")) == "<del>بيت</del> <ins>كتب</ins>"


class TestDates:
    def test_the_time_since_a_date_reads_in_arabic(self, client, article):
        save(client, article, published_at_0="2025-11-04")
        first, second = versions(article)

        html = compare(client, article, first, second)

        assert "time since" not in html
        assert "مضى على هذا التاريخ:" in html


def test_an_untranslated_field_saved_empty_is_not_a_change(client, editor):
    """Imported rows hold NULL where the English is missing; the admin saves "" there."""
    with create_revision():
        imported = make_article(title="مقال مستورد", body="<p>نص.</p>", published=False)
    assert imported.summary_en is None
    save(client, imported, title_ar="مقال مستورد ثم عُدّل")
    first, second = versions(imported)

    assert headings(compare(client, imported, first, second)) == ["العنوان (العربية)"]
