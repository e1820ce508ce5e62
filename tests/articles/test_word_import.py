"""Word documents imported as drafts (articles/ingest/word/, the admin form, import_docx)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from reversion.models import Version

from articles.ingest.documents import decode, parse_document
from articles.ingest.metadata import parse_metadata
from articles.ingest.word.importer import docx_import
from articles.ingest.word.package import WordImportError
from articles.models import Article, Authorship, Reference
from tests.helpers.factories import make_article, make_author, make_section

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "docx"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
IMPORT_URL = "admin:articles_article_import_word"


def fixture(name):
    return (FIXTURES / name).read_bytes()


def counts():
    return (
        Article.objects.count(),
        Reference.objects.count(),
        Version.objects.count(),
        Authorship.objects.count(),
    )


def media_files(media_root):
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


# --- Documents made by real word processors ------------------------------------------


@pytest.mark.django_db
def test_libreoffice_document_with_footnotes_endnote_image_table_and_comment():
    section = make_section()
    result = docx_import(
        data=fixture("paper-libreoffice.ar.docx"),
        name="paper.docx",
        user=None,
        section=section,
    )
    article = result.article
    assert article.status == Article.Status.DRAFT
    assert article.title_ar == "التحولات في السياسة المائية التركية تجاه سورية"
    assert article.summary_ar.startswith("ورقة تحليلية")
    body = article.body_ar
    assert "<h2>مقدمة</h2>" in body and "<h2>أبرز السدود</h2>" in body
    assert "<li>سد بيره جك<ul><li>افتتح عام 2000</li></ul></li>" in body
    assert "<blockquote><p>الماء ليس سلعة" in body
    assert "عقود[1]" in body
    # "Ibid." points to the note before it.
    assert "ثلاثي[2]، كما ورد في المصدر ذاته[2]" in body
    assert "<img" not in body and "<table" not in body
    references = list(article.references.order_by("number"))
    assert [r.number for r in references] == [1, 2, 3]
    assert references[0].authors == "Kibaroglu, A."
    assert references[0].date_text == "2019"
    assert references[1].report_number == "Report No. 118"
    assert references[1].url == "https://www.crisisgroup.org/water"
    assert references[2].title == "AQUASTAT"  # the endnote
    assert article.cover_image
    assert "لم يُستورد: صورة واحدة، جدول واحد، تعليق واحد." in result.message
    assert "أول صورة في المستند هي صورة الغلاف." in result.message


@pytest.mark.django_db
def test_pandoc_document_nested_lists_quote_link_and_commentary_note():
    result = docx_import(
        data=fixture("paper-pandoc.ar.docx"), name="p.docx", user=None, section=make_section()
    )
    article = result.article
    body = article.body_ar
    assert article.summary_ar.startswith("قراءة في أثر")
    assert "<ol><li>تراجع الهطول المطري بنسبة <strong>كبيرة</strong>" in body
    assert "<ul><li>الأسمدة.</li><li>الوقود.</li></ul>" in body
    assert '<a href="https://www.fao.org/"' in body
    assert "<h3>خلاصة</h3>" in body
    # Note 3 is «المرجع السابق»: the same reference as note 2.
    assert "ذلك[2]" in body and "المياه[3]" in body
    references = list(article.references.order_by("number"))
    assert len(references) == 3
    assert references[0].url == "https://www.fao.org/publications"
    assert references[1].report_number == "Report No. 12"
    assert references[2].title == "هذه ملاحظة تعليقية من الكاتب وليست مصدراً."


@pytest.mark.django_db
def test_english_document_summary_from_summary_paragraph_and_unsafe_link_dropped():
    result = docx_import(
        data=fixture("paper-english.docx"),
        name="e.docx",
        user=None,
        section=make_section(),
        language="en",
    )
    article = result.article
    assert article.title_en == "Water and Power on the Euphrates"
    assert article.summary_en == "How upstream dams reshape politics downstream."
    assert "javascript" not in article.body_en and "bad link" in article.body_en
    assert "رابط واحد ليس عنوان ويب أو بريد" in result.message


@pytest.mark.django_db
def test_english_translation_fills_only_empty_english_fields():
    article = make_article(published=False, title_ar="عنوان", title_en="Kept")
    docx_import(
        data=fixture("paper-english.docx"),
        name="e.docx",
        user=None,
        language="en",
        translation_of=article,
    )
    article.refresh_from_db()
    assert article.title_en == "Kept"
    assert "Euphrates" in article.body_en
    assert article.references.count() == 1


@pytest.mark.django_db
def test_seed_paper_as_word_has_the_structure_import_seeds_gives():
    tz = __import__("django.utils.timezone", fromlist=["x"]).get_default_timezone()
    seed = SEEDS / "000_2d0fe8b332cbd347.txt"
    metadata = parse_metadata(decode(seed.with_suffix(".toml").read_bytes()), tz)
    expected = parse_document(decode(seed.read_bytes()), metadata.layout, tz)

    article = docx_import(
        data=fixture("seed-000.docx"), name="s.docx", user=None, section=make_section()
    ).article
    assert article.title_ar == expected.title
    assert article.body_ar == expected.body_html
    got = list(article.references.order_by("number"))
    assert len(got) == 7
    for reference, parsed in zip(got, expected.references, strict=True):
        for name in ("number", "authors", "title", "publisher", "date_text", "report_number"):
            assert getattr(reference, name) == getattr(parsed, name), name
    # The structured parts too, as import_seeds gives them: «Lund, A. (2022)» is a person.
    lund = next(reference for reference in got if reference.authors.startswith("Lund"))
    assert lund.creators == [{"name": "Lund, A.", "family": "Lund", "given": "A."}]
    assert (lund.item_type, lund.issued_year) == ("report", 2022)


# --- Bad input: a clear Arabic error, nothing created --------------------------------


def _docx(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _with(name, extra):
    """A fixture with its parts changed or added."""
    with zipfile.ZipFile(io.BytesIO(fixture(name))) as package:
        files = {info.filename: package.read(info) for info in package.infolist()}
    files.update(extra)
    return _docx(files)


def _notes_document(count, note="Smith, J. (2020). Rivers. Press."):
    """The pandoc English fixture with ``count`` footnotes."""
    with zipfile.ZipFile(io.BytesIO(fixture("paper-english.docx"))) as package:
        document = package.read("word/document.xml").decode()
        footnotes = package.read("word/footnotes.xml").decode()
    runs = "".join(
        f'<w:r><w:t>sentence {i}.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
        f'</w:rPr><w:footnoteReference w:id="{100 + i}"/></w:r>'
        for i in range(count)
    )
    document = document.replace("</w:body>", f"<w:p>{runs}</w:p></w:body>", 1)
    notes = "".join(
        f'<w:footnote w:id="{100 + i}"><w:p><w:r><w:t xml:space="preserve">{note} {i}'
        "</w:t></w:r></w:p></w:footnote>"
        for i in range(count)
    )
    footnotes = footnotes.replace("</w:footnotes>", notes + "</w:footnotes>")
    return _with(
        "paper-english.docx",
        {"word/document.xml": document.encode(), "word/footnotes.xml": footnotes.encode()},
    )


def _empty_document():
    with zipfile.ZipFile(io.BytesIO(fixture("paper-english.docx"))) as package:
        document = package.read("word/document.xml").decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    return _with(
        "paper-english.docx", {"word/document.xml": (document[:start] + document[end:]).encode()}
    )


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
    b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01"
    b"\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

BAD = {
    "pdf": (lambda: b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "not_docx"),
    "doc": (lambda: OLE + "WordDocument".encode("utf-16-le"), "doc"),
    "image": (lambda: PNG, "not_docx"),
    "encrypted": (lambda: OLE + "EncryptionInfo".encode("utf-16-le"), "encrypted"),
    "docm": (
        lambda: _with(
            "paper-english.docx",
            {"word/vbaProject.bin": b"\x00macro"},
        ),
        "macros",
    ),
    "docm_type": (
        lambda: _with(
            "paper-english.docx",
            {
                "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(fixture("paper-english.docx")))
                .read("[Content_Types].xml")
                .replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            },
        ),
        "macros",
    ),
    "zip_bomb_size": (
        lambda: _with("paper-english.docx", {"pad.xml": b"0" * 53_000_000}),
        "zip_bomb",
    ),
    "zip_bomb_parts": (
        lambda: _with("paper-english.docx", {f"p/{i}.xml": b"" for i in range(3001)}),
        "zip_bomb",
    ),
    "zip_not_word": (lambda: _docx({"hello.txt": b"hi"}), "not_docx"),
    "no_paragraphs": (_empty_document, "no_text"),
    "javascript_note": (
        lambda: _notes_document(1, note="javascript:alert(document.cookie)"),
        "unsafe_note",
    ),
    "html_note": (
        lambda: _notes_document(1, note="&lt;script&gt;alert(1)&lt;/script&gt;"),
        "unsafe_note",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_refused_with_nothing_created(kind, media_root):
    make_file, code = BAD[kind]
    data = make_file()
    before, files = counts(), media_files(media_root)
    with pytest.raises(WordImportError) as raised:
        docx_import(data=data, name=f"{kind}.docx", user=None, section=make_section())
    assert raised.value.code == code
    assert raised.value.message  # said in the active language (Arabic in these tests)
    assert counts()[:3] == before[:3]
    assert media_files(media_root) == files


@pytest.mark.django_db
def test_too_large_upload_refused(settings):
    settings.WORD_IMPORT_MAX_BYTES = 1000
    with pytest.raises(WordImportError) as raised:
        docx_import(data=fixture("paper-english.docx"), name="x.docx", user=None)
    assert raised.value.code == "too_large"
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_thousand_footnotes_import_whole():
    data = _notes_document(1000)
    article = docx_import(data=data, name="n.docx", user=None, section=make_section()).article
    assert article.references.count() == 1001
    assert "sentence 999.[1001]" in article.body_ar


@pytest.mark.django_db
def test_failure_after_the_cover_is_stored_leaves_no_file(media_root, monkeypatch):
    from articles.ingest.word import importer

    def broken(*args, **kwargs):
        raise RuntimeError("revision failed")

    monkeypatch.setattr(importer.reversion, "add_to_revision", broken)
    with pytest.raises(RuntimeError):
        docx_import(
            data=fixture("paper-libreoffice.ar.docx"),
            name="p.docx",
            user=None,
            section=make_section(),
        )
    assert Article.objects.count() == 0
    assert media_files(media_root) == []


# --- The admin form ---------------------------------------------------------------------


def _post(client, name, **fields):
    upload = SimpleUploadedFile(name, fixture(name))
    return client.post(reverse(IMPORT_URL), {"document": upload, **fields})


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "writer"])
def test_admin_import_creates_a_draft_with_revision_and_message(who, request, client):
    user = request.getfixturevalue(who)
    section = make_section()
    first, second = make_author(name_ar="الأول"), make_author(name_ar="الثاني")
    listing = client.get(reverse("admin:articles_article_changelist"))
    assert reverse(IMPORT_URL) in listing.content.decode()
    form = client.get(reverse(IMPORT_URL))
    assert form.status_code == 200

    response = _post(
        client,
        "paper-pandoc.ar.docx",
        section=section.pk,
        authors=[second.pk, first.pk],
        language="ar",
        use_cover="on",
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT
    assert article.created_by == user
    assert [a.author for a in article.authorships.order_by("position")] == [second, first]
    version = Version.objects.get_for_object(article).get()
    assert version.revision.comment == "استيراد من ملف Word: paper-pandoc.ar.docx"
    assert version.revision.user == user
    page = client.get(response["Location"])
    assert page.status_code == 200
    shown = [str(m) for m in page.context["messages"]]
    assert "استورد مسودةً بـ3 مراجع." in shown[0]


@pytest.mark.django_db
def test_admin_import_error_shown_in_the_form_and_nothing_created(editor, client, media_root):
    section = make_section()
    upload = SimpleUploadedFile("paper.docx", PNG)
    response = client.post(
        reverse(IMPORT_URL), {"document": upload, "section": section.pk, "language": "ar"}
    )
    assert response.status_code == 200
    assert "ليس مستند Word" in response.content.decode()
    assert Article.objects.count() == 0
    assert media_files(media_root) == []


@pytest.mark.django_db
def test_writer_cannot_attach_a_translation_to_another_writers_article(writer, client):
    other = make_article(published=False)
    response = _post(client, "paper-english.docx", language="en", translation_of=other.pk)
    assert response.status_code == 200
    assert Article.objects.count() == 1


# --- The command ----------------------------------------------------------------------


@pytest.mark.django_db
def test_command_one_line_per_file_and_exit_code(capsys, tmp_path):
    make_section(slug="papers")
    make_author(name_ar="إدارة الموقع")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(PNG)
    with pytest.raises(CommandError):
        call_command(
            "import_docx",
            str(FIXTURES / "paper-english.docx"),
            str(bad),
            "--section",
            "papers",
            "--author",
            "إدارة الموقع",
            "--language",
            "en",
        )
    out, err = capsys.readouterr()
    article = Article.objects.get()
    assert f"article {article.pk} /admin/articles/article/{article.pk}/change/" in out
    assert str(bad) in err and "Word" in err
    assert article.authorships.get().author.name_ar == "إدارة الموقع"


@pytest.mark.django_db
def test_command_succeeds_when_every_file_does(capsys):
    make_section()
    call_command("import_docx", str(FIXTURES / "seed-000.docx"))
    out, _err = capsys.readouterr()
    assert out.count("\n") == 1
    assert Article.objects.get().references.count() == 7
