"""What the browser tests share beside their fixtures (``tests/browser/conftest.py``).

Chromium's path and arguments, the window sizes, the page types of the seeded site and
their paths, and the scripts more than one test module runs in the page.
"""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import quote

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import SeedImport

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no internet: these keep Chromium from waiting on the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots for people to look at, in the repository root (git ignores it).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}

# Every kind of public page, by the name tests use for it (see ``Site.path``).
PAGE_TYPES = [
    "home",
    "paper",
    "news",
    "section",
    "tag",
    "author",
    "archive",
    "archive_month",
    "search",
    "search_no_results",
    "search_form",
    "not_found",
]
# A query that finds the seeds, and one that finds nothing.
SEARCH_HIT = "داعش"
SEARCH_MISS = "بطريق"


@dataclass
class Site:
    """The seeded site as a reader reaches it: the live server's address and its pages."""

    url: str
    paths: dict

    def path(self, name):
        return self.paths[name]

    def page_url(self, name):
        return self.url + self.paths[name]


def seeded_paths():
    """The path of every page type in ``PAGE_TYPES``, for content made by ``import_seeds``."""
    # One record per source document (translations, *.en.txt, have their own).
    records = (
        SeedImport.objects.select_related("article")
        .exclude(document__endswith=".en.txt")
        .order_by("document")
    )
    paper, news = (record.article for record in records)
    author = paper.authorships.order_by("position").first().author
    month = timezone.localtime(paper.published_at)
    search = reverse("articles:search")
    return {
        "home": reverse("articles:home"),
        "paper": paper.get_absolute_url(),
        "news": news.get_absolute_url(),
        "section": paper.section.get_absolute_url(),
        "tag": paper.tags.order_by("slug").first().get_absolute_url(),
        "author": author.get_absolute_url(),
        "archive": reverse("articles:archive"),
        "archive_month": reverse("articles:archive_month", args=[month.year, month.month]),
        "search": f"{search}?q={quote(SEARCH_HIT)}",
        "search_no_results": f"{search}?q={quote(SEARCH_MISS)}",
        "search_form": search,
        "not_found": "/no-such-page/",
    }


def import_seeds():
    call_command("import_seeds", stdout=StringIO())


# The outermost elements that stick out of the window sideways, described briefly.
STICKING_OUT = """limit => {
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.left >= -1 && r.right <= innerWidth + 1)) continue;
    if (found.some(f => f.el.contains(el))) continue;
    const name = el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('');
    const text = JSON.stringify((el.textContent || '').trim().slice(0, 40));
    found.push({el, text: `<${name}> ${Math.round(r.left)}..${Math.round(r.right)} px ${text}`});
    if (found.length >= limit) break;
  }
  return found.map(f => f.text);
}"""
