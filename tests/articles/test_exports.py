"""BibTeX, RIS and CSL-JSON downloads, read back by real parsers."""

import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from django.core.management import call_command

from articles.models import Article, Reference
from tests.helpers.factories import make_article
from tests.helpers.seeds import PAPER_TITLE

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "articles/citations/schema/csl-data.json").read_text()
)


def bib(text):
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    return bibtexparser.loads(text, parser=parser).entries


def get(client, article, what, fmt):
    response = client.get(f"{article.get_absolute_url()}{what}.{fmt}")
    assert response.status_code == 200, response.content[:200]
    return response


@pytest.fixture
def paper(db):
    call_command("import_seeds", stdout=io.StringIO())
    return Article.objects.get(title_ar=PAPER_TITLE)


def test_the_papers_citation_in_three_formats(client, paper):
    response = get(client, paper, "citation", "bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="article-{paper.pk}.bib"; ')
    assert "filename*=UTF-8''%D8%A7" in disposition
    (entry,) = bib(response.content.decode())
    assert entry["ENTRYTYPE"] == "techreport"
    assert entry["title"] == "{" + PAPER_TITLE + "}"
    assert entry["author"] == "{إدارة الموقع}"
    assert (entry["year"], entry["institution"]) == ("2025", "مركز الدراسات")
    assert entry["number"] == paper.report_number

    response = get(client, paper, "citation", "ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    (record,) = rispy.loads(response.content.decode())
    assert record["type_of_reference"] == "RPRT"
    assert record["title"] == PAPER_TITLE
    assert record["authors"] == ["إدارة الموقع"]
    assert record["year"] == "2025" and record["publisher"] == "مركز الدراسات"

    response = get(client, paper, "citation", "json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    data = json.loads(response.content)
    jsonschema.validate(data, SCHEMA)
    assert data[0]["type"] == "report" and data[0]["issued"] == {"date-parts": [[2025, 11, 8]]}


def test_the_papers_bibliography(client, paper):
    entries = bib(get(client, paper, "references", "bib").content.decode())
    assert len(entries) == 7
    lund = entries[3]
    assert lund["author"] == "{Lund}, {A.}" and lund["year"] == "2022"
    assert lund["institution"] == "Carnegie Middle East Center"
    records = rispy.loads(get(client, paper, "references", "ris").content.decode())
    assert [r["type_of_reference"] for r in records] == [
        "GEN",
        "ELEC",
        "RPRT",
        "RPRT",
        "RPRT",
        "RPRT",
        "RPRT",
    ]
    assert records[3]["authors"] == ["Lund, A."]
    data = json.loads(get(client, paper, "references", "json").content)
    jsonschema.validate(data, SCHEMA)
    assert data[3]["author"] == [{"family": "Lund", "given": "A."}]
    assert data[0]["issued"] == {"date-parts": [[2025, 11, 7]]}


def test_news_is_an_online_item(client, paper):
    news = Article.objects.exclude(pk=paper.pk).filter(section__genre="news").first()
    (entry,) = bib(get(client, news, "citation", "bib").content.decode())
    assert entry["ENTRYTYPE"] == "online"
    (record,) = rispy.loads(get(client, news, "citation", "ris").content.decode())
    assert record["type_of_reference"] == "ELEC"


def test_only_public_articles_and_known_formats(client, db):
    draft = make_article(published=False)
    assert client.get(f"{draft.get_absolute_url()}citation.bib").status_code == 404
    public = make_article()
    assert client.get(f"{public.get_absolute_url()}citation.doc").status_code == 404
    assert client.get(f"{public.get_absolute_url()}other.bib").status_code == 404


def test_bad_input_stays_valid(client, db):
    article = make_article(title="🔥🔥 «!!» {oops} 100% & #1 _x_ \\ ~^", summary="")
    Reference.objects.bulk_create(
        [Reference(article=article, number=1, title="", url="https://example.org/only")]
        + [
            Reference(
                article=article,
                number=n,
                title=f"مرجع {n} {{",
                authors="مُحَمَّد عَلِيّ",
                creators=[{"name": "مُحَمَّد عَلِيّ"}],
                issued_year=2020,
            )
            for n in range(2, 302)
        ]
    )
    assert client.get(article.get_absolute_url()).status_code == 200
    for what, count in (("citation", 1), ("references", 301)):
        assert len(bib(get(client, article, what, "bib").content.decode())) == count
        assert len(rispy.loads(get(client, article, what, "ris").content.decode())) == count
        jsonschema.validate(json.loads(get(client, article, what, "json").content), SCHEMA)
    (entry,) = bib(get(client, article, "citation", "bib").content.decode())
    assert "🔥🔥" in entry["title"] and "author" not in entry
