"""The machine, the table of results, and the targets table of issue 17.

Every ratio of a page is to the trivial view through the whole stack (never
cached), measured in the same rounds. The targets table has a column per
database and says, for each target, the figure and whether it is met (✓) or
missed (✗); "met" is ✓ only when every database the target names was measured
and meets it.
"""

import os
import platform
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import django
import psutil
from django.db import connection

# Issue 17's targets.
SEED_PAPER_RATIO = 10
ARTICLE_RATIO = 15
SCALING_RATIO = 1.2
FEED_RATIO = 40
UNCACHED_VS_HEALTH = 1 / 10
RECALL_AT_10 = 0.9
PRECISION_AT_10 = 0.8
ARTICLE_QUERIES = 4
# The two sizes whose article pages are compared.
SMALL, LARGE = 10_000, 100_000
DATABASES = ("SQLite", "PostgreSQL")
# What the main table marks on a page's miss: at most this × trivial (None: no target).
PAGE_RATIO_TARGETS = {
    "article": ARTICLE_RATIO,
    "seed paper": SEED_PAPER_RATIO,
    "RSS feed": FEED_RATIO,
    "Atom feed": FEED_RATIO,
}
ARTICLE_PAGES = ("article", "seed paper")

# Every anonymous request reads the site's stamp, hit or miss (tests/articles/test_queries.py
# counts a page's queries without it, and so do these targets).
STAMP_QUERIES = 1

# Issue 6's targets (HTTP, cached pages).
CACHED_VS_HEALTH = 0.8
CACHED_VS_UNCACHED = 10
NOT_MODIFIED_VS_UNCACHED = 3


def search_target(articles):
    return 10 if articles <= 10_000 else 50


def database_version():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return "PostgreSQL " + cursor.fetchone()[0].split()[0]
    return "SQLite " + sqlite3.sqlite_version


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = platform.platform(terse=True)
    try:
        release = Path("/etc/os-release").read_text()
        for line in release.splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{system}, Linux {platform.release()}" if os.name == "posix" else system,
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def mark(ok):
    return "" if ok is None else (" ✓" if ok else " ✗")


def table(runs, machine_info):
    """One markdown table: a column per database run (``runs``: label → results)."""
    labels = list(runs)
    rows = []

    def row(name, target, cell):
        values = []
        for label in labels:
            try:
                values.append(cell(runs[label]))
            except (KeyError, TypeError, ZeroDivisionError):
                values.append("–")
        rows.append([name, target, *values])

    m = machine_info
    row("date", "", lambda r: m["date"])
    row(
        "machine",
        "",
        lambda r: f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM",
    )
    row("software", "", lambda r: f"{m['os']}; Python {m['python']}; Django {m['django']}")
    row("database", "", lambda r: r["database"])
    row(
        "articles (generated in)",
        "",
        lambda r: f"{r['articles']:,} ({_duration(r['generation_seconds'])})",
    )
    row(
        "page cache in the code",
        "",
        lambda r: "yes" if r["pages"]["page_cache"] else "no (hit = miss)",
    )
    row(
        "trivial view, whole stack (never cached)",
        "",
        lambda r: f"{r['pages']['trivial_ms']:.3f} ms",
    )
    row(
        "trivial view, page-cache hit",
        "",
        lambda r: f"{r['pages']['trivial_hit_ms']:.3f} ms",
    )
    labels_seen = []
    for r in runs.values():
        labels_seen += [p["label"] for p in r["pages"]["pages"] if p["label"] not in labels_seen]
    for label in labels_seen:
        limit = PAGE_RATIO_TARGETS.get(label)
        article = label in ARTICLE_PAGES
        goal = [
            f"≤ {limit}× trivial" if limit else "",
            f"≤ {ARTICLE_QUERIES} queries" if article else "",
        ]
        goal = ", ".join(g for g in goal if g) or "fixed query count"

        def miss(r, label=label, limit=limit, article=article):
            p = page(r, label)
            ok = None
            if limit:
                ok = p["miss_ratio"] <= limit and (not article or own_queries(p) <= ARTICLE_QUERIES)
            refs = f", {p['references']} refs" if p.get("references") is not None else ""
            figures = f"{p['miss_ms']:.1f} ms, {p['miss_ratio']:.1f}×, {queries_shown(p)}"
            return f"{figures}{refs}{mark(ok)}"

        row(f"{label}: cache miss", goal, miss)

    def hits(r):
        pages = r["pages"]["pages"]
        worst = max(pages, key=lambda p: p["hit_ratio"])
        queries = max(p["hit_queries"] for p in pages)
        return (
            f"worst {worst['label']} {worst['hit_ms']:.2f} ms, {worst['hit_ratio']:.1f}×; "
            f"max {queries} q{mark(queries <= STAMP_QUERIES)}"
        )

    row("every page: cache hit", f"the stamp only ({STAMP_QUERIES} query)", hits)

    def rps(name):
        return lambda r: f"{r['http'][name]['rps']:,.0f}/s"

    row(
        "HTTP: gunicorn",
        "",
        lambda r: (
            f"{r['http']['workers']} sync workers, page cache in "
            f"{r['http'].get('cache', 'each worker')}"
        ),
    )
    row("HTTP: healthz", "", lambda r: rps("healthz")(r) + _health_note(r))
    row("HTTP: cached article", "", rps("cached"))
    row("HTTP: uncached article", "", lambda r: rps("uncached")(r) + _miss_note(r))
    row("HTTP: 304 (article)", "", lambda r: rps("not_modified")(r) + _validator(r))

    def ratio(a, b, target):
        def cell(r):
            value = r["http"][a]["rps"] / r["http"][b]["rps"]
            return f"{value:.2f}{mark(value >= target)}"

        return cell

    row("cached ÷ healthz", f"≥ {CACHED_VS_HEALTH}", ratio("cached", "healthz", CACHED_VS_HEALTH))
    row(
        "cached ÷ uncached",
        f"≥ {CACHED_VS_UNCACHED}",
        ratio("cached", "uncached", CACHED_VS_UNCACHED),
    )
    row(
        "304 ÷ uncached",
        f"≥ {NOT_MODIFIED_VS_UNCACHED}",
        ratio("not_modified", "uncached", NOT_MODIFIED_VS_UNCACHED),
    )

    def search_cell(r):
        s = r["search"]
        ok = s["p95_ms"] <= search_target(r["articles"])
        return f"p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms{mark(ok)}"

    articles = _first(runs)["articles"]
    row(
        f"search, {len(_first(runs)['search']['results'])} Arabic queries",
        f"p95 ≤ {search_target(articles)} ms",
        search_cell,
    )
    row(
        "search relevance (relevance set)",
        f"recall@10 ≥ {RECALL_AT_10}, precision@10 ≥ {PRECISION_AT_10}",
        relevance_cell,
    )
    row(
        "peak memory (VmHWM)",
        "",
        lambda r: (
            f"worker {r['http']['memory']['worker_mib']:.0f} MiB, "
            f"master {r['http']['memory']['master_mib']:.0f} MiB"
        ),
    )

    header = ["measurement", "target", *labels]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def page(run, label):
    """The measured page of ``label`` in one run (KeyError if it was not measured)."""
    for measured in run["pages"]["pages"]:
        if measured["label"] == label:
            return measured
    raise KeyError(label)


def own_queries(measured):
    """A page's queries on a miss beyond the ones a hit pays too (the stamp)."""
    return measured["miss_queries"] - measured["hit_queries"]


def queries_shown(measured):
    stamp = measured["hit_queries"]
    return f"{own_queries(measured)} q" + (f" (+{stamp} stamp)" if stamp else "")


def relevance_cell(run):
    found = run.get("relevance")
    if not found:
        return "not measured"
    ok = found["recall_at_10"] >= RECALL_AT_10 and found["precision_at_10"] >= PRECISION_AT_10
    failures = len(found.get("failures") or [])
    return (
        f"recall@10 {found['recall_at_10']:.2f}, precision@10 {found['precision_at_10']:.2f} "
        f"({found['queries']} queries, {failures} failing){mark(ok)}"
    )


def _first(runs):
    return next(iter(runs.values()))


def _duration(seconds):
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def _health_note(r):
    return "" if r["http"]["health_path"] == "/healthz" else " (no /healthz: /robots.txt)"


def _miss_note(r):
    cache = r["http"]["uncached"].get("cache")
    return f" ({cache[1]:,} misses, {cache[0]:,} hits)" if cache else ""


def _validator(r):
    status = r["http"].get("not_modified_status")
    return "" if status == 304 else f" (answered {status}, not 304)"


# --- Issue 17's targets ----------------------------------------------------------------


@dataclass
class Target:
    name: str
    #: (label, run) → (figure, met: True, False or None when there is nothing to judge);
    #: a KeyError means not measured in this run
    figure: Callable
    #: the databases whose figures decide whether the target is met
    databases: tuple = DATABASES
