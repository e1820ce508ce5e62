"""The PDF edition: typeset text, embedded fonts, links, tags; one render per version."""

import socket
import subprocess

import pytest
from django.utils import translation
from pypdf import PdfReader

from articles.models import Article, Section
from articles.pdf.rendering import pdf_rendered
from tests.helpers.factories import make_article, make_author, make_reference, make_section

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>مقدمة</h2><p>يشكّل إعلان وزارة الداخلية تطوراً نوعياً في المسار الأمني[1].</p>"
    "<h2>خلفية الحدث</h2><p>أعلنت الوزارة تفكيك خلايا[2].</p>"
    "<h2>الخاتمة</h2><p>وفي الختام تبقى الاحتمالات مفتوحة.</p>"
    '<blockquote dir="ltr" lang="en"><p>The coalition welcomes Syria.</p></blockquote>'
)
TITLE = "انضمام سورية إلى التحالف الدولي"


@pytest.fixture
def renders():
    seen = []

    def count(sender, article, language, pages, **kwargs):
        seen.append((article.pk, language))

    pdf_rendered.connect(count)
    yield seen
    pdf_rendered.disconnect(count)


@pytest.fixture
def paper(db):
    author = make_author(name="سعاد ناصر", role="باحثة")
    article = make_article(
        title=TITLE,
        title_en="Syria joins the coalition",
        body=BODY,
        body_en="<h2>Intro</h2><p>Syria joined the coalition[1].</p>",
        authors=[author],
        section=make_section(genre=Section.Genre.ANALYSIS),
    )
    make_reference(article, 1, title="Coalition report", url="https://example.org/r")
    make_reference(article, 2, title="بيان وزارة الداخلية")
    return Article.objects.get(pk=article.pk)


def pdf_url(article, language="ar"):
    with translation.override(language):
        return f"{article.get_absolute_url()}pdf/"


def tool(name, path, *args):
    command = [name, str(path), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def arabic_pdf(client, paper, tmp_path, renders):
    response = client.get(pdf_url(paper))
    assert response.status_code == 200, response.content[:300]
    path = tmp_path / "paper.pdf"
    path.write_bytes(response.content)
    return response, path


def test_the_pdf_is_typeset_text_with_embedded_fonts_links_and_tags(arabic_pdf, paper, renders):
    response, path = arabic_pdf
    assert response["Content-Type"] == "application/pdf"
    text = tool("pdftotext", path, "-")
    assert TITLE in text
    assert "سعاد ناصر" in text
    assert "وفي الختام تبقى الاحتمالات مفتوحة" in text
    assert text.index(TITLE) < text.index("سعاد ناصر") < text.index("وفي الختام")
    assert "The coalition welcomes Syria." in text
    fonts = tool("pdffonts", path).splitlines()[2:]
    # name, type, encoding, then emb / sub / uni: every font embedded.
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert not any("Type 3" in line for line in fonts)
    info = tool("pdfinfo", path)
    assert "Tagged:          yes" in info
    assert f"Title:           {TITLE}" in info
    assert "Author:          سعاد ناصر" in info
    reader = PdfReader(path)
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    internal = [link for link in links if "/Dest" in link or ("/A" in link and "/D" in link["/A"])]
    assert len(internal) >= 4  # two markers → references, and back; plus the contents
    assert reader.metadata.title == TITLE
    # The last page cites the paper as the page does (Chicago, with «،» in Arabic).
    assert "استشهد بهذه الورقة" in text
    cite_box = text.split("استشهد بهذه الورقة")[1]
    assert "شيكاغو" in cite_box and "سعاد ناصر" in cite_box and "APA" in cite_box
    assert renders == [(paper.pk, "ar")]
    assert Article.objects.get(pk=paper.pk).page_count == len(reader.pages)


def test_the_english_edition_is_its_own_pdf(client, paper, tmp_path, renders):
    response = client.get(pdf_url(paper, "en"))
    assert response.status_code == 200
    path = tmp_path / "en.pdf"
    path.write_bytes(response.content)
    text = tool("pdftotext", path, "-")
    assert "Syria joins the coalition" in text and "Document details" in text
    assert renders == [(paper.pk, "en")]


def test_one_render_per_version_with_etag_304_and_a_new_pdf_after_an_edit(
    client, arabic_pdf, paper, renders
):
    first, _path = arabic_pdf
    again = client.get(pdf_url(paper))
    assert again.status_code == 200 and again.content == first.content
    assert renders == [(paper.pk, "ar")]
    assert first["ETag"] and first["Last-Modified"]
    assert "must-revalidate" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert first["Content-Disposition"].startswith('inline; filename="')
    assert "filename*=UTF-8''" in first["Content-Disposition"]
    not_modified = client.get(pdf_url(paper), HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    paper.refresh_from_db()
    paper.body = BODY.replace("مفتوحة", "مفتوحة على كل شيء")
    paper.save()
    changed = client.get(pdf_url(paper))
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert renders == [(paper.pk, "ar"), (paper.pk, "ar")]


def test_with_the_cache_down_the_pdf_is_still_made_once_and_served(
    client, paper, settings, renders
):
    """The render lock lives in the cache: a dead cache (nothing listens on its port) must
    not make readers wait for a lock nobody holds."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    first = client.get(pdf_url(paper))
    again = client.get(pdf_url(paper))
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.content.startswith(b"%PDF")
    assert renders == [(paper.pk, "ar")]


def test_unpublished_is_404_but_staff_preview_it(client, editor, renders):
    draft = make_article(published=False, body="<p>مسودة.</p>")
    from django.test import Client

    assert Client().get(pdf_url(draft)).status_code == 404
    preview = client.get(pdf_url(draft))
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"] or "no-store" in preview["Cache-Control"]


def test_a_render_failure_is_a_503_in_the_edition_language(client, paper, settings, caplog):
    settings.PDF_TEMPLATE = "articles/print/no-such-template.html"
    response = client.get(pdf_url(paper))
    assert response.status_code == 503
    assert "تعذّر إعداد نسخة PDF" in response.content.decode()
    assert response["Retry-After"]
    assert any("PDF edition" in record.message for record in caplog.records)
    english = client.get(pdf_url(paper, "en"))
    assert english.status_code == 503 and "cannot be made" in english.content.decode()
    assert client.get(paper.get_absolute_url()).status_code == 200
