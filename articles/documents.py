"""Document details of a paper: DOI validation and report numbers.

A report number is given once, when a paper in an analysis section is first
published with none: the next number of its series for the year, from
``settings.REPORT_NUMBER_PATTERN``. Two publications at the same moment
cannot take the same number: the column is unique, and a clash is retried
with the next number inside a savepoint.
"""

import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction

logger = logging.getLogger(__name__)

DEFAULT_PATTERN = "TT-{year}-{n:03d}"


def pattern():
    return getattr(settings, "REPORT_NUMBER_PATTERN", DEFAULT_PATTERN)


def _number_regex(year):
    """A regex matching this year's numbers of the pattern, capturing n."""
    text = pattern()
    parts = re.split(r"(\{[^}]*\})", text)
    out = []
    for part in parts:
        if part.startswith("{year"):
            out.append(re.escape(str(year)))
        elif part.startswith("{n"):
            out.append(r"(\d+)")
        else:
            out.append(re.escape(part))
    return re.compile("^" + "".join(out) + "$")


def next_report_number(year):
    from .models import Article

    regex = _number_regex(year)
    prefix = pattern().split("{", 1)[0]
    highest = 0
    for number in Article.objects.filter(report_number__startswith=prefix).values_list(
        "report_number", flat=True
    ):
        match = regex.match(number or "")
        if match:
            highest = max(highest, int(match.group(1)))
    return pattern().format(year=year, n=highest + 1)


def needs_report_number(article):
    return (
        not article.report_number
        and article.status == article.Status.PUBLISHED
        and article.published_at is not None
        and not article.summary_only
        and article.is_paper
    )


def assign_report_number(article, attempts=5):
    """Give a published paper without a number the next one of its series (once)."""
    from .models import Article

    if not needs_report_number(article):
        return article.report_number
    year = article.published_at.year
    for _attempt in range(attempts):
        number = next_report_number(year)
        try:
            with transaction.atomic():
                updated = Article.objects.filter(pk=article.pk, report_number__isnull=True).update(
                    report_number=number
                )
        except IntegrityError:
            continue  # another paper took this number a moment ago: take the next one
        if updated:
            article.report_number = number
        else:
            article.report_number = (
                Article.objects.filter(pk=article.pk)
                .values_list("report_number", flat=True)
                .first()
            )
        return article.report_number
    logger.error("No report number for article %s after %s attempts", article.pk, attempts)
    return None


def _number_on_publication(sender, instance, raw=False, **kwargs):
    if not raw:
        assign_report_number(instance)


def connect():
    from django.db.models.signals import post_save

    from .models import Article

    # Every way of publishing (the admin, a script, the seeds) saves the row: the
    # number is given there, with update(), which sends no signal of its own.
    post_save.connect(
        _number_on_publication, sender=Article, dispatch_uid="articles.documents.report_number"
    )
