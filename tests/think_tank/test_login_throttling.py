"""Guessing passwords at the admin's door: refused after five tries, even the right one."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-correct-password-1"


@pytest.fixture
def account():
    """The account whose password is guessed: it logs in with a real password, through the
    login form, so it is not ``tests/conftest.py``'s ``editor`` (logged in without one)."""
    return get_user_model().objects.create_superuser("editor", password=PASSWORD)


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
