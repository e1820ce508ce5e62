"""In-process measurements: each page type through the whole Django stack, and search.

Pages are requested with the test ``Client``, so every middleware runs, as
under gunicorn (the page cache included). Each page is measured in rounds, and
each round asks, one after the other, the page on a cache miss, the page on a
cache hit and twice the whole-stack yardstick (``urls.STACK_TRIVIAL_PATH``,
never cached): whatever the rest of the machine does to one, it does to the
other. The yardstick comes after the hit, not right after the miss: what a miss
leaves behind (the new stamp's write, the caches a long render evicted) slows
the next request by a third or more, and would make a heavier page look cheaper
against its own yardstick. The fastest of each kind is kept (the least
disturbed), and the page's is divided by the yardstick's of the same rounds: the
ratio says what the page costs beyond Django itself and travels between machines
better than milliseconds do. The yardstick served from the page cache
(``urls.TRIVIAL_PATH``) is measured beside the whole-stack one, for reference only.
Queries are counted with ``CaptureQueriesContext``.
"""

import statistics
import time
from urllib.parse import quote

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from articles import search
from articles.models import Article, Section, SeedImport, Tag
from articles.pagecache import new_stamp as new_version
from authors.models import Author

from . import dataset
from .urls import STACK_TRIVIAL_PATH, TRIVIAL_PATH

# At least 25 rounds per page; more while its three seconds last, 200 at most.
MIN_ROUNDS = 25
BUDGET_SECONDS = 3.0
MAX_ROUNDS = 200
# The benchmark article the target names: a generated one with this many.
ARTICLE_REFERENCES = 20

# Arabic as readers type it: with and without ال, hamza forms, ة/ه, two-word queries.
SEARCH_QUERIES = [
    "سورية",
    "سوريا",
    "السورية",
    "التحالف",
    "تحالف",
    "الدولي",
    "داعش",
    "الإرهاب",
    "الارهاب",
    "إرهاب",
    "الأمن",
    "امن",
    "أمنية",
    "مكافحة الإرهاب",
    "وزارة الداخلية",
    "الحكومة الانتقالية",
    "الولايات المتحدة",
    "اتفاق آذار",
    "إعادة الاعمار",
    "اللامركزية الإدارية",
]


def benchmark_article():
    """The newest generated article with ``ARTICLE_REFERENCES`` references (the most
    references there are, in a dataset too small to have one)."""
    imported = SeedImport.objects.exclude(article=None).values_list("article", flat=True)
    generated = (
        Article.objects.published()
        .exclude(pk__in=imported)
        .annotate(refs=Count("references"))
        .order_by("-published_at", "-pk")
    )
    return (
        generated.filter(refs=ARTICLE_REFERENCES).first()
        or generated.order_by("-refs", "-published_at", "-pk").first()
    )


def pages():
    """(label, path, references) of one page of each type, picked the same way on every run."""
    now = timezone.now()
    public = Article.objects.published()
    article = benchmark_article()
    paper = dataset.seed_paper()
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("authorships")).order_by("-n").first()
    month = timezone.localtime(public.first().published_at if public.exists() else now)
    found = [
        ("home", "/"),
        ("article", article.get_absolute_url(), article.refs),
        ("seed paper", paper.get_absolute_url(), paper.refs) if paper else None,
        ("section", section.get_absolute_url()),
        ("tag", tag.get_absolute_url()),
        ("author", author.get_absolute_url()),
        ("search", "/search/?q=" + quote("التحالف الدولي")),
        ("archive month", f"/archive/{month.year}/{month.month}/"),
        ("RSS feed", "/feed/"),
        ("Atom feed", "/feed/atom/"),
        ("sitemap", "/sitemap.xml"),
    ]
    # (label, path, references shown or None)
    return [(*page, None)[:3] for page in found if page]


def rounds():
    """Round numbers: ``MIN_ROUNDS`` at least, then more while ``BUDGET_SECONDS`` last."""
    started = time.perf_counter()
    n = 0
    while n < MIN_ROUNDS or (time.perf_counter() - started < BUDGET_SECONDS and n < MAX_ROUNDS):
        yield n
        n += 1


class Timer:
    """Requests through the full stack, as an anonymous reader over HTTPS."""

    def __init__(self):
        self.client = Client(HTTP_HOST="127.0.0.1")

    def get(self, path):
        self.client.cookies.clear()
        return self.client.get(path, secure=True)

    def timed(self, path):
        """Milliseconds of one request, and its response (which must be a 200)."""
        t0 = time.perf_counter()
        response = self.get(path)
        elapsed = (time.perf_counter() - t0) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return elapsed, response

    def queries(self, path, *, clear_cache):
        if clear_cache:
            new_version()
        with CaptureQueriesContext(connection) as captured:
            response = self.get(path)
        return len(captured), response


def measure_yardsticks(timer):
    """The trivial view through the whole stack and as a page-cache hit, interleaved."""
    timer.get(TRIVIAL_PATH)  # stored: from now on a hit
    stack, hit, served = [], [], []
    for _round in rounds():
        stack.append(timer.timed(STACK_TRIVIAL_PATH)[0])
        ms, response = timer.timed(TRIVIAL_PATH)
        hit.append(ms)
        served.append(response.get("X-Cache") == "hit")
    stack_cached = timer.get(STACK_TRIVIAL_PATH).get("X-Cache") == "hit"
    return {
        "trivial_ms": min(stack),
        "trivial_hit_ms": min(hit),
        # What the two yardsticks were, as the page cache answered them.
        "trivial_hit_from_cache": all(served),
        "trivial_from_cache": stack_cached,
        "trivial_rounds": len(stack),
    }


def measure_page(timer, path):
    """Fastest miss, hit and whole-stack yardstick of interleaved rounds.

    A miss is what readers meet after an editor's change: a new version of the site
    (made, with its one query, by the editor's save request, outside the timing),
    every page anew. The miss stores the page, so the hit that follows it is served
    from the cache.
    """
    trivial, miss, hit = [], [], []
    served = False
    for _round in rounds():
        new_version()
        miss.append(timer.timed(path)[0])
        ms, response = timer.timed(path)
        hit.append(ms)
        served = served or response.get("X-Cache") == "hit"
        trivial.append(timer.timed(STACK_TRIVIAL_PATH)[0])
        trivial.append(timer.timed(STACK_TRIVIAL_PATH)[0])
    return {
        "trivial_ms": min(trivial),
        "miss_ms": min(miss),
        "hit_ms": min(hit),
        "rounds": len(miss),
        "served_from_cache": served,
    }


def measure_pages(progress=print):
    """Render time, ratio to the whole-stack trivial view and queries of each page, on a
    miss and a hit."""
    results = []
    with override_settings(ROOT_URLCONF="benchmark.urls"):
        timer = Timer()
        yardsticks = measure_yardsticks(timer)
        progress(
            f"  trivial view: whole stack {yardsticks['trivial_ms']:.3f} ms, page-cache hit "
            f"{yardsticks['trivial_hit_ms']:.3f} ms ({yardsticks['trivial_rounds']} rounds)"
        )
        page_cache = False
        for label, path, references in pages():
            miss_queries, response = timer.queries(path, clear_cache=True)
            size = len(response.content)
            timer.get(path)
            hit_queries, response = timer.queries(path, clear_cache=False)
            measured = measure_page(timer, path)
            page_cache = page_cache or measured["served_from_cache"]
            trivial_ms = measured["trivial_ms"]
            results.append(
                {
                    "label": label,
                    "path": path,
                    "references": references,
                    "bytes": size,
                    "trivial_ms": trivial_ms,
                    "miss_ms": measured["miss_ms"],
                    "miss_ratio": measured["miss_ms"] / trivial_ms,
                    "miss_queries": miss_queries,
                    "hit_ms": measured["hit_ms"],
                    "hit_ratio": measured["hit_ms"] / trivial_ms,
                    "hit_queries": hit_queries,
                    "rounds": measured["rounds"],
                }
            )
            progress(
                f"  {label:14} miss {measured['miss_ms']:7.2f} ms "
                f"({measured['miss_ms'] / trivial_ms:5.1f}×, {miss_queries} queries)  "
                f"hit {measured['hit_ms']:6.2f} ms ({hit_queries} queries)  "
                f"trivial {trivial_ms:.3f} ms, {measured['rounds']} rounds"
            )
    return {**yardsticks, "page_cache": page_cache, "pages": results}


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def search_latency(repeats=5):
    """p50 and p95 of the search itself (``query_terms`` then ``ranked_ids``, as SearchView
    calls them) over a fixed set of Arabic queries, each run ``repeats`` times after a
    warm-up."""
    samples, found = [], {}
    for query in SEARCH_QUERIES:
        terms = search.query_terms(query)
        found[query] = len(search.ranked_ids(terms, "ar"))
        for _ in range(repeats):
            t0 = time.perf_counter()
            search.ranked_ids(search.query_terms(query), "ar")
            samples.append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": percentile(samples, 0.50),
        "p95_ms": percentile(samples, 0.95),
        "max_ms": max(samples),
        "mean_ms": statistics.fmean(samples),
        "queries": len(SEARCH_QUERIES),
        "samples": len(samples),
        "results": found,
    }
