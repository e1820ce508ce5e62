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

Media in a bucket (``s3_bucket``) are stored on moto's standalone server, an S3 API
served over HTTP on loopback by a process of its own: no S3 is reachable from here, and
the servers, boto3 and django-storages all speak to it as they would to S3.

``require``: a missing tool (gunicorn, redis-server, moto_server) skips these tests on a
developer's machine, but fails them when ``CI=true``: nothing may be skipped in CI.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.helpers.ci import require
from tests.helpers.serving import HOST, ROOT, manage

GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CONFIG = ROOT / "think_tank" / "gunicorn.conf.py"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
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
    """The environment of a production process: ``DJANGO_DEBUG=false`` and its secrets.

    Nothing of the developer's own ``AWS_*`` (a bucket, keys, a profile) comes along:
    media stay on disk unless a test gives the servers ``s3_bucket``'s variables.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DJANGO_", "WEB_CONCURRENCY", "WEB_THREADS", "FORWARDED_ALLOW_IPS", "AWS_")
        )
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


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """The address of moto's standalone S3 server, run on a free loopback port."""
    require(MOTO_SERVER.is_file(), f"{MOTO_SERVER} is missing (pip install -e '.[dev]')")
    port = free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto.log"
    log = open(log_path, "w+b")  # noqa: SIM115 - closed in the finalizer
    process = subprocess.Popen(
        [str(MOTO_SERVER), "--host", HOST, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not accepts_connections(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"moto_server did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.05)
        yield f"http://{HOST}:{port}"
    finally:
        stop(process)
        log.close()


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new bucket on ``s3_endpoint``, readable by anyone, and the variables that use it.

    ``s3_bucket.env`` is what an app server needs (settings.py reads it), ``s3_bucket.client``
    a boto3 client to look into the bucket over the same HTTP API.
    """
    import boto3

    env = {
        "AWS_STORAGE_BUCKET_NAME": f"media-{secrets.token_hex(6)}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        # moto accepts any key; these are made up for the test.
        "AWS_ACCESS_KEY_ID": "test-" + secrets.token_hex(8),
        "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(30),
    }
    client = boto3.session.Session().client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    bucket = env["AWS_STORAGE_BUCKET_NAME"]
    client.create_bucket(Bucket=bucket)
    # Public reading by the bucket's policy, as README's "Media storage" asks of a real one.
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read))
    return SimpleNamespace(name=bucket, env=env, client=client)


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
