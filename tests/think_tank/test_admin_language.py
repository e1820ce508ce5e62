"""The admin in English for an editor who chooses it; Arabic for everyone else."""

import json

import pytest
from django.urls import reverse

from tests.helpers.html import HtmlPage

pytestmark = pytest.mark.django_db

# The rich-text editor's "Heading 2" in Arabic, as the JavaScript catalogue writes it.
HEADING = json.dumps("عنوان 2")[1:-1]


def test_an_editor_switches_the_admin_to_english_and_back(superuser_client, client):
    dashboard = HtmlPage(superuser_client.get(reverse("admin:index")))
    assert dashboard.find("html").get("lang") == "ar"
    assert HEADING in superuser_client.get("/admin/jsi18n/").content.decode()
    (switch,) = dashboard.find_all("button", within=dashboard.find("form", class_="admin-language"))
    assert (switch.text, switch.get("lang"), switch.get("dir")) == ("English", "en", "ltr")

    response = superuser_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("admin:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")

    english = HtmlPage(superuser_client.get(reverse("admin:index")))
    assert (english.find("html").get("lang"), english.find("html").get("dir")) == ("en", "ltr")
    assert "Editorial dashboard" in english.html
    form = english.find("form", class_="admin-language")
    assert english.find("button", within=form).text == "العربية"
    # The article form's words are English too (the JS catalogue included).
    add = superuser_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Publication" in add and "النشر" not in add
    assert HEADING not in superuser_client.get("/admin/jsi18n/").content.decode()

    # The reader's site keeps its own language, whatever the cookie says.
    client.cookies["django_language"] = "en"
    home = HtmlPage(client.get("/"))
    assert home.find("html").get("lang") == "ar"
