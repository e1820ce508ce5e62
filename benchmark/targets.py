"""Issue 17's targets: each one's figure per database and whether it is met."""

from .pages import SEARCH_QUERIES
from .report import (
    ARTICLE_PAGES,
    ARTICLE_QUERIES,
    ARTICLE_RATIO,
    DATABASES,
    FEED_RATIO,
    LARGE,
    PRECISION_AT_10,
    RECALL_AT_10,
    SCALING_RATIO,
    SEED_PAPER_RATIO,
    SMALL,
    UNCACHED_VS_HEALTH,
    Target,
    mark,
    own_queries,
    page,
    search_target,
)


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
