"""Failed logins behind the TLS-terminating proxy: counted against the client, not the proxy.

Every request reaches the app from the proxy's address (``REMOTE_ADDR``); the proxy appends
the address it saw to ``X-Forwarded-For``. Only a proxy in ``FORWARDED_ALLOW_IPS``
(default loopback) is believed, and only for what it appended: whatever stands to its left
was written by the client.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.helpers.admin import EDITORS, member_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-correct-password-1"
PROXY = "127.0.0.1"
ATTACKER, EDITOR = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def account():
    """The editor whose password is guessed; they log in through the form, with a password."""
    user = member_of(EDITORS, "editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, password, *, remote_addr=PROXY, forwarded_for=None, username="editor"):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote_addr,
        **headers,
    )


def test_an_attacker_behind_the_proxy_locks_only_themselves(account):
    attacker, editor = Client(), Client()
    # The attacker writes the editor's address in their own header; the proxy appends theirs.
    forwarded_for = f"{EDITOR}, {ATTACKER}"
    for _ in range(4):
        assert log_in(attacker, "wrong-password", forwarded_for=forwarded_for).status_code == 200
    assert log_in(attacker, "wrong-password", forwarded_for=forwarded_for).status_code == 429

    refused = log_in(attacker, PASSWORD, forwarded_for=forwarded_for)
    assert refused.status_code == 429
    assert "محاولات فاشلة كثيرة" in refused.content.decode()

    assert log_in(editor, PASSWORD, forwarded_for=EDITOR).status_code == 302
    assert editor.session["_auth_user_id"] == str(account.pk)


def test_a_client_that_is_not_a_proxy_cannot_choose_its_address(account):
    client = Client()
    # A new address in the header for each guess: the guesses add up all the same.
    for i in range(5):
        log_in(client, "wrong-password", remote_addr=ATTACKER, forwarded_for=f"192.0.2.{i + 1}")

    refused = log_in(client, PASSWORD, remote_addr=ATTACKER, forwarded_for="192.0.2.99")
    assert refused.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_several_proxies_the_first_untrusted_hop_from_the_right_counts(account, settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/8"]
    # The CDN (10.0.0.5) appended the attacker's address, the load balancer (10.0.0.6) the CDN's.
    log_in(
        Client(),
        "wrong-password",
        remote_addr="10.0.0.6",
        forwarded_for=f"{EDITOR}, {ATTACKER}, 10.0.0.5",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
