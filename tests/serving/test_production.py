"""One production server behind a TLS-terminating proxy: HTTPS, cookies, static files, health.

The proxy is played by the test: it talks plain HTTP to gunicorn and says
``X-Forwarded-Proto: https`` for requests that reached it over HTTPS.
"""

import gzip
import re
import socket

import pytest

from tests.helpers.serving import Browser


@pytest.fixture
def server(site_env, start_server):
    (server,) = start_server.ready(start_server(site_env, workers=1))
    return server


def test_https_through_the_proxy_is_served_and_plain_http_is_redirected(server):
    browser = Browser()

    served = browser.get(server, "/")
    assert served.status == 200
    assert "max-age=" in served.header("Strict-Transport-Security")

    redirected = browser.get(server, "/section/x/?page=2", https=False)
    assert redirected.status == 301
    assert redirected.header("Location") == f"https://127.0.0.1:{server.port}/section/x/?page=2"


def test_cookies_are_secure(server):
    login = Browser().get(server, "/admin/login/")

    assert login.status == 200
    cookies = login.set_cookies()
    assert any(cookie.startswith("csrftoken=") for cookie in cookies)
    assert all("Secure" in cookie for cookie in cookies)


def test_healthz_over_plain_http_is_not_redirected_nor_cached(server):
    health = Browser().get(server, "/healthz", https=False)

    assert health.status == 200
    assert health.text == '{"status": "ok"}'
    assert "no-store" in health.header("Cache-Control")
    assert not health.set_cookies()


def test_healthz_answers_503_when_the_database_is_gone(site_env, start_server):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    env = site_env | {"DATABASE_URL": f"postgres://nobody:nothing@127.0.0.1:{closed}/gone"}
    (server,) = start_server.ready(start_server(env, workers=1))

    health = Browser().get(server, "/healthz", https=False)

    assert health.status == 503
    assert health.text == '{"status": "unavailable"}'
    assert "no-store" in health.header("Cache-Control")


def test_static_files_are_hashed_compressed_and_cached_for_good(server):
    browser = Browser()
    page = browser.get(server, "/").text
    stylesheet = re.search(r'rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links the hashed stylesheet"

    plain = browser.get(server, stylesheet.group(1))
    assert plain.status == 200
    assert plain.header("Content-Type").startswith("text/css")
    assert plain.header("Cache-Control") == "max-age=315360000, public, immutable"

    compressed = browser.get(server, stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert compressed.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in compressed.header("Vary")
    assert gzip.decompress(compressed.body) == plain.body

    # The unhashed name still answers, but only for a minute: it may change.
    unhashed = browser.get(server, "/static/css/site.css")
    assert unhashed.status == 200
    assert unhashed.header("Cache-Control") == "max-age=60, public"
