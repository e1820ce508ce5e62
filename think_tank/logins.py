"""Who is trying to log in, as django-axes counts their failures (settings, "Login throttling")."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request):
    """``AXES_CLIENT_IP_CALLABLE``: the socket's address, unless that is a proxy trusted in
    ``FORWARDED_ALLOW_IPS`` (as gunicorn trusts it); then the right-most address in
    X-Forwarded-For that is not such a proxy. Each proxy appends the address it saw, so
    whatever stands to the left of that was written by the client and proves nothing.

    ``*`` trusts any socket, as in gunicorn, but no address named in the header.
    """
    trusted = settings.FORWARDED_ALLOW_IPS
    networks = [ipaddress.ip_network(item) for item in trusted if item != "*"]

    def is_proxy(address):
        return any(address in network for network in networks)

    remote_addr = request.META.get("REMOTE_ADDR")
    peer = _address(remote_addr or "")
    if "*" not in trusted and not (peer and is_proxy(peer)):
        return remote_addr
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Not written by a proxy that appends what it saw: believe nothing further left.
            break
        if not is_proxy(address):
            return str(address)
    return remote_addr


def failure_limit(request, credentials):
    """``AXES_FAILURE_LIMIT``, for the two counts of ``AXES_LOCKOUT_PARAMETERS``.

    Axes compares one limit with the larger of the two: the failures for this username
    from this address, and those from this address for any username, never the smaller.
    So the limit is the per-username one once this username has used it up from here, and
    the higher per-address one until then.
    """
    failures = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    if (failures or 0) >= settings.LOGIN_USERNAME_FAILURE_LIMIT:
        return settings.LOGIN_USERNAME_FAILURE_LIMIT
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT
