"""Structured references, the paper's citation in Chicago and APA, and its meta tags."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.encoding import uri_to_iri
from lxml import html as lxml_html

from articles.citations import citation
from articles.citations.csl import arabic_punctuation
from articles.citations.parsing import (
    creators_from_text,
    creators_to_text,
    parse_date,
    parse_names,
    structure,
)
from articles.models import Article
from tests.helpers.seeds import PAPER_TITLE

URL = "https://example.org/p/"


@pytest.fixture
def paper(db):
    call_command("import_seeds", stdout=io.StringIO())
    return Article.objects.get(title_ar=PAPER_TITLE)


def test_the_seed_papers_references_come_out_structured(paper):
    refs = {r.number: r for r in paper.references.all()}
    assert refs[1].item_type == "document"
    assert refs[1].creators == [{"name": "وزارة الداخلية السورية", "institution": True}]
    assert (refs[1].issued_year, refs[1].issued_month, refs[1].issued_day) == (2025, 11, 7)
    assert refs[1].container == "تلفزيون سورية"
    assert refs[2].item_type == "webpage"
    assert refs[2].creators == [{"name": "U.S. Department of State", "institution": True}]
    assert refs[2].issued_year == 2024
    for number, family, given, year in [
        (3, "Collombier", "V.", 2023),
        (4, "Lund", "A.", 2022),
        (5, "Hassan", "H.", 2021),
        (6, "Khaddour", "K.", 2024),
    ]:
        assert refs[number].creators == [
            {"name": f"{family}, {given}", "family": family, "given": given}
        ]
        assert (refs[number].issued_year, refs[number].issued_month) == (year, None)
        assert refs[number].item_type == "report"
    assert refs[7].creators == [{"name": "International Crisis Group", "institution": True}]
    assert (refs[7].item_type, refs[7].report_number, refs[7].issued_year) == (
        "report",
        "Report No. 237",
        2025,
    )


def test_the_migration_parser_reads_written_fields():
    parts = structure(
        authors="Lund, A., & Smith, J. R.",
        title="T",
        publisher="Journal of Peace Studies",
        date_text="March 2020",
        report_number="",
        url="",
        note="",
    )
    assert parts["item_type"] == "article-journal"
    assert [c["family"] for c in parts["creators"]] == ["Lund", "Smith"]
    assert (parts["issued_year"], parts["issued_month"], parts["issued_day"]) == (2020, 3, None)
    assert parse_date("") == (None, None, None)
    assert parse_names("") == []
    # An Arabic name with diacritics is kept as written, a person's literal name.
    assert parse_names("مُحَمَّد عَلِيّ") == [{"name": "مُحَمَّد عَلِيّ"}]


def test_the_admins_lines_round_trip():
    creators = [
        {"name": "Lund, A.", "family": "Lund", "given": "A."},
        {"name": "International Crisis Group", "institution": True},
        {"name": "أنس قاسم المرفوع"},
    ]
    assert creators_from_text(creators_to_text(creators)) == creators


# Hand-checked against the Chicago Manual of Style 18th ed. (14.118, reports) and APA 7
# (10.4, reports by a group author); the paper's report number TT-2025-001 is assigned
# on publication, its publisher is the site.
EXPECTED = {
    ("ar", "chicago"): (
        "إدارة الموقع. انضمام سورية إلى التحالف الدولي ضد داعش. TT-2025-001. "
        "مركز الدراسات، 2025. https://example.org/p/."
    ),
    ("ar", "apa"): (
        "إدارة الموقع. (2025). انضمام سورية إلى التحالف الدولي ضد داعش (TT-2025-001). "
        "مركز الدراسات. https://example.org/p/"
    ),
    ("en", "chicago"): (
        "Editorial Desk. انضمام سورية إلى التحالف الدولي ضد داعش. TT-2025-001. "
        "Centre for Studies, 2025. https://example.org/p/."
    ),
    ("en", "apa"): (
        "Editorial Desk. (2025). انضمام سورية إلى التحالف الدولي ضد داعش (TT-2025-001). "
        "Centre for Studies. https://example.org/p/"
    ),
}


@pytest.mark.parametrize(("language", "style"), EXPECTED)
def test_the_papers_citation(paper, language, style):
    with translation.override(language):
        article = Article.objects.get(pk=paper.pk)
        text = citation(article, URL, style=style, html=False)
        assert text == EXPECTED[language, style]
        assert "<i>" in citation(article, URL, style=style)  # the title in italics


def test_arabic_months_and_commas_in_the_arabic_edition():
    from articles.citations import csl

    item = {
        "id": "n",
        "type": "webpage",
        "title": "خبر",
        "author": [{"literal": "مراسل"}],
        "container-title": "موقع",
        "issued": {"date-parts": [[2025, 11, 3]]},
    }
    (entry,) = csl.render([item], style="chicago", language="ar", html=False)
    assert "نوفمبر" in entry and "«خبر»" in entry
    assert "," not in entry
    assert arabic_punctuation("Lund, A. مركز, 2025") == "Lund, A. مركز، 2025"


def test_the_paper_page_has_highwire_and_dublin_core(client, paper):
    page = lxml_html.fromstring(client.get(paper.get_absolute_url()).content)

    def meta(name):
        return [m.get("content") for m in page.xpath(f'//meta[@name="{name}"]')]

    assert meta("citation_title") == [PAPER_TITLE]
    assert meta("citation_author") == ["إدارة الموقع"]
    assert meta("citation_publication_date") == ["2025/11/08"]
    assert meta("citation_technical_report_institution") == ["مركز الدراسات"]
    assert meta("citation_technical_report_number") == [paper.report_number]
    assert meta("citation_pdf_url")[0].endswith(paper.get_absolute_url() + "pdf/")
    assert meta("citation_pdf_url")[0].startswith("http")
    assert meta("citation_language") == ["ar"]
    assert meta("DC.creator") == ["إدارة الموقع"] and meta("DC.date") == ["2025-11-08"]
    types = {link.get("type") for link in page.xpath('//head/link[@rel="alternate"]')}
    assert {"application/x-bibtex", "application/x-research-info-systems"} <= types
    box = page.xpath('//section[@class="cite"]')[0]
    address = paper.get_absolute_url()
    assert [p.text_content() for p in box.xpath('.//p[@class="cite__text"]')] == [
        EXPECTED["ar", "chicago"].replace(URL, uri_to_iri(f"http://testserver{address}")),
        EXPECTED["ar", "apa"].replace(URL, uri_to_iri(f"http://testserver{address}")),
    ]
    # The copy buttons are the script's to show; without it the text is selected by hand.
    assert all(button.get("hidden") is not None for button in box.xpath(".//button"))
    assert not page.xpath("//script[not(@src) and not(@type='application/ld+json')]")


def test_news_has_no_highwire_tags_and_no_box(client, paper):
    news = Article.objects.exclude(pk=paper.pk).filter(section__genre="news").first()
    page = lxml_html.fromstring(client.get(news.get_absolute_url()).content)
    assert not page.xpath('//meta[starts-with(@name, "citation_")]')
    assert not page.xpath('//section[@class="cite"]')
    assert page.xpath('//meta[@name="author"]')


def test_citation_html_holds_no_markup_of_the_data():
    from articles.citations import csl

    item = {"id": "x", "type": "report", "title": "</p><script>x</script>", "author": []}
    (entry,) = csl.render([item], style="apa", language="en")
    assert "<script>" not in entry and "&lt;script&gt;" in entry
    (plain,) = csl.render([item], style="apa", language="en", html=False)
    assert "<script>x</script>" in plain
