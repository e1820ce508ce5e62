"""Two app servers sharing one database and one Redis behave as one site.

Servers A and B are separate gunicorn processes with two workers each, production
settings and ``CACHE_URL`` pointing at a redis-server started for the test. An editor
logs in through A and is still logged in through B; an article saved through A's admin
is what B serves on the very next request, although B had the page before the change.
"""

import re
import secrets

import pytest

from tests.helpers.html import form_fields
from tests.helpers.serving import Browser, make_content

PASSWORD = secrets.token_urlsafe(16)
# One shell for all of it: each process start costs seconds on a busy machine.
CONTENT = """
import json, os
from django.contrib.auth.models import User
from tests.helpers.factories import make_article, make_author, make_reference, make_tag
User.objects.create_superuser("editor", "editor@example.org", os.environ["EDITOR_PASSWORD"])
article = make_article(
    title="عنوان قبل التعديل", authors=[make_author(name="كاتبة الاختبار")],
    tags=[make_tag(name="خوادم")],
)
make_reference(article, 1)
print(json.dumps({"id": article.pk, "url": article.get_absolute_url()}))
"""


@pytest.fixture
def shared_env(site_env, redis_url):
    """Every process on the one database and the one Redis."""
    return site_env | {"CACHE_URL": redis_url}


@pytest.fixture
def article(shared_env):
    """A published article and an editor who may change it, made before the servers start."""
    return make_content(shared_env | {"EDITOR_PASSWORD": PASSWORD}, CONTENT)


@pytest.fixture
def servers(shared_env, article, start_server):
    a, b = start_server(shared_env), start_server(shared_env)
    return start_server.ready(a, b)


def heading(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.text, re.DOTALL)
    assert match, response.text[:2000]
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def log_in(browser, server):
    page = browser.get(server, "/admin/login/?next=/admin/")
    assert page.status == 200
    fields = dict(form_fields(page.text, "login-form"))
    fields |= {"username": "editor", "password": PASSWORD}
    response = browser.post(server, "/admin/login/?next=/admin/", fields)
    assert response.status == 302, response.text[:3000]
    assert response.header("Location") == "/admin/"
    return response


def test_a_change_saved_through_one_server_is_served_by_the_other(servers, article):
    a, b = servers
    reader, editor = Browser(), Browser()

    # Both servers have the page, B twice: whatever B keeps, it keeps it now.
    for server in (a, b, b):
        page = reader.get(server, article["url"])
        assert page.status == 200, page.text[:2000]
        assert heading(page) == "عنوان قبل التعديل"

    # Logged in through A, the session works through B: it lives in the shared database.
    login = log_in(editor, a)
    session_cookie = next(c for c in login.set_cookies() if c.startswith("sessionid="))
    assert "Secure" in session_cookie
    assert "HttpOnly" in session_cookie
    dashboard = editor.get(b, "/admin/")
    assert dashboard.status == 200
    assert "editor" in dashboard.text

    # The editor changes the title in A's admin, posting the whole form as a browser does.
    change = f"/admin/articles/article/{article['id']}/change/"
    form = editor.get(a, change)
    assert form.status == 200
    fields = [
        (name, "عنوان بعد التعديل" if name == "title_ar" else value)
        for name, value in form_fields(form.text, "article_form")
    ]
    assert ("title_ar", "عنوان بعد التعديل") in fields
    saved = editor.post(a, change, [*fields, ("_save", "")])
    assert saved.status == 302, saved.text[:5000]

    # The next request to B, by a reader with no session, shows the change.
    page = reader.get(b, article["url"])
    assert page.status == 200
    assert heading(page) == "عنوان بعد التعديل"
    assert "عنوان قبل التعديل" not in page.text
    assert heading(reader.get(a, article["url"])) == "عنوان بعد التعديل"

    # Both servers stayed healthy, and answer the probe over plain HTTP.
    for server in (a, b):
        health = Browser().get(server, "/healthz", https=False)
        assert (health.status, health.text) == (200, '{"status": "ok"}')
