import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation

from tests.helpers.admin import EDITORS, WRITERS, logged_in, member_of


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """MD5 instead of PBKDF2: every ``create_user`` and every login hashes a password, and
    PBKDF2 is slow on purpose. No test is about the hasher; production's is unchanged
    (tests/serving's gunicorn processes read the real settings). ``override_settings``,
    not an assignment, so Django's cached list of hashers is dropped too."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def arabic():
    """Code outside a request runs in Arabic, the default language, as in production."""
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database it saw before is rolled back."""
    cache.clear()
    yield
    cache.clear()


# --- Who is logged in -----------------------------------------------------------------
# The groups and their permissions are those migration 0005_editorial_groups creates.


@pytest.fixture
def writer(db, client):
    """A member of الكتّاب named "writer", logged in with ``client``."""
    user = member_of(WRITERS, "writer")
    client.force_login(user)
    return user


@pytest.fixture
def editor(db, client):
    """A member of المحررون named "editor", logged in with ``client``."""
    user = member_of(EDITORS, "editor")
    client.force_login(user)
    return user


@pytest.fixture
def superuser_client(db):
    """A browser of its own, logged in as a superuser (who may do everything in the admin).

    Not pytest-django's ``admin_client``: that one logs ``client`` in, and tests hold an
    anonymous ``client`` beside this one to read the public site as a reader does.
    """
    return logged_in(get_user_model().objects.create_superuser("chief", password=None))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (CI=true) nothing may be skipped: a skip there is a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, and CI=true allows no skip: {report.longrepr}"
