"""``manage.py import_seeds`` on the real seed documents and on broken ones."""

import io
import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from articles.models import (
    Article,
    Authorship,
    ReadAlso,
    Reference,
    Section,
    SeedImport,
    Tag,
    TaggedArticle,
)
from authors.models import Author
from tests.helpers.admin import browser_form
from tests.helpers.factories import make_author
from tests.helpers.seeds import READ_ALSO_TITLES

DAMASCUS = ZoneInfo("Asia/Damascus")
SEEDS = Path(settings.BASE_DIR) / "seeds"
PAPER = "000_2d0fe8b332cbd347.txt"
NEWS = "001_634fd96d3931dd05.txt"
PAPER_TITLE = "انضمام سورية إلى التحالف الدولي ضد داعش"
NEWS_TITLE = "تحول تاريخي: سوريا تنضم إلى التحالف الدولي ضد داعش.. ما الدلالات؟"
SUMMARY_LINES = [
    f"  summary-only read-also entry «{title}» (no page; in no list or feed)"
    for title in READ_ALSO_TITLES
]
NEWS_EN = "001_634fd96d3931dd05.en.txt"
NEWS_TITLE_EN = (
    "Historic Shift: Syria Joins the International Coalition Against ISIS — "
    "What Are the Implications?"
)
NEWS_SLUG_EN = (
    "historic-shift-syria-joins-the-international-coalition-against-isis-what-are-the-implications"
)
MODELS = (
    Article,
    Authorship,
    Author,
    ReadAlso,
    Reference,
    Section,
    SeedImport,
    Tag,
    TaggedArticle,
)

pytestmark = pytest.mark.django_db


def run(folder=None):
    out = io.StringIO()
    args = ["--path", str(folder)] if folder else []
    call_command("import_seeds", *args, stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def headings(html):
    return re.findall(r"<h2>(.*?)</h2>", html)


@pytest.fixture
def output():
    return run()


@pytest.fixture
def paper(output):
    return Article.objects.get(title_ar=PAPER_TITLE)


@pytest.fixture
def news(output):
    return Article.objects.get(title_ar=NEWS_TITLE)


# --- The real documents -----------------------------------------------------


def test_output_has_one_line_per_document_and_translation(output):
    assert output.splitlines() == [
        f"imported {PAPER}: «{PAPER_TITLE}» (7 references, 2 read-also)",
        *SUMMARY_LINES,
        f"imported {NEWS}: «{NEWS_TITLE}» (0 references, 0 read-also)",
        f"imported translation {NEWS_EN} into «{NEWS_TITLE_EN}»",
    ]


def test_paper_article(paper):
    assert paper.status == Article.Status.PUBLISHED
    assert paper.published_at == datetime(2025, 11, 8, 10, 0, tzinfo=DAMASCUS)
    assert paper.is_public
    assert (paper.section.slug, paper.section.name_ar, paper.section.genre) == (
        "تقدير-موقف",
        "تقدير موقف",
        "analysis",
    )
    assert [(a.name_ar, a.kind) for a in paper.authors.all()] == [("إدارة الموقع", "desk")]
    assert set(paper.tags.names()) == {"سورية", "داعش", "التحالف الدولي", "فرنسا"}
    assert paper.summary.startswith("تقدير موقف يتناول إعلان وزارة الداخلية السورية")
    assert SeedImport.objects.get(document=PAPER).article == paper


def test_paper_body(paper):
    body = paper.body_ar
    assert headings(body) == [
        "مقدمة",
        "خلفية الحدث",
        "التحالف الدولي ودور فرنسا",
        "الدلالات السياسية في حال انضمام سورية للتحالف",
        "الأبعاد الاستراتيجية والانعكاسات على اتفاق آذار",
        "السيناريوهات المستقبلية",
        "الخاتمة",
    ]
    # A colon line right under a heading introduces the list; it is no heading.
    assert "<p>يحمل هذا التطور إن تم عدة دلالات مهمة:</p>" in body
    assert "<p>يمكن استشراف ثلاثة مسارات رئيسية:</p>" in body
    assert body.count("<ol>") == 2
    assert body.count("<li>") == 6
    assert "<li><strong>استعادة الدور السيادي:</strong> انضمام سورية رسميا" in body
    assert "<li><strong>تحالف إقليمي موسّع:</strong> يجمع سورية" in body
    # The indented block is ordinary paragraphs under its heading.
    assert '<p>شكّلت "قوات سورية الديمقراطية" لسنوات' in body
    assert "من البلاد[1] تطورا" in body
    assert "ثمانين دولة[2]." in body
    assert body.startswith("<h2>مقدمة</h2>")  # the title is not repeated in the body
    for absent in ("شاركها", "المراجع", "Collombier", "اقرأ أيضا", "إدارة الموقع", "ديسمبر"):
        assert absent not in body


def test_paper_references(paper):
    references = {reference.number: reference for reference in paper.references.all()}
    assert sorted(references) == [1, 2, 3, 4, 5, 6, 7]

    first = references[1]
    assert first.authors == "وزارة الداخلية السورية"
    assert first.title == "بيان حول تفكيك خلايا داعش"
    assert first.publisher == "موقع تلفزيون سورية"
    assert first.date_text == "7 تشرين الثاني/نوفمبر 2025"
    assert first.is_arabic

    second = references[2]
    assert (second.authors, second.title) == (
        "U.S. Department of State",
        "Global Coalition to Defeat ISIS",
    )
    assert second.note == "official website, updated 2024"

    third = references[3]
    assert third.authors == "Collombier, V."
    assert third.date_text == "2023"
    assert third.title == "France’s Strategy in the Middle East after the Syrian Conflict"
    assert third.publisher == "European Council on Foreign Relations"
    assert not third.is_arabic

    assert references[4].publisher == "Carnegie Middle East Center"
    assert references[5].title == "ISIS in Syria: The Enduring Threat"

    sixth = references[6]
    assert (sixth.publisher, sixth.note, sixth.date_text) == (
        "Chatham House",
        "Research Paper",
        "2024",
    )

    seventh = references[7]
    assert seventh.authors == "International Crisis Group"
    assert seventh.title == "Steadying the New Syria: Managing the Transition and the Peripheries"
    assert seventh.report_number == "Report No. 237"
    assert seventh.date_text == "2025"


def test_paper_read_also(paper):
    links = list(paper.read_also_links.order_by("position"))
    assert [link.position for link in links] == [1, 2]
    first, second = (link.target for link in links)
    assert first.title == "إعادة تكوين الإنسان العربي: من التهميش إلى الولادة الجديدة"
    assert second.title == (
        "واقع تجارة المخدرات وتعاطيها في سورية في مرحلتي ما قبل وبعد سقوط نظام الأسد"
    )
    assert first.summary == (
        "التحديات التي تواجه الإنسان العربي وكيف يمكن إعادة تكوينه من التهميش إلى التحول الإيجابي."
    )
    for target in (first, second):
        # Entries known by their summary only: shown in the paper's block, nowhere else.
        assert target.summary_only and not target.is_public
        assert target.status == Article.Status.PUBLISHED
        assert target.published_at == datetime(2025, 12, 4, 12, 0, tzinfo=DAMASCUS)
        assert target.section.slug == "دراسات-وتحليلات"
    assert [(a.name_ar, a.kind) for a in first.authors.all()] == [("أنس قاسم المرفوع", "person")]
    assert [(a.name_ar, a.kind) for a in second.authors.all()] == [("إدارة الموقع", "desk")]
    # One desk, shared by the paper, the related article and the news.
    assert Author.objects.filter(name_ar="إدارة الموقع").count() == 1


def test_news_article(news):
    assert news.published_at == datetime(2025, 11, 3, 4, 54, tzinfo=DAMASCUS)
    assert (news.section.slug, news.section.genre) == ("أخبار", "news")
    assert [(a.name_ar, a.kind) for a in news.authors.all()] == [("إدارة الموقع", "desk")]
    assert set(news.tags.names()) == {"سورية", "داعش", "التحالف الدولي", "الولايات المتحدة"}
    assert not news.references.exists()
    assert not news.read_also_links.exists()


def test_news_body(news):
    body = news.body_ar
    assert NEWS_TITLE not in body  # shown once, as the title
    assert "الإثنين" not in body
    assert body.startswith("<p>يبدو أن التحالف الدولي ضد تنظيم داعش")
    assert headings(body) == [
        "نشأة التحالف الدولي وتكوينه",
        "التمويل والبرامج الإنمائية",
        "علاقة التحالف الدولي بسوريا والقوات الشريكة (قسد وسوريا الحرة)",
        "القواعد والانتشار العسكري",
    ]
    assert body.count("<p>") == 11
    assert 'أوضح باراك أن "الرئيس السوري سينضم إلى 88 دولة' in body
    assert "مشاركة المقال" not in body
    assert body.endswith("دير الزور.</p>")


def test_tags_shared_between_documents(paper, news):
    assert Tag.objects.filter(name_ar="سورية").count() == 1


def test_import_in_english_still_fills_the_arabic_fields():
    with translation.override("en"):
        run()
    article = Article.objects.get(title_ar=PAPER_TITLE)
    assert article.title_en is None
    assert article.slug_ar == "انضمام-سورية-إلى-التحالف-الدولي-ضد-داعش"


# --- Running twice ----------------------------------------------------------


def test_second_run_creates_nothing(output):
    before = counts()
    again = run()
    assert counts() == before
    assert again.splitlines() == [
        f"skipped {PAPER} (already imported)",
        f"skipped {NEWS} (already imported)",
        f"skipped translation {NEWS_EN} (already imported)",
    ]


def test_second_run_keeps_an_editors_changes(paper, news):
    paper.title_ar = "عنوان عدّله محرر"
    paper.save()
    news.delete()
    run()
    paper.refresh_from_db()
    assert paper.title_ar == "عنوان عدّله محرر"
    assert not Article.objects.filter(title_ar__in=[PAPER_TITLE, NEWS_TITLE]).exists()
    assert SeedImport.objects.get(document=NEWS).article is None


def test_existing_author_and_section_are_reused_as_they_are():
    desk = make_author(name="إدارة الموقع", kind="desk", role="دور كتبه محرر")
    section = Section.objects.create(name="اسم اختاره محرر", slug="أخبار", genre="news")
    run()
    assert Author.objects.filter(name_ar="إدارة الموقع").get() == desk
    desk.refresh_from_db()
    assert desk.role == "دور كتبه محرر"
    assert Article.objects.get(title_ar=NEWS_TITLE).section == section
    section.refresh_from_db()
    assert section.name == "اسم اختاره محرر"


# --- The English edition ---------------------------------------------------


def test_news_english_fields(news):
    assert news.title_en == NEWS_TITLE_EN
    assert news.slug_en == NEWS_SLUG_EN
    assert news.summary_en.startswith("US Special Envoy for Syria Tom Barrack announced")
    assert news.summary_en.endswith("and its military bases.")
    record = SeedImport.objects.get(document=NEWS_EN)
    assert record.article == news
    assert len(record.digest) == 64
    with translation.override("en"):
        assert news.get_absolute_url() == f"/en/articles/{NEWS_SLUG_EN}/"


def test_news_english_body_has_the_arabic_structure(news):
    body = news.body_en
    assert headings(body) == [
        "Origins and Composition of the International Coalition",
        "Funding and Development Programs",
        "International Coalition Relations with Syria and Partner Forces (SDF, Syrian Free Army)",
        "Bases and Military Deployment",
    ]
    assert len(headings(body)) == len(headings(news.body_ar))
    assert body.count("<p>") == news.body_ar.count("<p>") == 11
    assert re.sub(r">[^<]*<", "><", body) == re.sub(r">[^<]*<", "><", news.body_ar)
    assert NEWS_TITLE_EN not in body
    assert "Monday" not in body
    assert body.startswith("<p>The International Coalition against ISIS appears to be")
    assert 'Barrack explained that "the Syrian president will join 88 other partner' in body
    assert "Combined Joint Task Force – Operation Inherent Resolve (CJTF–OIR)" in body
    assert body.endswith("bases in al-Tanf, Hasakah and Deir ez-Zor.</p>")


def test_english_edition_is_found_by_search(news):
    assert "historic shift" in news.search_document_en.lower()
    assert "editorial desk" in news.search_document_en.lower()


def test_english_names_of_sections_authors_and_tags(paper, news):
    assert {(s.slug, s.name_ar, s.name_en) for s in Section.objects.all()} == {
        ("أخبار", "أخبار", "News"),
        ("تقدير-موقف", "تقدير موقف", "Situation Assessment"),
        ("دراسات-وتحليلات", "دراسات وتحليلات", "Studies and Analysis"),
    }
    assert {(a.name_ar, a.name_en) for a in Author.objects.all()} == {
        ("إدارة الموقع", "Editorial Desk"),
        ("أنس قاسم المرفوع", "Anas Qasem al-Marfoua"),
    }
    assert {(t.name_ar, t.name_en) for t in Tag.objects.all()} == {
        ("سورية", "Syria"),
        ("داعش", "ISIS"),
        ("التحالف الدولي", "International Coalition"),
        ("فرنسا", "France"),
        ("الولايات المتحدة", "United States"),
    }


def test_untranslated_documents_stay_arabic_only(paper):
    assert paper.title_en is None
    assert paper.slug_en is None
    assert not paper.body_en
    assert not SeedImport.objects.filter(document__endswith=".en.txt").exclude(document=NEWS_EN)


def test_second_run_keeps_an_editors_english(news):
    news.title_en = "An editor's English title"
    news.body_en = "<p>An editor's English text.</p>"
    news.save()
    Section.objects.filter(slug="أخبار").update(name_en="Latest")
    before = counts()
    run()
    assert counts() == before
    news.refresh_from_db()
    assert news.title_en == "An editor's English title"
    assert news.body_en == "<p>An editor's English text.</p>"
    assert news.slug_en == NEWS_SLUG_EN
    assert Section.objects.get(slug="أخبار").name_en == "Latest"


def copy_seeds(folder, *, translation=True, english_metadata=True):
    """The project's seed documents in ``folder``, optionally as before the English edition."""
    folder.mkdir(exist_ok=True)
    for path in SEEDS.iterdir():
        if path.suffix not in (".txt", ".toml"):
            continue
        if path.name.endswith(".en.txt") and not translation:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml" and not english_metadata:
            text = re.sub(r"(?m)^(name|summary|description|role)_en = .*\n", "", text)
            text = re.sub(r"(?ms)^\[tags_en\]\n.*?(?=^\[|\Z)", "", text)
            assert not re.search(r"(?m)^[^#]*_en\b", text)
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def seeded_before_translations(tmp_path):
    """A database seeded by the importer as it was before the English edition existed."""
    folder = copy_seeds(tmp_path / "seeds", translation=False, english_metadata=False)
    assert run(folder).splitlines() == [
        f"imported {PAPER}: «{PAPER_TITLE}» (7 references, 2 read-also)",
        *SUMMARY_LINES,
        f"imported {NEWS}: «{NEWS_TITLE}» (0 references, 0 read-also)",
    ]
    assert not Article.objects.filter(title_en__isnull=False).exists()
    assert not Section.objects.filter(name_en__isnull=False).exclude(name_en="").exists()
    assert not Tag.objects.filter(name_en__isnull=False).exists()
    return folder


def arabic_of(article):
    return (article.title_ar, article.slug_ar, article.summary_ar, article.body_ar)


def test_translation_added_after_its_document_was_imported(seeded_before_translations):
    news = Article.objects.get(title_ar=NEWS_TITLE)
    arabic = arabic_of(news)
    Section.objects.filter(slug="أخبار").update(name_ar="اسم اختاره محرر")
    before = counts()
    folder = copy_seeds(seeded_before_translations)  # now with the translation and names

    assert run(folder).splitlines() == [
        f"skipped {PAPER} (already imported)",
        f"skipped {NEWS} (already imported)",
        f"imported translation {NEWS_EN} into «{NEWS_TITLE_EN}»",
        "filled in empty English names: اسم اختاره محرر → News, إدارة الموقع → Editorial Desk, "
        "سورية → Syria, داعش → ISIS, التحالف الدولي → International Coalition, "
        "الولايات المتحدة → United States",
    ]
    assert counts() == {**before, "SeedImport": before["SeedImport"] + 1}
    news.refresh_from_db()
    assert arabic_of(news) == arabic
    assert news.title_en == NEWS_TITLE_EN
    assert news.slug_en == NEWS_SLUG_EN
    assert news.summary_en.startswith("US Special Envoy for Syria Tom Barrack")
    assert len(headings(news.body_en)) == 4
    assert news.body_en.count("<p>") == 11
    assert SeedImport.objects.get(document=NEWS_EN).article == news
    assert "editorial desk" in news.search_document_en.lower()
    # The paper's search text learns the English names of the tags and desk it shares.
    paper = Article.objects.get(title_ar=PAPER_TITLE)
    assert "syria" in paper.search_document_en.lower()

    section = Section.objects.get(slug="أخبار")
    assert (section.name_ar, section.name_en) == ("اسم اختاره محرر", "News")
    # Names come with the translation applied; the paper has none, so the rows only it
    # uses keep their empty English names until it is translated or an editor names them.
    assert not Section.objects.get(slug="تقدير-موقف").name_en
    assert Tag.objects.get(name_ar="فرنسا").name_en is None

    assert run(folder).splitlines() == [
        f"skipped {PAPER} (already imported)",
        f"skipped {NEWS} (already imported)",
        f"skipped translation {NEWS_EN} (already imported)",
    ]


def test_late_translation_leaves_an_editors_english_title(seeded_before_translations):
    news = Article.objects.get(title_ar=NEWS_TITLE)
    news.title_en = "An editor's English title"
    news.save()
    Author.objects.filter(name_ar="إدارة الموقع").update(name_en="The Desk")
    folder = copy_seeds(seeded_before_translations)

    lines = run(folder).splitlines()
    assert lines[2] == (
        f"skipped translation {NEWS_EN}: «{NEWS_TITLE}» already has an English title, "
        "«An editor's English title», left as the editor wrote it"
    )
    news.refresh_from_db()
    assert news.title_en == "An editor's English title"
    assert not news.body_en
    assert not news.summary_en
    assert news.slug_en == "an-editors-english-title"
    # Names are filled in all the same, an editor's excepted.
    assert Author.objects.get(name_ar="إدارة الموقع").name_en == "The Desk"
    assert Tag.objects.get(name_ar="سورية").name_en == "Syria"
    # Settled: emptying the English title later does not bring the seed's back.
    assert SeedImport.objects.get(document=NEWS_EN).article == news
    news.title_en = None
    news.save()
    run(folder)
    news.refresh_from_db()
    assert news.title_en is None


def test_late_translation_fills_only_empty_english_fields(seeded_before_translations):
    news = Article.objects.get(title_ar=NEWS_TITLE)
    news.summary_en = "An editor's English summary."
    news.save()
    run(copy_seeds(seeded_before_translations))
    news.refresh_from_db()
    assert news.title_en == NEWS_TITLE_EN
    assert news.summary_en == "An editor's English summary."
    assert news.body_en.count("<p>") == 11


def test_late_translation_of_a_deleted_article(seeded_before_translations):
    Article.objects.get(title_ar=NEWS_TITLE).delete()
    folder = copy_seeds(seeded_before_translations)
    for _ in range(2):
        assert run(folder).splitlines()[2] == (
            f"skipped translation {NEWS_EN} (the article imported from {NEWS} was deleted)"
        )
    assert not SeedImport.objects.filter(document=NEWS_EN).exists()
    assert not Article.objects.filter(title_en=NEWS_TITLE_EN).exists()


def test_translation_is_not_a_document_of_its_own(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in (NEWS, NEWS_EN, NEWS.replace(".txt", ".toml")):
        shutil.copy(SEEDS / name, folder / name)
    assert run(folder).splitlines() == [
        f"imported {NEWS}: «{NEWS_TITLE}» (0 references, 0 read-also)",
        f"imported translation {NEWS_EN} into «{NEWS_TITLE_EN}»",
    ]
    assert Article.objects.get().title_en == NEWS_TITLE_EN
    assert not Article.objects.filter(title_ar=NEWS_TITLE_EN).exists()
    assert sorted(SeedImport.objects.values_list("document", flat=True)) == [NEWS_EN, NEWS]


def test_translation_without_its_document(tmp_path):
    shutil.copy(SEEDS / NEWS_EN, tmp_path / NEWS_EN)
    error = failure(tmp_path)
    assert f"{NEWS_EN}: a translation of {NEWS}, which is not there" in error
    assert not SeedImport.objects.exists()


def test_existing_rows_get_empty_english_names_only():
    section = Section.objects.create(name="أخبار", slug="أخبار", genre="news")
    desk = make_author(name="إدارة الموقع", kind="desk")
    desk.name_en = "Newsroom"
    desk.save()
    tag = Tag.objects.create(name="سورية")
    run()
    section.refresh_from_db()
    desk.refresh_from_db()
    tag.refresh_from_db()
    assert section.name_en == "News"
    assert desk.name_en == "Newsroom"
    assert tag.name_en == "Syria"


def test_english_tag_name_taken_by_another_tag():
    Tag.objects.create(name_ar="سوريا", name_en="Syria")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_seeds", stdout=out, stderr=err)
    assert Tag.objects.get(name_ar="سورية").name_en is None
    assert "tag «سورية» left without an English name: another tag is called «Syria»" in (
        err.getvalue()
    )


BROKEN_TRANSLATIONS = [
    ("", "1", "empty document"),
    ("Monday, 3 November 2025 04:54 AM\n\n", "1", "no title after the dateline"),
    # The title left out: the first paragraph is taken for it.
    (lambda text: text.replace(NEWS_TITLE_EN + "\n\n", ""), "3",
     "title longer than 300 characters"),
    # A paragraph left out.
    (lambda text: text.split("\n\nSince 2014, the coalition")[0], "31",
     "the translation ends here, but the source goes on with a paragraph (line 35"),
    (lambda text: text.replace("Monday, 3 November", "Tuesday, 4 November"), "1",
     "the dateline says 2025-11-04 04:54, the source's 2025-11-03 04:54"),
    (lambda text: text.replace("Bases and Military Deployment", "Bases and deployment."), "31",
     "a paragraph where the source has a heading (line 33 of the source)"),
]  # fmt: skip


def broken(text, change):
    return change if isinstance(change, str) else change(text)


@pytest.mark.parametrize(("change", "line", "message"), BROKEN_TRANSLATIONS)
def test_broken_translation_stops_its_document(tmp_path, change, line, message):
    folder = copy_seeds(tmp_path / "seeds")
    path = folder / NEWS_EN
    path.write_text(broken(path.read_text(encoding="utf-8"), change), encoding="utf-8")
    error = failure(folder)
    assert re.search(rf"(^|/){re.escape(NEWS_EN)}:{line}: ", error), error
    assert message in error
    # The paper before it is imported; the news and its translation are not, together.
    assert list(SeedImport.objects.values_list("document", flat=True)) == [PAPER]
    assert not Article.objects.filter(title_ar=NEWS_TITLE).exists()
    assert not Section.objects.filter(slug="أخبار").exists()
    assert not Tag.objects.filter(name_ar="الولايات المتحدة").exists()


@pytest.mark.parametrize(("change", "line", "message"), BROKEN_TRANSLATIONS)
def test_broken_late_translation_writes_nothing(seeded_before_translations, change, line, message):
    folder = copy_seeds(seeded_before_translations)
    path = folder / NEWS_EN
    path.write_text(broken(path.read_text(encoding="utf-8"), change), encoding="utf-8")
    before = counts()
    error = failure(folder)
    assert re.search(rf"(^|/){re.escape(NEWS_EN)}:{line}: ", error), error
    assert message in error
    assert counts() == before
    assert not Article.objects.filter(title_en__isnull=False).exists()
    assert not Tag.objects.filter(name_en__isnull=False).exists()
    assert not Author.objects.exclude(name_en__isnull=True).exclude(name_en="").exists()


def test_english_names_given_on_creation(tmp_path):
    meta = (
        GOOD_META.replace('name = "قسم تجريبي"', 'name = "قسم تجريبي"\nname_en = "Test Section"')
        .replace('slug = "قسم-تجريبي"', 'slug = "قسم-تجريبي"\ndescription_en = "For tests."')
        .replace('kind = "person"', 'kind = "person"\nname_en = "Test Writer"\nrole_en = "Tester"')
        + '\n[tags_en]\n"وسم تجريبي" = "Test tag"\n'
    )
    write(tmp_path, "a.txt", GOOD_TEXT, meta)
    run(tmp_path)
    section = Section.objects.get(slug="قسم-تجريبي")
    assert (section.name_en, section.description_en) == ("Test Section", "For tests.")
    author = Author.objects.get(name_ar="كاتب تجريبي")
    assert (author.name_en, author.role_en) == ("Test Writer", "Tester")
    assert Tag.objects.get(name_ar="وسم تجريبي").name_en == "Test tag"
    article = Article.objects.get()
    assert article.title_en is None  # names only: the document has no translation
    assert "test tag" in article.search_document_en.lower()


# --- Broken documents -------------------------------------------------------

GOOD_TEXT = """\
ورقة سليمة

مقدمة:

نص سليم[1].

المراجع:

  1. جهة ما، "عنوان المرجع"، ناشر ما، 2024.
"""

GOOD_META = """\
layout = "paper"

[article]
section = "قسم-تجريبي"
authors = ["كاتب تجريبي"]
tags = ["وسم تجريبي"]
published_at = 2025-01-02T03:04:05

[read_also]
section = "قسم-تجريبي"

[[sections]]
name = "قسم تجريبي"
slug = "قسم-تجريبي"

[[authors]]
name = "كاتب تجريبي"
kind = "person"
"""

READ_ALSO = """
اقرأ أيضا

مقال مقترح

ملخصه.

4 ديسمبر 2025

كاتب غير معروف
"""


def write(folder, name, text, meta=GOOD_META):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    if meta is not None:
        path.with_suffix(".toml").write_text(meta, encoding="utf-8")
    return path


def failure(folder):
    with pytest.raises(CommandError) as caught:
        run(folder)
    return str(caught.value)


def assert_no_trace():
    """Nothing of the broken test documents is in the database."""
    assert not Article.objects.exists()
    assert not Section.objects.filter(slug="قسم-تجريبي").exists()
    assert not Author.objects.filter(name_ar="كاتب تجريبي").exists()
    assert not Tag.objects.filter(name_ar="وسم تجريبي").exists()
    assert not Reference.objects.exists()
    assert not SeedImport.objects.exists()


def test_a_good_document_in_another_folder(tmp_path):
    write(tmp_path, "a.txt", GOOD_TEXT)
    assert run(tmp_path) == "imported a.txt: «ورقة سليمة» (1 references, 0 read-also)\n"


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "bad.txt:1", "empty document"),
        (GOOD_TEXT.replace("[1]", "[1][2]"), "bad.txt:5", "footnote [2] has no reference 2"),
        (
            GOOD_TEXT.replace('جهة ما، "عنوان المرجع"، ناشر ما، 2024.', "جهة ما."),
            "bad.txt:9",
            "reference entry without a title",
        ),
        (
            GOOD_TEXT.replace('  1. جهة ما، "عنوان المرجع"، ناشر ما، 2024.\n', ""),
            "bad.txt:7",
            "references heading without entries",
        ),
        (GOOD_TEXT + READ_ALSO.replace("4 ديسمبر 2025\n", ""), "bad.txt:13", "without a date"),
        (GOOD_TEXT + READ_ALSO.replace("كاتب غير معروف\n", ""), "bad.txt:17", "without an author"),
        ("ورقة\n\nنص.\n".encode() + b"\xc3\x28\n", "bad.txt:4", "not valid UTF-8"),
        # Found only while writing: everything before it must be rolled back.
        (GOOD_TEXT + READ_ALSO, "bad.txt:19", "unknown author «كاتب غير معروف»"),
    ],
)
def test_broken_document_names_file_and_line_and_leaves_no_trace(tmp_path, text, where, message):
    write(tmp_path, "bad.txt", text)
    error = failure(tmp_path)
    assert re.search(rf"(^|/){re.escape(where)}: ", error), error
    assert message in error
    assert_no_trace()


@pytest.mark.parametrize(
    ("meta", "where", "message"),
    [
        ("layout = \n", "bad.toml:1", "invalid TOML"),
        (GOOD_META.replace('section = "قسم-تجريبي"\nauthors', 'section = "لا-يوجد"\nauthors'),
         "bad.toml:4", "unknown section «لا-يوجد»"),
        (GOOD_META.replace('name = "كاتب تجريبي"', 'name = "كاتب آخر"'),
         "bad.toml:5", "unknown author «كاتب تجريبي»"),
        (GOOD_META.replace('layout = "paper"', 'layout = "news"'), "bad.txt:1", "dateline"),
    ],
)  # fmt: skip
def test_broken_metadata_names_file_and_line(tmp_path, meta, where, message):
    write(tmp_path, "bad.txt", GOOD_TEXT, meta)
    error = failure(tmp_path)
    assert re.search(rf"(^|/){re.escape(where)}: ", error), error
    assert message in error
    assert_no_trace()


def test_unknown_read_also_section_rolls_back_the_whole_document(tmp_path):
    text = GOOD_TEXT + READ_ALSO.replace("كاتب غير معروف", "كاتب تجريبي")
    write(
        tmp_path,
        "bad.txt",
        text,
        GOOD_META.replace('section = "قسم-تجريبي"\n\n[[', 'section = "x"\n\n[['),
    )
    error = failure(tmp_path)
    assert "bad.toml:10: unknown section «x»" in error
    assert_no_trace()


def test_missing_metadata_file_is_named(tmp_path):
    write(tmp_path, "bad.txt", GOOD_TEXT, meta=None)
    error = failure(tmp_path)
    assert "bad.txt: metadata file" in error
    assert "bad.toml is missing" in error
    assert_no_trace()


def test_documents_before_a_broken_one_stay_imported(tmp_path):
    write(tmp_path, "000_good.txt", GOOD_TEXT)
    bad = write(
        tmp_path, "001_bad.txt", GOOD_TEXT.replace("ورقة سليمة", "ورقة معطوبة") + "\nالمراجع:\n"
    )
    error = failure(tmp_path)
    assert "001_bad.txt:11: this section appears twice" in error

    assert list(SeedImport.objects.values_list("document", flat=True)) == ["000_good.txt"]
    assert list(Article.objects.values_list("title_ar", flat=True)) == ["ورقة سليمة"]
    assert Reference.objects.count() == 1

    # Once mended, the next run takes up where the last one stopped.
    bad.write_text(GOOD_TEXT.replace("ورقة سليمة", "ورقة مصلحة"), encoding="utf-8")
    assert run(tmp_path).splitlines() == [
        "skipped 000_good.txt (already imported)",
        "imported 001_bad.txt: «ورقة مصلحة» (1 references, 0 read-also)",
    ]


def test_an_imported_document_is_not_reread(tmp_path):
    path = write(tmp_path, "a.txt", GOOD_TEXT)
    run(tmp_path)
    path.write_bytes(b"\xff")
    path.with_suffix(".toml").unlink()
    assert run(tmp_path) == "skipped a.txt (already imported)\n"


def test_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        run(tmp_path / "nowhere")


# --- Revisions ----------------------------------------------------------------


def test_each_imported_article_and_author_has_its_first_revision(paper, news):
    comment = f"استيراد من seeds/{PAPER}"
    (version,) = Version.objects.get_for_object(paper)
    assert version.revision.comment == comment
    kept = {v.content_type.model for v in version.revision.version_set.all()}
    assert kept == {"article", "authorship", "reference", "readalso", "taggedarticle"}
    assert version.field_dict["title_ar"] == PAPER_TITLE
    # The read-also articles the document made, and the authors it made, each have theirs.
    for target in (link.target for link in paper.read_also_links.all()):
        (own,) = Version.objects.get_for_object(target)
        assert own.revision.comment == comment and own.revision != version.revision
    for author in Author.objects.all():
        assert Version.objects.get_for_object(author).count() == 1
    # The translation came with its document: the news' first revision has its English.
    (news_version,) = Version.objects.get_for_object(news)
    assert news_version.field_dict["title_en"] == NEWS_TITLE_EN
    assert news_version.revision.comment == f"استيراد من seeds/{NEWS}"

    run()  # a second run imports nothing, and keeps no revision
    assert Version.objects.get_for_object(paper).count() == 1


def test_the_first_admin_save_is_compared_with_the_import(client, paper):
    editor = get_user_model().objects.create_superuser("editor", password="unused-pass-1")
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[paper.pk])
    data = browser_form(client.get(change)) | {"title_ar": "عنوان عدّله المحرر"}
    assert client.post(change, data).status_code == 302
    imported, saved = Version.objects.get_for_object(paper).order_by("pk")

    history = client.get(reverse("admin:articles_article_history", args=[paper.pk]))
    assert f"استيراد من seeds/{PAPER}" in history.content.decode()
    compare = client.get(
        reverse("admin:articles_article_compare", args=[paper.pk]),
        {"version_id1": imported.pk, "version_id2": saved.pk},
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    assert PAPER_TITLE in html and "عنوان عدّله المحرر" in html

    # And the import can be restored.
    url = reverse("admin:articles_article_revision", args=[paper.pk, imported.pk])
    assert client.post(url, browser_form(client.get(url))).status_code == 302
    paper.refresh_from_db()
    assert paper.title_ar == PAPER_TITLE and paper.references.count() == 7


def test_a_late_translation_is_a_revision_of_its_own(seeded_before_translations):
    news = Article.objects.get(title_ar=NEWS_TITLE)
    shutil.copy(SEEDS / NEWS_EN, seeded_before_translations / NEWS_EN)

    run(seeded_before_translations)

    imported, translated = Version.objects.get_for_object(news).order_by("pk")
    assert imported.revision.comment == f"استيراد من seeds/{NEWS}"
    assert not imported.field_dict["title_en"]
    assert translated.revision.comment == f"استيراد الترجمة الإنجليزية من seeds/{NEWS_EN}"
    assert translated.field_dict["title_en"] == NEWS_TITLE_EN


def test_a_broken_document_leaves_no_revision(tmp_path):
    folder = copy_seeds(tmp_path / "seeds")
    (folder / NEWS_EN).write_text("", encoding="utf-8")

    with pytest.raises(CommandError):
        run(folder)

    comments = set(
        Version.objects.get_for_model(Article).values_list("revision__comment", flat=True)
    )
    assert comments == {f"استيراد من seeds/{PAPER}"}
