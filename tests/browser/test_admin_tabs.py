"""The admin's language tabs in Chromium: each language by its own name."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

USERNAME, PASSWORD = "tabs", "tabs-password-for-the-test"


def test_language_tabs_carry_each_languages_own_name(live_server, new_page):
    get_user_model().objects.create_superuser(USERNAME, "tabs@example.org", PASSWORD)
    page = new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form [type=submit]")
    page.wait_for_url("**" + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.wait_for_load_state("load")

    tabs = page.locator(".ui-tabs-nav a[href^='#tab_id_title']")
    # The tabs are named by script once the page has loaded: wait for it, not for a time.
    expect(tabs).to_have_text(["العربية", "English"])
    assert [tabs.nth(i).get_attribute("dir") for i in range(2)] == ["rtl", "ltr"]
    switch = page.locator("#modeltranslation-main-switch option")
    expect(switch).to_have_text(["العربية", "English"])
