"""Two ``manage.py import_seeds`` at once on a fresh database, as two real processes.

The database the suite runs on decides which is tried: a file of SQLite's (two processes
cannot share the suite's in-memory one) or a new database on the PostgreSQL server.
To make them overlap every time, the test holds the database's write lock (SQLite's,
or PostgreSQL's lock on the table of imports) while both start, waits until both are
stopped at it, and lets them go at once: without a lock of the import's own, both find
nothing imported and write. With it, one imports each document and the other, having
waited, reports it already imported; both succeed and nothing is imported twice.
"""

import contextlib
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest
from django.conf import settings

from articles.ingest.translations import is_translation

BASE_DIR = Path(settings.BASE_DIR)
SEEDS = BASE_DIR / "seeds"
DOCUMENTS = sorted(path.name for path in SEEDS.glob("*.txt") if not is_translation(path.name))
TRANSLATIONS = sorted(path.name for path in SEEDS.glob("*.txt") if is_translation(path.name))
TIMEOUT = 120


def manage(*args, env):
    return subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class SQLiteFile:
    def __init__(self, tmp_path):
        self.path = tmp_path / "db.sqlite3"
        # Long enough for the other process's start-up while one already waits.
        self.url = f"sqlite:///{self.path}?timeout={TIMEOUT}"

    @contextlib.contextmanager
    def write_lock(self):
        connection = sqlite3.connect(self.path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()

    def stopped_at_the_lock(self, processes):
        # The database's write lock is held, so a process that has opened the file goes
        # no further than its first write.
        return all(
            any(Path(file.path) == self.path for file in psutil.Process(p.pid).open_files())
            for p in processes
        )

    def rows(self, sql):
        with contextlib.closing(sqlite3.connect(self.path)) as connection:
            return connection.execute(sql).fetchall()

    def drop(self):
        pass


class PostgresDatabase:
    def __init__(self):
        import psycopg

        self.psycopg = psycopg
        server = urlsplit(os.environ["DATABASE_URL"])
        self.name = f"seeds_race_{uuid.uuid4().hex[:12]}"
        self.server_url = server.geturl()
        self.url = server._replace(path=f"/{self.name}").geturl()
        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    @contextlib.contextmanager
    def write_lock(self):
        with self.psycopg.connect(self.url) as connection:
            connection.execute("LOCK TABLE articles_seedimport IN ACCESS EXCLUSIVE MODE")
            yield
            connection.rollback()

    def stopped_at_the_lock(self, processes):
        with self.psycopg.connect(self.url, autocommit=True) as connection:
            waiting = connection.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND wait_event_type = 'Lock'",
                [self.name],
            ).fetchone()[0]
        return waiting == len(processes)

    def rows(self, sql):
        with self.psycopg.connect(self.url) as connection:
            return connection.execute(sql).fetchall()

    def drop(self):
        with self.psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh_database(tmp_path):
    """A migrated database of the suite's kind, with nothing imported, and its variables."""
    engine = settings.DATABASES["default"]["ENGINE"]
    database = PostgresDatabase() if engine.endswith("postgresql") else SQLiteFile(tmp_path)
    env = os.environ | {
        "DATABASE_URL": database.url,
        "CACHE_URL": "locmemcache://",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    try:
        migrate = manage("migrate", "--noinput", env=env)
        _out, err = migrate.communicate(timeout=TIMEOUT * 2)
        assert migrate.returncode == 0, err
        yield database, env
    finally:
        database.drop()


def wait_until_stopped_at_the_lock(database, processes):
    deadline = time.monotonic() + TIMEOUT
    while True:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"an import ended before the lock was let go: {process.communicate()}")
        if database.stopped_at_the_lock(processes):
            return
        if time.monotonic() > deadline:
            pytest.fail("the imports never reached the database's lock")
        time.sleep(0.05)


@contextlib.contextmanager
def started(processes):
    """A list for ``processes``, ended if the test fails before they end by themselves."""
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()


def test_two_imports_at_once_import_each_document_once_and_both_succeed(fresh_database):
    database, env = fresh_database

    with started([]) as imports:
        with database.write_lock():
            imports += [manage("import_seeds", env=env) for _ in range(2)]
            wait_until_stopped_at_the_lock(database, imports)
        results = [process.communicate(timeout=TIMEOUT) for process in imports]

    for process, (_out, err) in zip(imports, results, strict=True):
        assert process.returncode == 0, err
        assert err == ""
    lines = [line for out, _err in results for line in out.splitlines()]

    def said(start):
        return len([line for line in lines if line.startswith(start)])

    for name in DOCUMENTS:
        assert said(f"imported {name}: ") == 1
        assert said(f"skipped {name} (already imported)") == 1
    for name in TRANSLATIONS:
        assert said(f"imported translation {name} ") == 1
        assert said(f"skipped translation {name} (already imported)") == 1
    imported = database.rows("SELECT document FROM articles_seedimport")
    assert sorted(row[0] for row in imported) == sorted(DOCUMENTS + TRANSLATIONS)
    titles = [row[0] for row in database.rows("SELECT title_ar FROM articles_article")]
    assert titles and len(titles) == len(set(titles))
