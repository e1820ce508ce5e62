"""A NUL character in a request, which PostgreSQL's text cannot hold: refused with a 400
wherever it would reach a query (the address, headers, cookies), on SQLite as on
PostgreSQL; in a form's field, refused by the form with a message on the field."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from articles.models import Article
from tests.helpers.admin import browser_form
from tests.helpers.factories import make_article, make_author, make_tag

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "الأحرف الخالية غير مسموح بها."


@pytest.fixture
def content():
    author = make_author(name="ريم الحسن")
    return make_article(
        title="الاقتصاد السوري",
        body="<p>نص المقال.</p>",
        authors=[author],
        tags=[make_tag(name="اقتصاد")],
    )


def autocomplete(model_name, field_name, term):
    query = f"app_label=articles&model_name={model_name}&field_name={field_name}"
    return f"/admin/autocomplete/?{query}&term={term}"


# Each address as the browser sends it, with "{}" where the text typed goes.
ADMIN_ADDRESSES = {
    "autocomplete of a section": autocomplete("article", "section", "{}"),
    "autocomplete of an author": autocomplete("authorship", "author", "{}"),
    "autocomplete of a read-also article": autocomplete("readalso", "target", "{}"),
    "search of the articles": "/admin/articles/article/?q={}",
    "search of the tags": "/admin/articles/tag/?q={}",
    "search of the authors": "/admin/authors/author/?q={}",
    "a filter's value": "/admin/articles/article/?status__exact={}",
}
PUBLIC_ADDRESSES = {
    "site search": "/search/?q={}",
    "English site search": "/en/search/?q={}",
    "a parameter's name": "/search/?q=economy&{}=1",
}


def cases(addresses):
    return pytest.mark.parametrize("address", list(addresses.values()), ids=list(addresses))


@cases(ADMIN_ADDRESSES)
def test_a_nul_typed_in_the_admin_is_a_bad_request(superuser_client, content, address):
    assert superuser_client.get(address.format("%D8%A7")).status_code == 200
    assert superuser_client.get(address.format("%D8%A7%00")).status_code == 400


@cases(PUBLIC_ADDRESSES)
def test_a_nul_in_the_sites_addresses_is_a_bad_request(client, content, address):
    assert client.get(address.format("economy")).status_code == 200
    refused = client.get(address.format("%00"))
    assert refused.status_code == 400
    # The site's own page, in its language: not Django's bare "Bad Request (400)".
    words = "Bad request" if address.startswith("/en/") else "طلب غير صالح"
    assert words in refused.content.decode()


def test_a_nul_in_a_path_is_a_bad_request(client, content):
    tag = content.tags.get()
    assert client.get(tag.get_absolute_url()).status_code == 200
    assert client.get(f"/tag/{quote(tag.slug)}%00/").status_code == 400


def test_a_session_cookie_with_a_nul_is_a_bad_request(client):
    # "\000" inside a quoted cookie is a NUL once the cookie is parsed: plain ASCII on
    # the wire, which every server passes on, looked up as a session key.
    cookie = 'sessionid="' + "\\000" * 32 + '"'
    assert client.get(reverse("admin:index"), HTTP_COOKIE=cookie).status_code == 400


def test_a_header_with_a_nul_is_a_bad_request(client):
    # django-axes stores the User-Agent of a failed login.
    response = client.post(
        reverse("admin:login"),
        {"username": "someone", "password": "wrong-password"},
        HTTP_USER_AGENT="Mozilla/5.0\x00",
    )
    assert response.status_code == 400


def test_a_nul_in_the_login_form_is_refused_by_the_form(client):
    response = client.post(
        reverse("admin:login"), {"username": "some\x00one", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert NUL_MESSAGE in response.content.decode()


def test_a_nul_in_an_article_form_is_refused_on_the_field(superuser_client, content):
    page = superuser_client.get(reverse("admin:articles_article_change", args=[content.pk]))
    data = browser_form(page) | {"title_ar": "الاقتصاد\x00 السوري", "tags": "اقتصاد\x00"}

    response = superuser_client.post(page.request["PATH_INFO"], data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["title_ar"] == [NUL_MESSAGE]
    assert errors["tags"] == [NUL_MESSAGE]
    assert Article.objects.get(pk=content.pk).title == "الاقتصاد السوري"
    # Refused for its NUL only: the form shown again, without it, is saved.
    data = browser_form(response) | {"title_ar": "الاقتصاد السوري اليوم", "tags": "اقتصاد"}
    assert superuser_client.post(page.request["PATH_INFO"], data).status_code == 302
    assert Article.objects.get(pk=content.pk).title == "الاقتصاد السوري اليوم"
