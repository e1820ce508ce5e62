"""«استيراد من Word» in Chromium: a .docx picked in the file input becomes a draft."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article
from tests.helpers.factories import make_section

pytestmark = pytest.mark.django_db(transaction=True)

USERNAME, PASSWORD = "importer", "importer-password-for-the-test"
DOCX = Path(__file__).resolve().parent.parent / "fixtures" / "docx" / "paper-libreoffice.ar.docx"
# Set to a folder to keep screenshots of the form and of the draft's preview.
SHOTS = os.environ.get("WORD_IMPORT_SCREENSHOTS")


def test_upload_a_word_document_in_chromium(live_server, new_page):
    get_user_model().objects.create_superuser(USERNAME, "importer@example.org", PASSWORD)
    make_section(name_ar="تقدير موقف", slug="papers")
    page = new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    page.click("text=استيراد من Word")
    page.wait_for_url("**" + reverse("admin:articles_article_import_word"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.set_input_files("#id_document", str(DOCX))
    # The first section is chosen already.
    assert "تقدير موقف" in page.locator(".field-section").inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/word-import-form.png", full_page=True)
    page.click("input[name=_import]")

    page.wait_for_url("**/change/")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert "استورد مسودةً بـ3 مراجع." in page.locator(".messagelist").inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/word-import-done.png", full_page=True)
        page.goto(live_server.url + article.get_absolute_url())
        page.wait_for_load_state("load")
        page.screenshot(path=f"{SHOTS}/word-import-preview.png", full_page=True)
