"""The few private hooks of Django and taggit the project overrides, checked for real.

Each is used only where no public hook exists (see the comments at the overrides).
If an upgrade renames one or stops calling it, the override silently stops working;
these tests fail instead, naming what to look at.
"""

import inspect

import pytest
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.test import RequestFactory
from taggit.managers import _TaggableManager

from articles.models import Tag
from articles.sitemaps import ArticleSitemap
from articles.tagging import BilingualTagManager
from tests.helpers.factories import make_article

pytestmark = pytest.mark.django_db


def test_django_sitemaps_still_page_through_items_and_locate_through_location(monkeypatch):
    """Checked against Django 5.2: Sitemap.paginator reads _items(), _urls calls _location()."""
    assert list(inspect.signature(Sitemap._items).parameters) == ["self"]
    assert list(inspect.signature(Sitemap._location).parameters) == [
        "self",
        "item",
        "force_lang_code",
    ]
    make_article(title="مقال في خريطة الموقع")
    calls = []
    items, location = ArticleSitemap._items, ArticleSitemap._location

    def spy_items(self):
        calls.append("_items")
        return items(self)

    def spy_location(self, item, force_lang_code=None):
        calls.append("_location")
        return location(self, item, force_lang_code)

    monkeypatch.setattr(ArticleSitemap, "_items", spy_items)
    monkeypatch.setattr(ArticleSitemap, "_location", spy_location)

    site = RequestSite(RequestFactory().get("/"))
    urls = ArticleSitemap().get_urls(site=site, protocol="https")

    assert urls and "_items" in calls and "_location" in calls


def test_taggit_still_turns_names_into_tags_through_to_tag_model_instances():
    """Checked against django-taggit 6.1: add() resolves names in _to_tag_model_instances."""
    assert issubclass(BilingualTagManager, _TaggableManager)
    assert list(inspect.signature(_TaggableManager._to_tag_model_instances).parameters) == [
        "self",
        "tags",
        "tag_kwargs",
    ]
    existing = Tag.objects.create(name_ar="سورية", name_en="Syria")
    article = make_article()

    article.tags.add("Syria")  # the English name finds the tag, no duplicate is made

    assert list(article.tags.all()) == [existing]
    assert Tag.objects.count() == 1
