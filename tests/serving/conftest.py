"""The site as production runs it: gunicorn processes, production settings, real sockets.

Nothing here goes through pytest-django's test database or test client. The servers
are separate processes, so they get a database of their own, made for this session
and migrated by ``manage.py migrate`` in a subprocess, exactly as ``make serve`` does:

* on PostgreSQL (``DATABASE_URL=postgres://…``) a new database beside the test
  database, dropped at the end;
* on SQLite a file in a temporary folder: several processes sharing one SQLite file
  stand in for several app servers sharing one PostgreSQL.

pytest-django's own test database would not do: on SQLite it lives in the memory of
the test process, where no server can see it. Content is made by subprocesses too
(``manage.py shell``), so every process reads and writes the same rows through its
own connection, as app servers do.

``require``: a missing tool (gunicorn, redis-server) skips these tests on a developer's
machine, but fails them when ``CI=true``: nothing may be skipped in CI.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers.ci import require
from tests.helpers.serving import HOST, ROOT, manage

GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CONFIG = ROOT / "think_tank" / "gunicorn.conf.py"
START_TIMEOUT = 30


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def accepts_connections(port):
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def stop(process, timeout=15):
    """Ask a server to stop as an operator would (SIGTERM), and make sure it did."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


@pytest.fixture(scope="session")
def production_env(tmp_path_factory):
    """The environment of a production process: ``DJANGO_DEBUG=false`` and its secrets."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "WEB_CONCURRENCY", "WEB_THREADS", "FORWARDED_ALLOW_IPS"))
        and name not in {"DATABASE_URL", "CACHE_URL", "HOST", "PORT"}
    }
    return env | {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "DJANGO_STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "DJANGO_MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def postgres_database(base_url, name):
    """Create database ``name`` beside ``base_url``'s; return its URL and a dropper."""
    import psycopg

    parts = urlsplit(base_url)
    dsn = parts._replace(scheme="postgresql").geturl()
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return parts._replace(path=f"/{name}").geturl(), drop


@pytest.fixture(scope="session")
def site_env(production_env, tmp_path_factory):
    """A migrated database and collected static files, shared by every server."""
    require(GUNICORN.is_file(), f"{GUNICORN} is missing (pip install -e '.[dev]')")
    base_url = os.environ.get("DATABASE_URL", "")
    drop = None
    if base_url.startswith(("postgres://", "postgresql://")):
        url, drop = postgres_database(base_url, f"think_tank_serving_{os.getpid()}")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite3'}"
    env = production_env | {"DATABASE_URL": url}
    try:
        # Both at once: neither needs the other.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            output, _ = collect.communicate(timeout=120)
        finally:
            stop(collect)
        assert collect.returncode == 0, f"manage.py collectstatic:\n{output}"
        yield env
    finally:
        if drop is not None:
            drop()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A redis-server of our own on a free loopback port, stopped after the session."""
    executable = shutil.which("redis-server")
    require(executable, "redis-server is missing (Debian package: redis-server)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    log = open(folder / "redis.log", "w+b")  # noqa: SIM115 - closed in the finalizer
    process = subprocess.Popen(
        [
            executable,
            "--bind",
            HOST,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not accepts_connections(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"redis-server did not start:\n{log.read().decode()}")
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        stop(process)
        log.close()


class Server:
    """One gunicorn process (``think_tank/gunicorn.conf.py``) on a free loopback port."""

    def __init__(self, env, log_path, workers=2):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "w+b")  # noqa: SIM115 - closed in stop()
        server_env = env | {"HOST": HOST, "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.process = subprocess.Popen(
            [str(GUNICORN), "--config", str(GUNICORN_CONFIG)],
            cwd=ROOT,
            env=server_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while not accepts_connections(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"gunicorn did not start:\n{self.output()}")
            time.sleep(0.1)

    def output(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        stop(self.process)
        self.log.close()


@pytest.fixture
def start_server(tmp_path):
    """``start_server(env)`` starts gunicorn and returns it; every one is stopped after the test.

    Servers start together and are waited for together: two cost the time of one.
    """
    servers = []

    def start(env, workers=2):
        server = Server(env, tmp_path / f"gunicorn-{len(servers)}.log", workers)
        servers.append(server)
        return server

    def ready(*started):
        for server in started:
            server.wait_until_ready()
        return started

    start.ready = ready
    yield start
    for server in servers:
        server.stop()
