"""Security headers: the Content-Security-Policy on every kind of page, and production's.

Public pages are cached whole, headers included, so their policy may not depend on
the request: no nonce, and nothing inline for it to allow. The admin's article form
has the one inline script (the editor's import map), allowed by the request's nonce.
"""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import django_prose_editor
import pytest
import reversion_compare
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tests.helpers.factories import make_article, make_author, make_section, make_tag

ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class Markup(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script>."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._script = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = [attrs, ""]
            self.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


@pytest.fixture
def site(db):
    """An article in both languages, with an author, a tag and a section."""
    section = make_section(name="تقدير موقف", name_en="Situation assessment")
    author = make_author(name="سارة الأحمد", name_en="Sara Al-Ahmad")
    tag = make_tag(name_ar="التحالف الدولي", name_en="International coalition")
    article = make_article(
        title="سورية والتحالف الدولي",
        title_en="Syria and the coalition",
        slug_en="syria-and-the-coalition",
        body_en="<p>English text[1].</p>",
        section=section,
        authors=[author],
        tags=[tag],
    )
    return article


def public_paths(article):
    paths = []
    for language in ("ar", "en"):
        with translation.override(language):
            paths += [
                reverse("articles:home"),
                article.get_absolute_url(),
                article.section.get_absolute_url(),
                article.tags.get().get_absolute_url(),
                article.authors.get().get_absolute_url(),
                reverse("articles:archive"),
                reverse("articles:search") + "?q=" + ("سورية" if language == "ar" else "Syria"),
                reverse("articles:feed"),
                reverse("articles:feed_atom"),
            ]
    return [*paths, "/sitemap.xml", "/robots.txt", "/no-such-page/"]


def test_public_pages_have_the_policy_and_no_nonce(client, site):
    headers = set()
    for path in public_paths(site):
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page/" else 200), path
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], path
        assert "nonce-" not in response.headers["Content-Security-Policy"], path
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]
        headers.add(json.dumps(directives, sort_keys=True))
    # The same policy for every page and every reader: whole responses may be cached.
    assert len(headers) == 1


def test_every_script_on_public_pages_is_a_file_from_this_site_or_data(client, site):
    for path in public_paths(site):
        response = client.get(path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        markup = Markup(response.content.decode())
        for attrs, text in markup.scripts:
            if attrs.get("type") == "application/ld+json":
                json.loads(text)  # a data block, never run
            else:
                assert attrs.get("src", "").startswith("/static/"), (path, attrs)
                assert not text.strip(), (path, attrs)
        for tag, attrs in markup.tags:
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            assert "style" not in attrs, (path, tag, attrs)
            for name in ("href", "src", "action"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:"), (path, tag)


def test_the_article_page_has_its_json_ld_data_block(client, site):
    markup = Markup(client.get(site.get_absolute_url()).content.decode())
    blocks = [text for attrs, text in markup.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    assert json.loads(blocks[0])["headline"] == "سورية والتحالف الدولي"


def test_other_security_headers_on_public_pages(client, site):
    response = client.get(site.get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "browsing-topics=()"):
        assert feature in permissions
    assert "clipboard-write=(self)" in permissions  # share.js copies the link


def test_the_article_form_s_import_map_carries_the_header_s_nonce(superuser_client, site):
    for url in (
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[site.pk]),
    ):
        response = superuser_client.get(url)
        assert response.status_code == 200
        script_src = policy(response)["script-src"]
        assert "'unsafe-inline'" not in script_src
        nonces = [s for s in script_src if s.startswith("'nonce-")]
        assert len(nonces) == 1, script_src
        markup = Markup(response.content.decode())
        importmaps = [attrs for attrs, _ in markup.scripts if attrs.get("type") == "importmap"]
        assert len(importmaps) == 1
        assert f"'nonce-{importmaps[0]['nonce']}'" == nonces[0]
        # Every other inline script would be refused: there is none.
        for attrs, text in markup.scripts:
            assert attrs.get("src") or attrs.get("type") == "importmap", attrs
            if attrs.get("src"):
                assert not text.strip()


def test_a_fresh_nonce_for_every_request(superuser_client, site):
    url = reverse("admin:articles_article_change", args=[site.pk])
    first, second = (policy(superuser_client.get(url))["script-src"] for _ in range(2))
    assert first != second


def test_admin_pages_without_an_inline_script_get_no_nonce(superuser_client, site):
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_history", args=[site.pk]),
        reverse("admin:authors_author_add"),
    ):
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        assert policy(response)["script-src"] == ["'self'"], url


def test_the_login_page_has_the_policy(client, db):
    response = client.get(reverse("admin:login"))
    assert policy(response)["script-src"] == ["'self'"]


def test_the_editor_style_hash_matches_the_installed_editor(settings):
    """Tiptap's base stylesheet, injected as a <style> element, is allowed by its hash."""
    editor_js = (
        Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    ).read_text()
    found = re.findall(r"`(\.ProseMirror \{.*?)`", editor_js, flags=re.DOTALL)
    assert len(found) == 1, "django-prose-editor changed: look for Tiptap's injected CSS"
    digest = base64.b64encode(hashlib.sha256(found[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.PROSE_EDITOR_STYLE_HASH
    assert (
        settings.PROSE_EDITOR_STYLE_HASH
        in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    )


def test_the_history_style_attribute_hash_matches_reversion_compare(settings):
    template = (
        Path(reversion_compare.__file__).parent
        / "templates/reversion-compare/action_list_partial.html"
    ).read_text()
    assert re.findall(r'style="([^"]*)"', template) == ["visibility:hidden"]
    digest = base64.b64encode(hashlib.sha256(b"visibility:hidden").digest()).decode()
    assert f"'sha256-{digest}'" == settings.HISTORY_STYLE_ATTRIBUTE_HASH


# --- Production ---------------------------------------------------------------

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x1Y2z3" * 8,
    "DJANGO_ALLOWED_HOSTS": "example.org",
}
SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
]


def settings_in_a_fresh_process(**env):
    """The security settings as ``think_tank.settings`` computes them from ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {SECURITY_SETTINGS!r}}} "
        "| {'CSP': repr(s.CONTENT_SECURITY_POLICY)}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return settings_in_a_fresh_process(**PRODUCTION)


def test_production_uses_the_same_policy_as_development(production):
    assert production.pop("CSP") == settings_in_a_fresh_process()["CSP"]


def test_production_sends_hsts_and_secure_cookies(client, settings, site, production):
    """Production's own values, applied to a request here as a proxy would send it."""
    production = dict(production)
    del production["CSP"]
    production["SECURE_PROXY_SSL_HEADER"] = tuple(production["SECURE_PROXY_SSL_HEADER"])
    for name, value in production.items():
        setattr(settings, name, value)
    assert settings.SECURE_SSL_REDIRECT
    assert settings.SECURE_HSTS_SECONDS >= 60 * 60 * 24 * 365

    plain = client.get(site.get_absolute_url())
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")

    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    response = client.get(site.get_absolute_url(), **https)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        f"max-age={settings.SECURE_HSTS_SECONDS}; includeSubDomains; preload"
    )
    assert policy(response)["script-src"] == ["'self'"]

    login = client.get(reverse("admin:login"), **https)
    assert login.cookies["csrftoken"]["secure"]
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x" * 20)
    client.force_login(user)
    assert client.cookies["sessionid"]["secure"]
