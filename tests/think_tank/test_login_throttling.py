"""Logging in at the admin's door: guesses refused after five tries for one username from
one address (even the right password), and after more across usernames from one address;
a login lands on the admin, wherever ``next`` pointed."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.helpers.admin import EDITORS, member_of
from tests.helpers.html import HtmlPage, form_fields

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-correct-password-1"


@pytest.fixture
def account():
    """The account whose password is guessed: it logs in with a real password, through the
    login form, so it is not ``tests/conftest.py``'s ``editor`` (logged in without one)."""
    user = member_of(EDITORS, "editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, password, username="editor", address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail_five_times(client, **kwargs):
    for _ in range(5):
        response = log_in(client, "wrong-password", **kwargs)
        assert response.status_code in (200, 429)


def test_the_right_password_works(client, account):
    assert log_in(client, PASSWORD).status_code == 302


def test_four_failures_do_not_lock(client, account):
    for _ in range(4):
        log_in(client, "wrong-password")

    assert log_in(client, PASSWORD).status_code == 302


def test_after_five_failures_even_the_right_password_is_refused(client, account):
    fail_five_times(client)

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "محاولات فاشلة كثيرة" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_username_from_that_address(client, account):
    get_user_model().objects.create_superuser("other", password=PASSWORD)
    fail_five_times(client)

    assert log_in(client, PASSWORD, address="198.51.100.9").status_code == 302
    client.logout()
    assert log_in(client, PASSWORD, username="other").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, account, settings):
    fail_five_times(client)
    assert log_in(client, PASSWORD).status_code == 429

    later = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=later)

    assert log_in(client, PASSWORD).status_code == 302


def test_an_address_guessing_across_usernames_is_refused_after_its_own_limit(
    client, account, settings
):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.LOGIN_USERNAME_FAILURE_LIMIT
    for i in range(limit - 1):
        assert log_in(client, "wrong-password", username=f"guess-{i}").status_code == 200
    assert log_in(client, "wrong-password", username="guess-last").status_code == 429

    refused = log_in(client, PASSWORD)
    assert refused.status_code == 429
    assert "محاولات فاشلة كثيرة" in refused.content.decode()
    assert log_in(Client(), PASSWORD, address="198.51.100.9").status_code == 302


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", None])
def test_a_login_with_an_unsafe_or_no_next_lands_on_the_admin(client, account, next_url):
    page = client.get(reverse("admin:login"), {"next": next_url} if next_url else {})
    form = dict(form_fields(page.content.decode(), "login-form"))
    form |= {"username": "editor", "password": PASSWORD}
    if next_url is None:
        # The page fills in the admin itself; a post without it (a script, a password
        # manager) is left to LOGIN_REDIRECT_URL.
        del form["next"]

    response = client.post(HtmlPage(page).find("form", id="login-form").get("action"), form)

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.get(response.url).status_code == 200
