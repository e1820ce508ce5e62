"""Two editors on one article: the second save is refused, explained, and nothing is lost."""

import sqlite3
import threading
from contextlib import closing
from unittest import mock

import pytest
from django.db import connection, connections
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.revisions.locking import VersionedArticleForm
from tests.helpers.admin import article_form, browser_form, editor_client, with_rows
from tests.helpers.factories import make_author, make_section

CONFLICT = "بعد أن فتحتَه"  # «… saved this article after you opened it»


def new_article(client):
    data = article_form(make_section(), title_ar="العنوان الأصلي")
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    return Article.objects.get()


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.django_db
class TestTwoEditors:
    def test_the_second_save_is_refused_with_what_changed(self):
        huda, omar = editor_client("هدى"), editor_client("عمر")
        article = new_article(huda)
        huda_form = browser_form(huda.get(change_url(article)))
        omar_form = browser_form(omar.get(change_url(article)))

        huda_form["title_ar"] = "عنوان هدى"
        assert huda.post(change_url(article), huda_form).status_code == 302
        omar_form["summary_ar"] = "ملخص عمر الجديد"
        response = omar.post(change_url(article), omar_form)

        html = response.content.decode()
        assert response.status_code == 200
        assert CONFLICT in html and "هدى" in html
        assert "عنوان هدى" in html  # her value, in the message
        assert "/history/compare/?version_id1=" in html
        # Omar's input is still in the form; Huda's save is still in the database.
        assert "ملخص عمر الجديد" in html
        stored = Article.objects.get()
        assert stored.title_ar == "عنوان هدى" and stored.summary_ar == "ملخص المقال."

        # Having read the message, Omar saves again on purpose: now it goes through.
        again = browser_form(response)
        assert omar.post(change_url(article), again).status_code == 302
        assert Article.objects.get().summary_ar == "ملخص عمر الجديد"

    def test_the_comparison_linked_from_the_message_shows_the_other_editors_change(self):
        huda, omar = editor_client("هدى"), editor_client("عمر")
        article = new_article(huda)
        omar_form = browser_form(omar.get(change_url(article)))
        huda_form = browser_form(huda.get(change_url(article)))
        assert huda.post(change_url(article), huda_form | {"title_ar": "عنوان هدى"}).status_code

        response = omar.post(change_url(article), omar_form)
        link = response.context["adminform"].form.non_field_errors()[0]
        url = link.split('href="')[1].split('"')[0].replace("&amp;", "&")

        html = omar.get(url).content.decode()
        assert "العنوان الأصلي" in html and "عنوان هدى" in html

    def test_a_save_that_changes_only_the_authors_still_counts(self):
        huda, omar = editor_client("هدى"), editor_client("عمر")
        article = new_article(huda)
        huda_form = browser_form(huda.get(change_url(article)))
        omar_form = browser_form(omar.get(change_url(article)))

        huda_form = with_rows(
            huda_form, "authorships", [{"author": make_author().pk, "position": 1}]
        )
        assert huda.post(change_url(article), huda_form).status_code == 302
        response = omar.post(change_url(article), omar_form | {"title_ar": "عنوان عمر"})

        assert response.status_code == 200
        assert CONFLICT in response.content.decode()
        assert Article.objects.get().authors.count() == 1
        assert Article.objects.get().title_ar == "العنوان الأصلي"

    def test_one_editor_saving_twice_is_never_refused(self):
        huda = editor_client("هدى")
        article = new_article(huda)
        for title in ["أ", "ب", "ج"]:
            form = browser_form(huda.get(change_url(article)))
            assert huda.post(change_url(article), form | {"title_ar": title}).status_code == 302
        assert Article.objects.get().title_ar == "ج"
        assert Article.objects.get().edit_version == 3

    def test_losing_the_race_after_the_check_still_refuses(self):
        """The other save lands between this form's check and its write."""
        huda, omar = editor_client("هدى"), editor_client("عمر")
        article = new_article(huda)
        omar_form = browser_form(omar.get(change_url(article)))
        huda_form = browser_form(huda.get(change_url(article)))
        assert huda.post(change_url(article), huda_form | {"title_ar": "عنوان هدى"}).status_code

        real, checks = VersionedArticleForm.stored_version, []

        def first_check_misses_the_other_save(form):
            checks.append(form)
            return 0 if len(checks) == 1 else real(form)  # 0: the number Omar opened at

        with mock.patch.object(
            VersionedArticleForm, "stored_version", first_check_misses_the_other_save
        ):
            response = omar.post(change_url(article), omar_form | {"title_ar": "عنوان عمر"})

        assert response.status_code == 200
        assert CONFLICT in response.content.decode()
        assert "عنوان عمر" in response.content.decode()
        assert Article.objects.get().title_ar == "عنوان هدى"
        assert Article.objects.get().edit_version == 1


UNCHECKED = "لا يمكن التحقق"  # «… so it cannot be checked against other editors' saves»


@pytest.mark.django_db
class TestAFormWithoutItsVersion:
    """A change sent without the version its form was opened at is refused, never guessed."""

    @pytest.mark.parametrize("sent", [None, "", "abc", "-1", "1.5"])
    def test_it_is_refused_with_an_arabic_message_and_nothing_saved(self, sent):
        huda = editor_client("هدى")
        article = new_article(huda)
        form = browser_form(huda.get(change_url(article))) | {"title_ar": "عنوان هدى الجديد"}
        del form["seen_version"]
        if sent is not None:
            form["seen_version"] = sent

        response = huda.post(change_url(article), form)

        assert response.status_code == 200
        html = response.content.decode()
        errors = response.context["adminform"].form.non_field_errors()
        assert len(errors) == 1 and UNCHECKED in errors[0]
        assert UNCHECKED in html and "لم يُحفظ شيء" in html
        # Where the saved article differs from the form: her new title is not saved yet.
        assert "العنوان الأصلي" in errors[0]
        assert "عنوان هدى الجديد" in html  # her text is still in the form
        stored = Article.objects.get()
        assert stored.title_ar == "العنوان الأصلي" and stored.edit_version == 0
        assert Version.objects.get_for_object(stored).count() == 1  # no revision either

        # Having read the message, she saves the form shown again: now it is checked, and goes.
        again = browser_form(response)
        assert again["seen_version"] == "0"
        assert huda.post(change_url(article), again).status_code == 302
        assert Article.objects.get().title_ar == "عنوان هدى الجديد"

    def test_it_does_not_overwrite_another_editors_save(self):
        huda, omar = editor_client("هدى"), editor_client("عمر")
        article = new_article(huda)
        omar_form = browser_form(omar.get(change_url(article)))
        huda_form = browser_form(huda.get(change_url(article)))
        assert huda.post(change_url(article), huda_form | {"title_ar": "عنوان هدى"}).status_code
        del omar_form["seen_version"]

        response = omar.post(change_url(article), omar_form | {"summary_ar": "ملخص عمر"})

        assert response.status_code == 200
        assert "عنوان هدى" in response.context["adminform"].form.non_field_errors()[0]
        stored = Article.objects.get()
        assert stored.title_ar == "عنوان هدى" and stored.summary_ar == "ملخص المقال."

    def test_a_restore_without_it_is_refused(self):
        huda = editor_client("هدى")
        article = new_article(huda)
        form = browser_form(huda.get(change_url(article)))
        assert huda.post(change_url(article), form | {"title_ar": "عنوان ثان"}).status_code
        first = Version.objects.get_for_object(article).order_by("pk").first()
        url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
        form = browser_form(huda.get(url))
        del form["seen_version"]

        response = huda.post(url, form)

        assert response.status_code == 200
        assert UNCHECKED in response.content.decode()
        assert Article.objects.get().title_ar == "عنوان ثان"
        assert Version.objects.get_for_object(article).count() == 2

    def test_a_new_article_needs_none(self):
        huda = editor_client("هدى")
        data = article_form(make_section(), title_ar="مقال جديد")
        assert "seen_version" not in data

        assert huda.post(reverse("admin:articles_article_add"), data).status_code == 302


@pytest.fixture
def concurrent_database(transactional_db, tmp_path):
    """The test database, one that several threads can write to at once.

    PostgreSQL: the test database itself. SQLite: pytest-django's test database lives in
    memory with a shared cache, where a second writer fails at once ("database table is
    locked") instead of waiting its turn. So on SQLite the test runs on a copy of it in a
    file, as a site on SQLite runs: every transaction begins IMMEDIATE and a second writer
    waits for the first (DATABASES' OPTIONS in settings.py). Each thread opens its own
    connection to that file; the in-memory database is put back afterwards, untouched (its
    connection is kept open meanwhile: closing it would drop the database).
    """
    if connection.vendor != "sqlite":
        yield
        return
    in_memory = connections["default"]
    settings_dict = connections.settings["default"]
    copy = tmp_path / "concurrent.sqlite3"
    in_memory.ensure_connection()
    with closing(sqlite3.connect(copy)) as on_disk:
        in_memory.connection.backup(on_disk)
    on_file = {**settings_dict, "NAME": str(copy)}
    connections.settings["default"] = on_file  # where new threads connect
    connections["default"] = type(in_memory)(on_file, "default")  # this thread
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = in_memory
        connections.settings["default"] = settings_dict


@pytest.mark.django_db(transaction=True)
def test_two_editors_racing_many_times(concurrent_database):
    huda, omar = editor_client("هدى"), editor_client("عمر")
    article = new_article(huda)

    for round_ in range(25):
        forms = {
            name: browser_form(client.get(change_url(article)))
            for name, client in (("هدى", huda), ("عمر", omar))
        }
        barrier = threading.Barrier(2)
        results = {}

        def save(name, client, title, barrier=barrier, forms=forms, results=results):
            try:
                barrier.wait()
                response = client.post(change_url(article), forms[name] | {"title_ar": title})
                results[name] = (response.status_code, response.content.decode(), title)
            except Exception as error:  # e.g. "database is locked": named in the failure
                results[name] = (500, repr(error), title)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=save, args=(name, client, f"{name} {round_}"))
            for name, client in (("هدى", huda), ("عمر", omar))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        codes = sorted(code for code, _html, _title in results.values())
        assert codes == [200, 302], {
            name: html if code == 500 else code for name, (code, html, _title) in results.items()
        }
        winner = next(title for code, _html, title in results.values() if code == 302)
        loser_html, loser_title = next(
            (html, title) for code, html, title in results.values() if code == 200
        )
        assert CONFLICT in loser_html and loser_title in loser_html
        assert Article.objects.get().title_ar == winner
        assert Article.objects.get().edit_version == round_ + 1
