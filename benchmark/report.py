"""The machine, and the one table of results with their targets."""

import os
import platform
import sqlite3
from datetime import date
from pathlib import Path

import django
import psutil
from django.db import connection

# Issue 6's targets.
ARTICLE_RATIO = 20
ARTICLE_QUERIES = 6
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
    for i, page in enumerate(_first(runs)["pages"]["pages"]):
        article = page["label"] == "article"
        target = (
            f"≤ {ARTICLE_RATIO}× trivial, ≤ {ARTICLE_QUERIES} queries"
            if article
            else "fixed query count"
        )

        def miss(r, i=i, article=article):
            p = r["pages"]["pages"][i]
            ok = (
                p["miss_ratio"] <= ARTICLE_RATIO and p["miss_queries"] <= ARTICLE_QUERIES
                if article
                else None
            )
            return f"{p['miss_ms']:.1f} ms, {p['miss_ratio']:.1f}×, {p['miss_queries']} q{mark(ok)}"

        row(f"{page['label']}: cache miss", target, miss)

    def hits(r):
        pages = r["pages"]["pages"]
        worst = max(pages, key=lambda p: p["hit_ratio"])
        queries = max(p["hit_queries"] for p in pages)
        return (
            f"worst {worst['label']} {worst['hit_ms']:.2f} ms, {worst['hit_ratio']:.1f}×; "
            f"max {queries} q{mark(queries == 0)}"
        )

    row("every page: cache hit", "0 queries", hits)

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
