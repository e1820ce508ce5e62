"""``/healthz``: what a load balancer asks before sending readers to this app server."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_200_with_one_query_and_is_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert len(response.content) < 100


@pytest.mark.django_db
def test_healthz_is_outside_the_language_prefixes(client):
    assert client.get("/en/healthz").status_code == 404


@pytest.mark.django_db
def test_healthz_only_answers_reads(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def closed_port():
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    "database_url",
    [
        lambda tmp_path: f"postgres://nobody:nothing@127.0.0.1:{closed_port()}/gone",
        lambda tmp_path: f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}",
    ],
    ids=["postgresql-port-closed", "sqlite-file-unreachable"],
)
def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path, database_url):
    # A process of its own, whose database really is not there: nothing is mocked.
    code = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); "
        "print(json.dumps([r.status_code, r.json(), r['Cache-Control']]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "think_tank.settings",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url(tmp_path),
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    status, body, cache_control = json.loads(result.stdout.splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable"}
    assert "no-store" in cache_control


@pytest.mark.django_db
def test_the_deep_check_names_each_dependency_and_a_dead_cache_is_not_the_sites(client, settings):
    assert client.get("/healthz?deep=1").json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
    }
    # A Redis nothing listens on: the site still serves, the operator is told.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = client.get("/healthz?deep=1")
    assert response.status_code == 200
    assert response.json()["cache"] == "unavailable"
    assert client.get("/healthz").json() == {"status": "ok"}


def test_pages_answer_503_with_retry_after_when_the_database_is_unreachable(tmp_path):
    """Not a 500 with a traceback: the site's own page and the security headers (an
    editor's save meeting it: tests/serving/test_faults.py)."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        # Production settings without collected static files: names as they are.
        "settings.STORAGES = {**settings.STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}; "
        "from django.test import Client; c = Client(raise_request_exception=False); "
        "r = c.get('/archive/'); "
        "print(json.dumps([r.status_code, r.get('Retry-After'), r.get('X-Frame-Options'), "
        "r.content.decode()]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "think_tank.settings",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"postgres://nobody:nothing@127.0.0.1:{closed_port()}/gone",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "DJANGO_LOG_LEVEL": "CRITICAL",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-secret-for-this-process-only-" + "x" * 30,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    status, retry_after, frame_options, page = json.loads(result.stdout.splitlines()[-1])
    assert (status, retry_after, frame_options) == (503, "30", "DENY")
    assert "غير متاح مؤقتاً" in page and "Traceback" not in page
