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

from .pages import SEARCH_QUERIES

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


def scaling_ratio(small, large):
    """The article page's miss at ``LARGE`` articles ÷ at ``SMALL``, from two stored runs.

    Each miss is taken as its ratio to the whole-stack trivial view of its own run: the
    two runs are minutes or days apart, and the yardstick cancels what the machine did
    meanwhile.
    """
    before, after = page(small, "article"), page(large, "article")
    return {
        "ratio": after["miss_ratio"] / before["miss_ratio"],
        "small_ms": before["miss_ms"],
        "large_ms": after["miss_ms"],
    }


def _ratio_target(label, limit):
    def figure(_database, run):
        p = page(run, label)
        return f"{p['miss_ratio']:.1f}× ({p['miss_ms']:.1f} ms)", p["miss_ratio"] <= limit

    return figure


def _seed_paper(database, run):
    if not any(p["label"] == "seed paper" for p in run["pages"]["pages"]):
        return "n/a (no seed paper)", None
    return _ratio_target("seed paper", SEED_PAPER_RATIO)(database, run)


def _feeds(_database, run):
    rss, atom = page(run, "RSS feed"), page(run, "Atom feed")
    ok = rss["miss_ratio"] <= FEED_RATIO and atom["miss_ratio"] <= FEED_RATIO
    return f"RSS {rss['miss_ratio']:.0f}×, Atom {atom['miss_ratio']:.0f}×", ok


def _http(_database, run):
    if "http" not in run:
        return "not measured (--skip-http)", None
    if "error" in run["http"]:
        return "not measured (no wrk)", None
    value = run["http"]["uncached"]["rps"] / run["http"]["healthz"]["rps"]
    shown = f"1/{1 / value:.0f}" if value else "0"
    return f"{shown} ({run['http']['uncached']['rps']:,.0f}/s)", value >= UNCACHED_VS_HEALTH


def _search(_database, run):
    p95 = run["search"]["p95_ms"]
    return f"{p95:.1f} ms (≤ {search_target(run['articles'])})", p95 <= search_target(
        run["articles"]
    )


def _relevance(name, key, limit):
    def figure(_database, run):
        found = run.get("relevance")
        if not found:
            return "not measured", None
        return f"{found[key]:.2f} ({found['queries']} queries)", found[key] >= limit

    return Target(f"search {name} on the relevance set", figure)


def _queries(_database, run):
    counts = {
        p["label"]: own_queries(p) for p in run["pages"]["pages"] if p["label"] in ARTICLE_PAGES
    }
    if not counts:
        raise KeyError("article")
    worst = max(counts.values())
    shown = ", ".join(f"{label} {n}" for label, n in counts.items())
    return shown, worst <= ARTICLE_QUERIES


def targets(scaling):
    """The targets of issue 17; ``scaling``: database label → ``scaling_ratio`` or None."""

    def scaled(database, run):
        found = scaling.get(database)
        if not found:
            missing = [size for size in (SMALL, LARGE) if size != run["articles"]]
            return "run " + " and ".join(f"ARTICLES={n}" for n in missing) + " to compare", None
        shown = f"{found['ratio']:.2f}× ({found['small_ms']:.1f} → {found['large_ms']:.1f} ms)"
        return shown, found["ratio"] <= SCALING_RATIO

    return [
        Target(
            f"article miss ÷ whole-stack trivial, seed paper: ≤ {SEED_PAPER_RATIO}×", _seed_paper
        ),
        Target(
            f"article miss ÷ whole-stack trivial, 20-reference article: ≤ {ARTICLE_RATIO}×",
            _ratio_target("article", ARTICLE_RATIO),
        ),
        Target(f"article miss at {LARGE:,} ÷ at {SMALL:,} articles: ≤ {SCALING_RATIO}×", scaled),
        Target(f"RSS and Atom miss (20 items) ÷ whole-stack trivial: ≤ {FEED_RATIO}×", _feeds),
        Target("HTTP: uncached article walk ÷ /healthz: ≥ 1/10", _http),
        Target(
            f"search p95, {len(SEARCH_QUERIES)} queries: ≤ 10 ms at {SMALL:,}, "
            f"≤ 50 ms at {LARGE:,} (PostgreSQL)",
            _search,
            databases=("PostgreSQL",),
        ),
        _relevance("recall@10", "recall_at_10", RECALL_AT_10),
        _relevance("precision@10", "precision_at_10", PRECISION_AT_10),
        Target(f"queries: article page miss ≤ {ARTICLE_QUERIES} (besides the stamp)", _queries),
    ]


def judge(target, runs):
    """The target's cells (database → text) and whether it is met: "✓", "✗" or "–"."""
    cells, verdicts = {}, {}
    for database in dict.fromkeys([*DATABASES, *runs]):
        if database not in runs:
            cells[database] = "not run"
            continue
        try:
            text, ok = target.figure(database, runs[database])
        except (KeyError, TypeError, ZeroDivisionError):
            text, ok = "not measured", None
        cells[database] = text + mark(ok)
        verdicts[database] = ok
    decisive = [verdicts.get(database) for database in target.databases]
    if any(ok is False for ok in decisive):
        met = "✗"
    elif decisive and all(ok is True for ok in decisive):
        met = "✓"
    elif any(ok is True for ok in decisive):
        measured = [db for db in target.databases if verdicts.get(db) is True]
        met = f"✓ ({', '.join(measured)} only)"
    else:
        met = "–"
    return cells, met


def targets_table(runs, scaling=None):
    """target | SQLite | PostgreSQL | met, for the runs of one size (``runs``: label → results)."""
    columns = list(dict.fromkeys([*DATABASES, *runs]))
    header = ["target", *columns, "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for target in targets(scaling or {}):
        cells, met = judge(target, runs)
        lines.append("| " + " | ".join([target.name, *(cells[c] for c in columns), met]) + " |")
    return "\n".join(lines)
