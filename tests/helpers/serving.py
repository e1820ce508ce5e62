"""What the tests of ``tests/serving`` share beside their fixtures (``conftest.py``).

``make_content`` runs code in the servers' database; ``Browser`` talks to the servers
over real sockets, as a reader behind the HTTPS proxy does. The forms it posts are
read with ``tests.helpers.html.form_fields``.
"""

import http.client
import json
import subprocess
import sys
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def manage(env, *args, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def make_content(env, code):
    """Run ``code`` in a ``manage.py shell`` on the servers' database; its last line, as JSON."""
    output = manage(env, "shell", "--verbosity", "0", "--command", code)
    return json.loads(output.strip().splitlines()[-1])


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode()

    def header(self, name):
        return self.headers.get(name, "")

    def set_cookies(self):
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class Browser:
    """A reader's (or an editor's) browser reaching servers through an HTTPS proxy.

    Each request says ``X-Forwarded-Proto: https`` unless told ``https=False``, as the
    TLS-terminating proxy in front of the app servers does; cookies are kept and sent
    back (Secure ones too: the reader's side of the proxy is HTTPS). Redirects are not
    followed, so tests see them.
    """

    cookies: dict = field(default_factory=dict)

    def request(self, server, method, path, *, data=None, headers=None, https=True):
        target = quote(path, safe="/%?=&;+:@,")
        headers = dict(headers or {})
        if https:
            headers.setdefault("X-Forwarded-Proto", "https")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            origin = f"{'https' if https else 'http'}://{HOST}:{server.port}"
            headers.setdefault("Origin", origin)
            headers.setdefault("Referer", origin + path)
        connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
        try:
            connection.request(method, target, body=body, headers=headers)
            reply = connection.getresponse()
            response = Response(reply.status, reply.headers, reply.read())
        finally:
            connection.close()
        for raw in response.set_cookies():
            for name, morsel in SimpleCookie(raw).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, server, path, **kwargs):
        return self.request(server, "GET", path, **kwargs)

    def post(self, server, path, data, **kwargs):
        return self.request(server, "POST", path, data=data, **kwargs)
