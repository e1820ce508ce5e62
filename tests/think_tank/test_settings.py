"""Settings as an operator meets them: a bare local start, and a production start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = manage("check", DJANGO_DEBUG="false", **env)

    assert result.returncode != 0
    assert f"need these variables: {missing}" in result.stderr


def test_production_starts_with_its_secrets():
    result = manage(
        "check",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-long-production-secret-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr


def test_no_variables_means_local_sqlite_in_arabic():
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.LANGUAGE_CODE, "
        "[c for c, _ in s.LANGUAGES], s.TIME_ZONE, s.USE_TZ, s.ALLOWED_HOSTS)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:7] == [
        "True",
        "django.db.backends.sqlite3",
        "ar",
        "['ar',",
        "'en']",
        "Asia/Damascus",
        "True",
    ]


def test_a_nonsense_debug_value_is_refused():
    result = manage("check", DJANGO_DEBUG="perhaps")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x1Y2z3" * 8,
        DJANGO_ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
