"""Document details of papers: report numbers, DOI, the details block, the table of
contents and the author cards."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from articles.models import Article, Section
from articles.rendering import render_body
from tests.helpers.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

YEAR = timezone.now().year


def paper(**kwargs):
    kwargs.setdefault("section", make_section(genre=Section.Genre.ANALYSIS))
    return make_article(**kwargs)


def news(**kwargs):
    kwargs.setdefault("section", make_section(genre=Section.Genre.NEWS))
    return make_article(**kwargs)


def test_papers_get_the_next_number_of_their_series_when_published():
    first, second = paper(), paper()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.report_number == f"TT-{YEAR}-001"
    assert second.report_number == f"TT-{YEAR}-002"


def test_news_drafts_and_numbered_papers_keep_what_they_have(settings):
    assert news().report_number is None
    draft = paper(published=False)
    assert Article.objects.get(pk=draft.pk).report_number is None
    own = paper(report_number="SPECIAL-7")
    assert Article.objects.get(pk=own.pk).report_number == "SPECIAL-7"
    # Publishing the draft later gives it its number, once.
    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    number = Article.objects.get(pk=draft.pk).report_number
    assert number == f"TT-{YEAR}-001"
    draft.save()
    assert Article.objects.get(pk=draft.pk).report_number == number


def test_a_number_taken_by_hand_is_skipped_and_the_pattern_comes_from_settings(settings):
    settings.REPORT_NUMBER_PATTERN = "WP/{year}/{n:04d}"
    paper(report_number=f"WP/{YEAR}/0005")
    assert Article.objects.get(pk=paper().pk).report_number == f"WP/{YEAR}/0006"


def test_report_numbers_are_unique_in_the_database_and_empty_is_no_number():
    paper(report_number="TT-X-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        news(report_number="TT-X-1")
    a, b = news(report_number=""), news(report_number="  ")
    assert a.report_number is None and b.report_number is None


def test_a_clash_with_a_concurrent_publication_is_retried(monkeypatch):
    """Another publication took the number between our read and our write."""
    from articles import documents

    real = documents.next_report_number
    calls = []

    def stale_then_real(year):
        calls.append(year)
        if len(calls) == 1:
            return f"TT-{YEAR}-001"  # what a concurrent reader also computed
        return real(year)

    taken = paper()
    assert Article.objects.get(pk=taken.pk).report_number == f"TT-{YEAR}-001"
    monkeypatch.setattr(documents, "next_report_number", stale_then_real)
    late = paper()
    assert Article.objects.get(pk=late.pk).report_number == f"TT-{YEAR}-002"
    assert len(calls) == 2


@pytest.mark.parametrize("doi", ["10.1234/abc.2025.014", "10.48550/arXiv.2301.00001"])
def test_a_doi_is_accepted(doi):
    article = news(doi=doi)
    article.full_clean()


@pytest.mark.parametrize(
    "doi", ["https://doi.org/10.1234/x", "10.12/x", "doi:10.1234/x", "10.1234/"]
)
def test_a_malformed_doi_is_refused_in_arabic(doi):
    article = news(doi=doi)
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    message = refused.value.message_dict["doi"][0]
    assert "أدخل معرّفاً رقمياً" in message


BODY = (
    "<h2>مقدمة:</h2><p>نص[1].</p><h2>خلفية الحدث</h2><p>نص.</p>"
    "<h2>مقدمة</h2><p>نص.</p><h2>2025 in review</h2><p>Text.</p>"
)


def test_headings_of_a_paper_get_stable_readable_ids():
    body = render_body(BODY, language="ar", numbers=[1], outline=True)
    assert body.toc == [
        ("مقدمة", "مقدمة"),
        ("خلفية-الحدث", "خلفية الحدث"),
        ("مقدمة-2", "مقدمة"),
        ("s-2025-in-review", "2025 in review"),
    ]
    assert '<h2 id="مقدمة">' in body.html
    assert '<h2 dir="ltr" lang="en" id="s-2025-in-review">' in body.html
    again = render_body(BODY, language="ar", numbers=[1], outline=True)
    assert again.html == body.html
    # Without an outline (news, feeds) the body is as before.
    assert "id=" not in render_body("<h2>أ</h2>", language="ar", numbers=[]).html


def test_fewer_than_three_headings_make_no_table_of_contents():
    body = render_body("<h2>أ</h2><h2>ب</h2>", language="ar", numbers=[], outline=True)
    assert len(body.headings) == 2 and body.toc == []


def test_the_paper_page_shows_details_contents_and_author_cards(client, settings):
    author = make_author(
        name="سعاد ناصر", role="باحثة في الشؤون الأمنية", bio="سيرة قصيرة للباحثة."
    )
    article = paper(body=BODY, authors=[author], doi="10.1234/tt.2025.1", series="تقديرات موقف")
    Article.objects.filter(pk=article.pk).update(page_count=7)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "تفاصيل الوثيقة" in html
    assert f"TT-{YEAR}-001" in html
    assert 'href="https://doi.org/10.1234/tt.2025.1"' in html
    assert "تقديرات موقف" in html and "CC BY 4.0" in html and "العربية" in html
    assert "<dd>7</dd>" in html
    assert '<details class="toc" open>' in html
    assert '<a href="#خلفية-الحدث" dir="auto">خلفية الحدث</a>' in html
    assert 'id="خلفية-الحدث"' in html
    assert "عن الكاتب" in html and "باحثة في الشؤون الأمنية" in html
    assert "سيرة قصيرة للباحثة." in html
    assert f'href="{author.get_absolute_url()}"' in html
    assert "تحميل PDF" in html and f'href="{article.get_absolute_url()}pdf/"' in html


def test_news_show_no_details_no_contents_and_no_cards(client):
    author = make_author(role="محرر", bio="سيرة المحرر.")
    article = news(body=BODY, authors=[author])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "تفاصيل الوثيقة" not in html
    assert 'class="toc"' not in html
    assert "سيرة المحرر." not in html
    assert "تحميل PDF" in html  # every article has its PDF edition


def test_the_english_page_says_document_details(client):
    article = paper(title_en="A paper", body_en=BODY)
    with translation.override("en"):
        url = article.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Document details" in html and "Download PDF" in html
    assert "Arabic, English" in html


def test_the_author_page_shows_the_card(client):
    author = make_author(name="سعاد ناصر", role="باحثة", bio="سيرة قصيرة.")
    html = client.get(author.get_absolute_url()).content.decode()
    assert 'class="author-card"' in html and "باحثة" in html and "سيرة قصيرة." in html
    assert "<h1" in html
