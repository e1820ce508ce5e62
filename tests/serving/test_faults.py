"""The site under the faults of production: a cache that dies, stalls or comes back old,
a flood of made-up addresses, a database that goes away for a while.

Real processes throughout: gunicorn (two workers, production settings), a redis-server
of the test's own that is stopped (SIGTERM), paused (SIGSTOP) and restarted from its
own snapshot, and for the database fault a PostgreSQL server of the test's own that is
stopped and started again. Requests go over loopback sockets as a reader's do.

The figures each scenario measures (requests, errors, stale answers, the slowest
answer) are printed (``pytest -s``) and written down in the README's operations part.
"""

import contextlib
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.ci import require
from tests.helpers.html import form_fields
from tests.helpers.serving import HOST, Browser, make_content, manage

from .conftest import START_TIMEOUT, accepts_connections, free_port, stop

PASSWORD = "faults-editor-password-1"
TITLE = "مقال يصمد أمام الأعطال"
CONTENT = """
import json
from django.contrib.auth.models import User
from tests.helpers.factories import make_article, make_author, make_section
if not User.objects.filter(username="fault-editor").exists():
    User.objects.create_superuser("fault-editor", "faults@example.org", "%s")
section = make_section(name="قسم الأعطال")
article = make_article(
    title="%s", section=section, authors=[make_author(name="كاتبة")], body="<p>نص كامل.</p>"
)
for n in range(12):
    make_article(title=f"مقال إضافي {n}", section=section)
print(json.dumps({"id": article.pk, "url": article.get_absolute_url(),
                  "section": section.get_absolute_url()}))
""" % (PASSWORD, TITLE)  # noqa: UP031 - the code a shell runs, with two values in it
# At most this long for any answer, whatever fails (the target).
SLOWEST = 2.0


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    stale: int = 0
    slowest: float = 0.0

    def __str__(self):
        return (
            f"{self.requests} requests, {self.errors} errors, {self.stale} stale, "
            f"slowest {self.slowest * 1000:.0f} ms"
        )


def hammer(server, paths, count, *, expect=200, stale=None, threads=1):
    """``count`` requests spread over ``paths``; what went wrong, and the slowest answer.

    ``stale``: a text that must not be in any answer (what an editor removed).
    """
    figures = Figures()

    def one(i):
        path = paths[i % len(paths)]
        start = time.monotonic()
        response = Browser().get(server, path)
        return path, response, time.monotonic() - start

    with ThreadPoolExecutor(threads) as pool:
        for path, response, seconds in pool.map(one, range(count)):
            figures.requests += 1
            figures.slowest = max(figures.slowest, seconds)
            wanted = expect(path) if callable(expect) else expect
            if response.status != wanted:
                figures.errors += 1
            elif stale and stale in response.body.decode(errors="replace"):
                figures.stale += 1
    return figures


class RedisServer:
    """A redis-server of the test's own, on a port it keeps across restarts."""

    def __init__(self, folder):
        self.folder, self.port = folder, free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.process = None

    def start(self):
        executable = shutil.which("redis-server")
        require(executable, "redis-server is missing (Debian package: redis-server)")
        self.process = subprocess.Popen(
            [
                *(executable, "--bind", HOST, "--port", str(self.port), "--dir", str(self.folder)),
                *("--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not accepts_connections(self.port):
            assert self.process.poll() is None and time.monotonic() < deadline, "no redis"
            time.sleep(0.05)

    def client(self):
        import redis

        return redis.Redis(host=HOST, port=self.port, socket_timeout=5)

    def stop(self):
        stop(self.process)

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.resume()
        server.stop()


def log_in(browser, server):
    page = browser.get(server, "/admin/login/?next=/admin/")
    fields = dict(form_fields(page.text, "login-form")) | {
        "username": "fault-editor",
        "password": PASSWORD,
    }
    response = browser.post(server, "/admin/login/?next=/admin/", fields)
    assert response.status == 302, response.text[:2000]


def save_article(browser, server, article, **changes):
    """The editor's change form posted whole, with ``changes``: the response."""
    change = f"/admin/articles/article/{article['id']}/change/"
    form = browser.get(server, change)
    assert form.status == 200, form.text[:2000]
    fields = [
        (name, changes.get(name, value)) for name, value in form_fields(form.text, "article_form")
    ]
    return browser.post(server, change, [*fields, ("_save", "")])


@pytest.fixture
def cached_site(site_env, redis_server, start_server):
    env = site_env | {
        "CACHE_URL": redis_server.url,
        "CACHE_RETRY_SECONDS": "1",
        "CACHE_TIMEOUT_SECONDS": "0.2",
    }
    article = make_content(env, CONTENT)
    (server,) = start_server.ready(start_server(env))
    paths = ["/", article["url"], article["section"], "/feed/", "/archive/"]
    for path in paths * 2:  # every worker has rendered and stored each page
        assert Browser().get(server, path).status == 200, path
    return server, article, paths


def test_a_stopped_or_paused_cache_costs_speed_not_pages(cached_site, redis_server, capsys):
    server, article, paths = cached_site
    editor = Browser()
    log_in(editor, server)
    assert Browser().get(server, article["url"]).header("X-Cache") == "hit"

    redis_server.stop()
    stopped = hammer(server, paths, 200)
    saved = save_article(editor, server, article, title_ar="عنوان بعد توقف الذاكرة المؤقتة")
    assert saved.status == 302, saved.text[:3000]
    after_save = Browser().get(server, article["url"])
    assert "عنوان بعد توقف الذاكرة المؤقتة" in after_save.text

    redis_server.start()  # empty, as after a crash
    redis_server.pause()
    paused = hammer(server, paths, 200)
    saved = save_article(editor, server, article, title_ar="عنوان أثناء تجميد الذاكرة")
    assert saved.status == 302, saved.text[:3000]
    assert "عنوان أثناء تجميد الذاكرة" in Browser().get(server, article["url"]).text
    redis_server.resume()
    resumed = hammer(server, paths, 100, stale="عنوان بعد توقف الذاكرة المؤقتة")

    with capsys.disabled():
        print(f"\nRedis stopped: {stopped}\nRedis paused: {paused}\nRedis resumed: {resumed}")
    for figures in (stopped, paused, resumed):
        assert (figures.errors, figures.stale) == (0, 0), figures
        assert figures.slowest < SLOWEST, figures
    # A warning when the cache fails and when it answers again, not a traceback a request.
    log = server.output()
    assert "Traceback" not in log
    assert log.count("answers again") >= 1
    assert log.count("failed (") <= 8, log[-3000:]


def test_a_cache_restored_from_an_old_snapshot_serves_no_old_page(
    cached_site, redis_server, capsys
):
    server, article, paths = cached_site
    assert redis_server.client().save()  # the snapshot holds every page as it is now

    editor = Browser()
    log_in(editor, server)
    saved = save_article(editor, server, article, status="draft")
    assert saved.status == 302, saved.text[:3000]

    redis_server.stop()
    redis_server.start()  # from the snapshot: the unpublished article's pages are back
    assert redis_server.client().dbsize() > 0
    figures = hammer(
        server,
        paths,
        200,
        expect=lambda path: 404 if path == article["url"] else 200,
        stale=TITLE,
    )
    with capsys.disabled():
        print(f"\nRedis restored from a snapshot: {figures}")
    assert (figures.errors, figures.stale) == (0, 0), figures


def test_made_up_query_parameters_make_no_cache_entries(cached_site, redis_server, capsys):
    server, _article, paths = cached_site
    entries = redis_server.client().dbsize()
    junk = [
        f"{path}?utm_source=s{random.randrange(10**9)}&fbclid={random.randrange(10**9)}"
        for path in paths
        for _ in range(40)
    ]
    figures = hammer(server, junk, 10_000, threads=4)
    with capsys.disabled():
        print(
            f"\nMade-up parameters: {figures}; cache entries {entries} before, "
            f"{redis_server.client().dbsize()} after"
        )
    assert figures.errors == 0, figures
    assert redis_server.client().dbsize() == entries


class PostgresServer:
    """A PostgreSQL server of the test's own (its own data folder and port), run as the
    ``postgres`` user when the test runs as root, as Debian's packages expect."""

    def __init__(self, folder):
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        require(binaries, "PostgreSQL server binaries are missing (Debian package: postgresql)")
        self.bin = binaries[-1].parent
        self.folder, self.port = folder, free_port()
        self.url = f"postgres://postgres@{HOST}:{self.port}/postgres"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "postgres")
        self.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")

    def run(self, tool, *args):
        subprocess.run(
            [*self.as_user, str(self.bin / tool), *args], check=True, capture_output=True
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-w",
            "start",
            "-l",
            str(self.folder / "log"),
        )

    def stop(self):
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")


@pytest.fixture
def postgres(tmp_path_factory):
    folder = Path(tempfile.mkdtemp(prefix="think-tank-faults-pg-"))
    server = PostgresServer(folder)
    server.start()
    yield server
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_the_database_gone_for_a_while(production_env, postgres, start_server, tmp_path, capsys):
    """Cached pages keep being served, others are a 503 with Retry-After, an editor's save
    is refused with a clear message and saves nothing, and the site is back within 2 s."""
    env = production_env | {
        "DATABASE_URL": postgres.url,
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
    }
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    article = make_content(env, CONTENT)
    (server,) = start_server.ready(start_server(env))
    cached = ["/", article["url"], "/feed/"]
    for path in cached * 3:
        assert Browser().get(server, path).status == 200, path
    editor = Browser()
    log_in(editor, server)
    change = f"/admin/articles/article/{article['id']}/change/"
    form = editor.get(server, change)
    fields = [
        (name, "عنوان لن يُحفظ" if name == "title_ar" else value)
        for name, value in form_fields(form.text, "article_form")
    ]

    postgres.stop()
    outage, wrong = Figures(), set()
    started = time.monotonic()
    while time.monotonic() - started < 10:
        for path, wanted in [(p, 200) for p in cached] + [("/archive/", 503), ("/healthz", 503)]:
            begin = time.monotonic()
            response = Browser().get(server, path, https=path != "/healthz")
            outage.requests += 1
            outage.slowest = max(outage.slowest, time.monotonic() - begin)
            if response.status != wanted:
                outage.errors += 1
                wrong.add((path, response.status))
            if wanted == 503 and path != "/healthz":
                assert response.header("Retry-After") == "30"
                assert response.header("X-Frame-Options") == "DENY"
                assert "غير متاح مؤقتاً" in response.text
    refused = editor.post(server, change, [*fields, ("_save", "")])
    assert refused.status == 503
    assert "لم يُحفظ شيء" in refused.text

    postgres.start()
    back = time.monotonic()
    while Browser().get(server, "/archive/").status != 200:
        assert time.monotonic() - back < SLOWEST, "not back within 2 s of the restart"
    recovered = time.monotonic() - back
    with capsys.disabled():
        print(f"\nPostgreSQL stopped for 10 s: {outage}; back {recovered * 1000:.0f} ms after")
    assert outage.errors == 0, (outage, wrong)
    assert outage.slowest < SLOWEST, outage
    # Nothing of the refused save was kept.
    assert "عنوان لن يُحفظ" not in Browser().get(server, article["url"]).text
