"""A paper at the edges of what editors write: its page, its downloads and its PDF still
come out, and the downloads still parse with real BibTeX, RIS and CSL-JSON readers."""

import json
import re
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.bparser import BibTexParser

from articles.models import Article, Reference, Section
from tests.helpers.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "articles/citations/schema/csl-data.json").read_text()
)
EMOJI_TITLE = "🚀🔥 «؟!» … 🇸🇾"
DIACRITICS = "مُحَمَّدٌ الْعَلِيُّ"
REFERENCES = 300
PARAGRAPH = (
    "تتناول هذه الفقرة أثر الاتفاق على توازن القوى في الشمال الشرقي وعلى علاقة دمشق "
    "بالعواصم الغربية والإقليمية في المرحلة المقبلة "
)  # 20 words


@pytest.fixture(scope="module")
def extreme(django_db_setup, django_db_blocker):
    """One paper with 300 references, a 40,000-word body, an emoji title, no summary and
    no authors; built once for the module (the PDF of 40,000 words takes a while)."""
    with django_db_blocker.unblock():
        section = make_section(genre=Section.Genre.ANALYSIS)
        paragraphs = [
            f"<h2>القسم {n}</h2>" + "".join(f"<p>{PARAGRAPH * 5}[{n}]</p>" for _ in range(4))
            for n in range(1, 101)
        ]
        article = make_article(
            title=EMOJI_TITLE, summary="", body="".join(paragraphs), section=section
        )
        Reference.objects.bulk_create(
            [
                Reference(article=article, number=n, title=f"تقرير رقم {n}", authors=DIACRITICS)
                for n in range(1, REFERENCES)
            ]
            # A reference with only an address.
            + [Reference(article=article, number=REFERENCES, title="", url="https://example.org/x")]
        )
        yield Article.objects.get(pk=article.pk)
        Article.objects.filter(pk=article.pk).delete()
        section.delete()


def bib(text):
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    return bibtexparser.loads(text, parser=parser).entries


def test_the_body_is_forty_thousand_words(extreme):
    assert len(extreme.body.split()) >= 40_000


def test_the_page_renders_with_its_contents_and_every_reference(client, extreme):
    response = client.get(extreme.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert EMOJI_TITLE.replace("«", "&laquo;") in html or "🚀🔥" in html
    assert html.count('class="citation"') == REFERENCES
    assert "استشهد بهذه الورقة" in html


def test_the_downloads_parse_with_every_reference(client, extreme):
    url = extreme.get_absolute_url()
    (entry,) = bib(client.get(f"{url}citation.bib").content.decode())
    assert entry["ENTRYTYPE"] == "techreport" and "🚀🔥" in entry["title"]
    assert "author" not in entry
    entries = bib(client.get(f"{url}references.bib").content.decode())
    assert len(entries) == REFERENCES
    assert entries[0]["author"] == "{" + DIACRITICS + "}"
    assert entries[-1]["url"] == "https://example.org/x"
    records = rispy.loads(client.get(f"{url}references.ris").content.decode())
    assert len(records) == REFERENCES and records[-1]["urls"] == ["https://example.org/x"]
    items = json.loads(client.get(f"{url}references.json").content)
    jsonschema.validate(items, SCHEMA)
    assert len(items) == REFERENCES
    own = json.loads(client.get(f"{url}citation.json").content)
    jsonschema.validate(own, SCHEMA)
    assert own[0]["title"] == EMOJI_TITLE


def test_the_pdf_is_made_with_the_diacritics_kept(client, extreme, tmp_path):
    response = client.get(f"{extreme.get_absolute_url()}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "extreme.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext marks direction runs (U+202A…U+202C); the words are what count.
    text = re.sub("[\u202a-\u202e]", "", text)
    assert "القسم 100" in text
    assert text.count("تقرير رقم") == REFERENCES - 1
    pages = Article.objects.get(pk=extreme.pk).page_count
    assert pages and pages > 50


def test_a_paper_with_an_author_of_diacritics_cites_them_as_written(client):
    author = make_author(name=DIACRITICS)
    paper = make_article(
        title="ورقة",
        summary="",
        authors=[author],
        section=make_section(genre=Section.Genre.ANALYSIS),
    )
    (entry,) = bib(client.get(f"{paper.get_absolute_url()}citation.bib").content.decode())
    assert entry["author"] == "{" + DIACRITICS + "}"
    page = client.get(paper.get_absolute_url()).content.decode()
    assert DIACRITICS in page.split("استشهد بهذه الورقة")[1]
