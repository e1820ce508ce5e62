"""One benchmark run per database, each in a process of its own.

``manage.py benchmark`` starts ``manage.py benchmark --here`` once per database
with ``DATABASE_URL`` pointing at it and production settings (DEBUG off,
hashed static files collected into ``.benchmark/static``), so that the
measured process is configured as a production one, then puts the runs' JSON
results into one table, and the targets table after it.

Each run's results stay in ``.benchmark/`` per database and size
(``sqlite-10000.json``, ``postgresql-100000.json``): the article page at 100,000
articles is compared with the one at 10,000 whenever both are there.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from . import dataset, http, pages, report, targets


def workdir():
    return Path(settings.BASE_DIR) / ".benchmark"


def sqlite_url():
    return f"sqlite:///{workdir() / 'benchmark.sqlite3'}"


def ensure_postgres_database(url):
    """Create the PostgreSQL database named in ``url`` if it does not exist yet."""
    config = dj_database_url.parse(url)
    name = config["NAME"]
    try:
        with psycopg.connect(
            dbname="postgres",
            user=config["USER"],
            password=config["PASSWORD"],
            host=config["HOST"],
            port=config["PORT"] or None,
            autocommit=True,
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(
                    psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name))
                )
    except psycopg.Error as error:
        raise CommandError(f"PostgreSQL at {config['HOST']}: {error}") from None


def stored_run_path(label, articles, directory=None):
    return (directory or workdir()) / f"{label.lower()}-{articles}.json"


def stored_scaling(label, directory=None):
    """``targets.scaling_ratio`` of the stored runs of ``label`` at both sizes, or None."""
    small, large = (
        stored_run_path(label, size, directory) for size in (report.SMALL, report.LARGE)
    )
    if not (small.exists() and large.exists()):
        return None
    return targets.scaling_ratio(json.loads(small.read_text()), json.loads(large.read_text()))


def run_all(*, articles, targets, options, stdout):
    """Run the benchmark on each (label, url) of ``targets``; returns the results table
    and the targets table."""
    workdir().mkdir(exist_ok=True)
    runs = {}
    for label, url in targets:
        if url.startswith(("postgres://", "postgresql://")):
            ensure_postgres_database(url)
        out = stored_run_path(label, articles)
        out.unlink(missing_ok=True)
        env = os.environ | {
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": os.urandom(24).hex(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_STATIC_ROOT": str(workdir() / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        command = [
            sys.executable, "manage.py", "benchmark", "--here",
            "--articles", str(articles), "--json", str(out),
            "--duration", str(options["duration"]), "--connections", str(options["connections"]),
        ]  # fmt: skip
        if options["skip_http"]:
            command.append("--skip-http")
        if options["regenerate"]:
            command.append("--regenerate")
        stdout.write(f"== {label}: {dj_database_url.parse(url)['NAME']}")
        migrate = [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"]
        subprocess.run(migrate, cwd=settings.BASE_DIR, env=env, check=True)  # noqa: S603
        result = subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=False)  # noqa: S603
        if result.returncode or not out.exists():
            raise CommandError(f"The {label} run failed (exit status {result.returncode}).")
        runs[label] = json.loads(out.read_text())
    scaling = {label: stored_scaling(label) for label in runs}
    return (
        report.table(runs, report.machine())
        + f"\n\nTargets (issue 17), {articles:,} articles:\n\n"
        + targets.targets_table(runs, scaling)
    )


def run_here(*, articles, regenerate, skip_http, duration, connections, stdout, migrate=True):
    """Benchmark the database of this process's settings; returns the results."""

    def say(text):
        stdout.write(text)
        stdout.flush()

    found = dataset.check_database()
    if found and found.get("articles") == articles and not regenerate:
        say(f"Reusing the {articles:,} articles generated earlier (--regenerate to start over).")
        seconds = found["seconds"]
    else:
        if found is not None:
            dataset.clear_benchmark_content()
        say(f"Generating {articles:,} articles…")
        step = max(articles // 10, 1)

        def progress(done, elapsed):
            if done % step < dataset.BATCH or done == articles:
                say(f"  {done:,} articles, {elapsed:.0f} s")

        generated = dataset.generate(articles, progress=progress)
        seconds = generated.seconds
        if generated.index_rebuilt:
            say(
                "WARNING: the SQLite full-text index was not filled by the insert trigger: the "
                "FTS triggers of migration 0011 are missing from this database (a later "
                "migration remade the table). The benchmark rebuilt the index; the site "
                "itself would not find new articles."
            )
    # The seed paper beside the generated articles (once: a second run finds them imported).
    dataset.import_seeds()
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)

    results = {
        "database": report.database_version(),
        "articles": articles,
        "generation_seconds": seconds,
    }
    say("Pages, in process:")
    results["pages"] = pages.measure_pages(progress=say)
    say("Search:")
    results["search"] = pages.search_latency()
    say(f"  p50 {results['search']['p50_ms']:.2f} ms, p95 {results['search']['p95_ms']:.2f} ms")
    if not skip_http:
        say("HTTP (gunicorn + wrk):")
        started = time.perf_counter()
        results["http"] = http.measure_http(
            workdir() / connection.vendor, duration=duration, connections=connections, progress=say
        )
        say(f"  ({time.perf_counter() - started:.0f} s)")
        if "error" in results["http"]:
            say(results["http"]["error"])
    relevance = measure_relevance(say)
    if relevance is not None:
        results["relevance"] = relevance
    return results


def measure_relevance(say):
    """Recall and precision at 10 on the relevance set (``benchmark.relevance``).

    It runs after the timings, since installing the set writes its articles.
    """
    from . import relevance

    found = relevance.evaluate(relevance.install())
    say(
        f"Relevance: {found['queries']} queries, recall@10 {found['recall_at_10']:.3f}, "
        f"precision@10 {found['precision_at_10']:.3f}"
    )
    return found
